package org.rightsledger.problem;

import java.lang.reflect.Method;
import java.util.Arrays;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * A body must say what it is. Quarkus REST lets a request without {@code Content-Type} reach an
 * operation that consumes JSON (and would read it as JSON); here it is a 415, as is a charset
 * other than UTF-8 (RFC 8259 §8.1: JSON is UTF-8; NDJSON too).
 */
public class ContentTypes {

    @ServerRequestFilter
    public void require(ContainerRequestContext request, ResourceInfo resource) {
        Method method = resource.getResourceMethod();
        if (method == null) {
            return;
        }
        Consumes consumes = method.getAnnotation(Consumes.class);
        if (consumes == null) {
            consumes = resource.getResourceClass().getAnnotation(Consumes.class);
        }
        if (consumes == null) {
            return;
        }
        String accepted = String.join(", ", Arrays.asList(consumes.value()));
        if (request.getHeaderString(HttpHeaders.CONTENT_TYPE) == null) {
            throw new ProblemException(ProblemType.UNSUPPORTED_MEDIA_TYPE,
                    "The request has a body but no Content-Type; send Content-Type: " + accepted);
        }
        MediaType type;
        try {
            type = request.getMediaType();
        } catch (IllegalArgumentException e) {
            throw new ProblemException(ProblemType.UNSUPPORTED_MEDIA_TYPE,
                    "The Content-Type header cannot be parsed; send Content-Type: " + accepted);
        }
        String charset = type == null ? null : type.getParameters().get(MediaType.CHARSET_PARAMETER);
        if (charset != null && !charset.equalsIgnoreCase("utf-8") && !charset.equalsIgnoreCase("utf8")) {
            throw new ProblemException(ProblemType.UNSUPPORTED_MEDIA_TYPE,
                    "The body must be UTF-8 (RFC 8259), not charset=" + charset);
        }
    }
}
