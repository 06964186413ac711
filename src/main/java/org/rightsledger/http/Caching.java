package org.rightsledger.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.StreamingOutput;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/**
 * HTTP caching of reads (RFC 9110 §8.8 and §13, RFC 9111), in one place.
 *
 * <p>Every JAX-RS read that answers 200 ({@link #reads}):
 * <ul>
 * <li>{@code ETag}: the entity's revision when the resource set one (actors, cases: the tag
 * {@code If-Match} takes), else a tag of the body bytes this caller gets, 128 bits of their
 * SHA-256. A restricted reader's view and the public one are different bytes, so different tags,
 * and a {@code 304} tells a caller nothing its own {@code 200} would not. The export and the
 * stream are never hashed (nor buffered).</li>
 * <li>{@code If-None-Match} (a list of tags, or {@code *}; weak comparison, RFC 9110 §13.1.2)
 * that matches: {@code 304} with no body and the same {@code ETag}, {@code Cache-Control} and
 * {@code Vary}.</li>
 * <li>{@code Cache-Control}: {@code public, max-age=31536000, immutable} for {@link Immutable}
 * answers, else {@code no-cache} (store, but revalidate every time); {@code private} instead of
 * {@code public} when the request carries {@code Authorization}. A resource's own
 * {@code Cache-Control} wins; with {@code no-store} there is nothing to revalidate and
 * {@code If-None-Match} is not evaluated (a bill: its {@code ETag} is its revision, but its view
 * also shows readings, which change without a new revision). The export and the stream:
 * {@code no-store}.</li>
 * <li>{@code Vary: Authorization} unless {@link SameForEveryCaller}, and
 * {@code Vary: Accept-Encoding} on what may be gzip-compressed. ({@code Vary: Origin}:
 * {@link CorsGate}.)</li>
 * </ul>
 *
 * <p>Every other answer, whoever wrote it ({@link #defaults}, a Vert.x route handler, {@link Edge}):
 * problems (4xx, 5xx) {@code no-store}; a successful read with no {@code Cache-Control} yet
 * {@code no-cache}.
 */
@ApplicationScoped
public class Caching {

