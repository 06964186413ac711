package org.rightsledger.http;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.rightsledger.log.Chain;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/**
 * The credential a request presents in {@code Authorization}, hashed once per request: the rate
 * limiter keys its bucket on the hash and the key lookup finds the key by it. No token is kept in
 * memory, only its SHA-256.
 *
 * @param bearer whether the header has the form {@code Bearer <token>}; anything else is a 401
 * @param hash the SHA-256 of the token (of the whole header value when it is not a bearer token)
 */
public record BearerToken(boolean bearer, byte[] hash) {

    private static final String PREFIX = "Bearer ";
    private static final String KEY = BearerToken.class.getName();
    private static final BearerToken NONE = new BearerToken(false, null);

    /** The request's credential, if it sends one; computed on the first call, remembered for the others. */
    public static Optional<BearerToken> of(RoutingContext ctx) {
        BearerToken token = ctx.get(KEY);
        if (token == null) {
            token = parse(ctx.request().getHeader(HttpHeaders.AUTHORIZATION));
            ctx.put(KEY, token);
        }
        return token == NONE ? Optional.empty() : Optional.of(token);
    }

    static BearerToken parse(String authorization) {
        if (authorization == null) {
            return NONE;
        }
        boolean bearer = authorization.regionMatches(true, 0, PREFIX, 0, PREFIX.length())
                && !authorization.substring(PREFIX.length()).isBlank();
        String credential = bearer ? authorization.substring(PREFIX.length()).strip() : authorization;
        return new BearerToken(bearer, hash(credential));
    }

    public static byte[] hash(String token) {
        return Chain.sha256().digest(token.getBytes(StandardCharsets.UTF_8));
    }

    public String hex() {
        return Chain.hex(hash);
    }
}
