package org.rightsledger.rate;

import java.util.List;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Link;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.rightsledger.access.CurrentCaller;
import org.rightsledger.access.Roles;
import org.rightsledger.http.Cursor;
import org.rightsledger.http.Params;
import org.rightsledger.http.RequestBodies;
import org.rightsledger.http.SameForEveryCaller;
import org.rightsledger.log.EntryJson;
import org.rightsledger.log.LogEntry;
import org.rightsledger.problem.ProblemException;
import org.rightsledger.record.ReducedDate;

@Path("/v1/exchange-rates")
@Produces(MediaType.APPLICATION_JSON)
public class ExchangeRateResource {

    private final ExchangeRateService rates;
    private final RequestBodies bodies;
    private final CurrentCaller caller;

    ExchangeRateResource(ExchangeRateService rates, RequestBodies bodies, CurrentCaller caller) {
        this.rates = rates;
        this.bodies = bodies;
        this.caller = caller;
    }

    @RolesAllowed(Roles.WRITE)
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(byte[] body) {
        String partner = caller.get().partner();
        LogEntry entry = rates.create(bodies.read(body, ExchangeRateDraft.class), partner);
        return Response.status(Response.Status.CREATED)
                .entity(EntryJson.of(entry, "{}", true)).type(MediaType.APPLICATION_JSON_TYPE).build();
    }

    @PermitAll
    @SameForEveryCaller
    @GET
    public Response list(@QueryParam("currency") String currency, @QueryParam("from") String from,
            @QueryParam("to") String to, @QueryParam("limit") String limit, @QueryParam("cursor") String cursor,
            UriInfo uri) {
        if (currency != null && !currency.matches("[A-Z]{3}")) {
            throw ProblemException.badParameter("currency", "must be an ISO 4217 code such as KZT");
        }
        ReducedDate first = ReducedDate.param("from", from);
        ReducedDate last = ReducedDate.param("to", to);
        int size = Params.integer("limit", limit, 50, 1, 200);
        String filters = "rates|" + currency + "|" + from + "|" + to;
        Long before = cursor == null ? null : Cursor.decode(cursor, filters);
        List<LogEntry> entries = rates.list(currency, first == null ? null : first.first(),
                last == null ? null : last.last(), before, size + 1);
        String next = entries.size() > size ? Cursor.encode(entries.get(size - 1).position(), filters) : null;
        String page = EntryJson.page(entries.stream().limit(size).map(e -> EntryJson.of(e, "{}", true)).toList(),
                EntryJson.cursor(next));
        Response.ResponseBuilder response = Response.ok(page, MediaType.APPLICATION_JSON_TYPE);
        if (next != null) {
            response.links(Link.fromUri(uri.getRequestUriBuilder().replaceQueryParam("cursor", next).build())
                    .rel("next").build());
        }
        return response.build();
    }

}