    static final String ETAG = HttpHeaders.ETAG;
    static final String IF_NONE_MATCH = HttpHeaders.IF_NONE_MATCH;
    static final String CACHE_CONTROL = HttpHeaders.CACHE_CONTROL;
    static final String VARY = HttpHeaders.VARY;
    static final String YEAR_IMMUTABLE = "max-age=31536000, immutable";
    static final String NDJSON = "application/x-ndjson";

    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    });
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final ObjectMapper json;
    private final Set<String> compressed;

    Caching(ObjectMapper json, @ConfigProperty(name = "quarkus.http.enable-compression") Optional<Boolean> compression,
            @ConfigProperty(name = "quarkus.http.compress-media-types") Optional<List<String>> mediaTypes) {
        this.json = json;
        this.compressed = compression.orElse(false)
                ? mediaTypes.orElse(List.of()).stream().map(t -> t.strip().toLowerCase(Locale.ROOT)).collect(Collectors.toSet())
                : Set.of();
    }

    /** Response filter of every JAX-RS answer: validators, 304, Cache-Control and Vary of reads. */
    @ServerResponseFilter
    public void reads(ContainerRequestContext request, ContainerResponseContext response, ResourceInfo resource) {
        String method = request.getMethod();
        if (response.getStatus() != 200 || !(HttpMethod.GET.equals(method) || HttpMethod.HEAD.equals(method))) {
            return;
        }
        MultivaluedMap<String, Object> headers = response.getHeaders();
        Object entity = response.getEntity();
        MediaType type = response.getMediaType();
        if (type == null && entity != null && !(entity instanceof StreamingOutput)) {
            // Not chosen yet (an object in a Response): every such read of ours is JSON.
            type = MediaType.APPLICATION_JSON_TYPE;
        }
        if (!annotated(resource, SameForEveryCaller.class)) {
            headers.add(VARY, HttpHeaders.AUTHORIZATION);
        }
        if (type != null && compressed.contains(type.getType() + '/' + type.getSubtype())) {
            headers.add(VARY, HttpHeaders.ACCEPT_ENCODING);
        }
        if (entity == null || entity instanceof StreamingOutput || !MediaType.APPLICATION_JSON_TYPE.isCompatible(type)) {
            // The export (up to gigabytes, streamed) and the like: nothing to revalidate, nothing worth storing.
            headers.putSingle(CACHE_CONTROL, "no-store");
            return;
        }
        boolean authorized = request.getHeaderString(HttpHeaders.AUTHORIZATION) != null;
        if (!headers.containsKey(CACHE_CONTROL)) {
            headers.putSingle(CACHE_CONTROL, (authorized ? "private, " : "")
                    + (annotated(resource, Immutable.class) ? (authorized ? "" : "public, ") + YEAR_IMMUTABLE : "no-cache"));
        }
        if (String.valueOf(headers.getFirst(CACHE_CONTROL)).contains("no-store")) {
            return;
        }
        Object given = headers.getFirst(ETAG);
        String tag;
        if (given instanceof EntityTag entityTag) {
            tag = (entityTag.isWeak() ? "W/\"" : "\"") + entityTag.getValue() + '"';
        } else if (given != null) {
            tag = given.toString();
        } else {
            byte[] body = bytes(entity);
            // Written as it is: the bytes hashed are the bytes sent, encoded once.
            response.setEntity(body, response.getEntityAnnotations(), type);
            headers = response.getHeaders(); // setEntity may have replaced the map
            tag = tag(body);
            headers.putSingle(ETAG, tag);
        }
        if (matchesAny(request.getHeaders().get(IF_NONE_MATCH), tag)) {
            response.setStatus(304);
            response.setEntity(null);
            response.getHeaders().remove(HttpHeaders.CONTENT_TYPE);
        }
    }

    /**
     * Route handler ({@link Edge}): what every answer, however written, says about caching; and
     * compression for the answers route handlers write themselves (problems at the edge, the
     * explorer's deep links), which Quarkus leaves marked {@code Content-Encoding: identity}.
     */
    void defaults(RoutingContext ctx) {
        ctx.addHeadersEndHandler(v -> {
            HttpServerResponse response = ctx.response();
            MultiMap headers = response.headers();
            String type = baseType(headers.get(io.vertx.core.http.HttpHeaders.CONTENT_TYPE));
            boolean compressible = type != null && compressed.contains(type);
            if (compressible) {
                if ("identity".equals(headers.get(io.vertx.core.http.HttpHeaders.CONTENT_ENCODING))) {
                    headers.remove(io.vertx.core.http.HttpHeaders.CONTENT_ENCODING); // gzip if asked
                }
                vary(headers, HttpHeaders.ACCEPT_ENCODING);
            }
            int status = response.getStatusCode();
            if (status >= 400) {
                headers.set(CACHE_CONTROL, "no-store");
                return;
            }
            io.vertx.core.http.HttpMethod method = ctx.request().method();
            if (status != 200 || !(method == io.vertx.core.http.HttpMethod.GET || method == io.vertx.core.http.HttpMethod.HEAD)) {
                return;
            }
            if ("text/event-stream".equals(type) || NDJSON.equals(type)) {
                headers.set(CACHE_CONTROL, "no-store");
            } else if (!headers.contains(CACHE_CONTROL)) {
                headers.set(CACHE_CONTROL,
                        ctx.request().getHeader(io.vertx.core.http.HttpHeaders.AUTHORIZATION) != null ? "private, no-cache" : "no-cache");
            }
        });
        ctx.next();
    }

    /**
     * The entity tag of a body: 128 bits of its SHA-256, base64url, strong. Public, with
     * {@link #matchesAny}, for a read that writes its answer through Vert.x itself.
     */
    public static String tag(byte[] body) {
        MessageDigest sha256 = SHA256.get();
        byte[] digest = sha256.digest(body);
        byte[] truncated = new byte[16];
        System.arraycopy(digest, 0, truncated, 0, 16);
        return '"' + BASE64URL.encodeToString(truncated) + '"';
    }

    /**
     * Whether {@code If-None-Match} (every field line of it) names {@code tag}, by weak comparison:
     * the opaque tags are equal, {@code W/} or not; {@code *} matches any current representation.
     * Members that are not entity tags are skipped.
     */
    public static boolean matchesAny(List<String> ifNoneMatch, String tag) {
        if (ifNoneMatch == null) {
            return false;
        }
        String opaque = tag.startsWith("W/") ? tag.substring(2) : tag;
        for (String field : ifNoneMatch) {
            int i = 0;
            int n = field.length();
            while (i < n) {
                char c = field.charAt(i);
                if (c == ' ' || c == '\t' || c == ',') {
                    i++;
                } else if (c == '*') {
                    return true;
                } else {
                    if (field.startsWith("W/", i)) {
                        i += 2;
                    }
                    int end = i < n && field.charAt(i) == '"' ? field.indexOf('"', i + 1) : -1;
                    if (end < 0) { // not an entity tag: skip to the next member
                        int comma = field.indexOf(',', i);
                        i = comma < 0 ? n : comma + 1;
                    } else if (end + 1 - i == opaque.length() && field.startsWith(opaque, i)) {
                        return true;
                    } else {
                        i = end + 1;
                    }
                }
            }
        }
        return false;
    }

    /** Adds a name to the one {@code Vary} header, once. */
    static void vary(MultiMap headers, String name) {
        CorsGate.vary(headers, name);
    }

    private byte[] bytes(Object entity) {
        if (entity instanceof byte[] bytes) {
            return bytes;
        }
        if (entity instanceof String text) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
        try {
            return json.writeValueAsBytes(entity);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize " + entity.getClass(), e);
        }
    }

    private static String baseType(String contentType) {
        if (contentType == null) {
            return null;
        }
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
    }

    private static boolean annotated(ResourceInfo resource, Class<? extends java.lang.annotation.Annotation> annotation) {
        return resource != null && resource.getResourceMethod() != null
                && (resource.getResourceMethod().isAnnotationPresent(annotation)
                        || resource.getResourceClass().isAnnotationPresent(annotation));
    }
}
