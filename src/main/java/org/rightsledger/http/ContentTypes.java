package org.rightsledger.http;

import java.lang.reflect.Method;
import java.util.Arrays;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.rightsledger.problem.ProblemException;
import org.rightsledger.problem.ProblemType;

/**
 * A body must say what it is. Quarkus REST lets a request without {@code Content-Type} reach an
 * operation that consumes JSON (and would read it as JSON); here it is a 415. A {@code charset}
 * parameter is ignored, as RFC 8259 §11 asks: JSON is UTF-8, and bytes that are not are a 400
 * ({@code RequestBodies.utf8}).
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
    }
}
