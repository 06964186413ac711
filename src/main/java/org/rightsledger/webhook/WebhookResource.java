package org.rightsledger.webhook;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.rightsledger.access.CurrentCaller;
import org.rightsledger.access.Roles;
import org.rightsledger.http.Params;
import org.rightsledger.http.RequestBodies;
import org.rightsledger.problem.ProblemException;
import org.rightsledger.problem.ProblemType;
import org.rightsledger.webhook.Webhooks.Subscription;

/**
 * A partner's webhooks (scope {@code write}). Each API key sees and manages only its own: any
 * other id is answered 404, exactly like an unknown one.
 */
@Path("/v1/webhooks")
@RolesAllowed(Roles.WRITE)
@Produces(MediaType.APPLICATION_JSON)
public class WebhookResource {

    private final Webhooks webhooks;
    private final WebhookDeliverer deliverer;
    private final WebhookConfig config;
    private final RequestBodies bodies;
    private final CurrentCaller caller;

    WebhookResource(Webhooks webhooks, WebhookDeliverer deliverer, WebhookConfig config, RequestBodies bodies,
            CurrentCaller caller) {
        this.webhooks = webhooks;
        this.deliverer = deliverer;
        this.config = config;
        this.bodies = bodies;
        this.caller = caller;
    }

    /** Subscribes; the secret is in this answer and nowhere else, ever. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(byte[] body) {
        UUID key = owner();
        WebhookRequest request = bodies.read(body, WebhookRequest.class);
        String url = request.url().strip();
        try {
            config.policy().check(url);
        } catch (TargetPolicy.Refused refused) {
            throw ProblemException.invalid("/url", refused.getMessage());
        }
        long head = webhooks.head();
        long after = request.after() == null ? head : request.after();
        if (after > head) {
            throw ProblemException.invalid("/after", "must be at most the head position, " + head);
        }
        List<String> types = request.types() == null ? null : request.types().stream().distinct().sorted().toList();
        byte[] secret = Signature.newSecret();
        Subscription created = webhooks.create(key, url, types, secret, after, config.maxPerKey())
                .orElseThrow(() -> new ProblemException(ProblemType.CONFLICT, "This API key already has "
                        + config.maxPerKey() + " webhooks, the most it may have; delete one first"));
        deliverer.wake();
        return Response.created(URI.create("/v1/webhooks/" + created.id()))
                .entity(WebhookViews.of(created, Signature.format(secret))).build();
    }

    @GET
    public WebhookViews.WebhookList list() {
        UUID key = owner();
        return new WebhookViews.WebhookList(webhooks.list(key).stream().map(WebhookViews::of).toList());
    }

    @GET
    @Path("/{id}")
    public WebhookViews.Webhook get(@PathParam("id") String id) {
        UUID key = owner();
        return WebhookViews.of(find(id, key));
    }

    /** Stops deliveries at once (one under way may still arrive) and forgets the webhook. */
    @DELETE
    @Path("/{id}")
    public Response delete(@PathParam("id") String id) {
        UUID key = owner();
        if (!webhooks.delete(uuid(id), key)) {
            throw notFound(id);
        }
        return Response.noContent().build();
    }

    /** Delivery starts again now, with a fresh backoff, from where it stopped. */
    @POST
    @Path("/{id}/resume")
    public WebhookViews.Webhook resume(@PathParam("id") String id) {
        UUID key = owner();
        if (!webhooks.resume(uuid(id), key)) {
            throw notFound(id);
        }
        deliverer.wake();
        return WebhookViews.of(find(id, key));
    }

    /** The recent delivery attempts, newest first. */
    @GET
    @Path("/{id}/deliveries")
    public WebhookViews.DeliveryList deliveries(@PathParam("id") String id, @QueryParam("limit") String limit) {
        UUID key = owner();
        int size = Params.integer("limit", limit, 20, 1, Webhooks.KEPT_ATTEMPTS);
        Subscription subscription = find(id, key);
        return new WebhookViews.DeliveryList(
                webhooks.attempts(subscription.id(), size).stream().map(WebhookViews.Delivery::of).toList());
    }

    /**
     * The id of the calling API key, as Quarkus Security authenticated it (401/403 were answered
     * before; only API keys have scope {@code write}). Webhooks belong to a key, not to a partner:
     * a partner's other keys do not see them, and revoking the key stops their deliveries.
     */
    private UUID owner() {
        return caller.get().key();
    }

    private Subscription find(String id, UUID key) {
        return webhooks.find(uuid(id), key).orElseThrow(() -> notFound(id));
    }

    private static UUID uuid(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw notFound(id);
        }
    }

    private static ProblemException notFound(String id) {
        return new ProblemException(ProblemType.NOT_FOUND, "No webhook " + id);
    }
}
