package org.rightsledger.access;

import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.rightsledger.http.BearerToken;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpCredentialTransport;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * Bearer API keys, for Quarkus Security. No {@code Authorization} header: anonymous (reads are
 * public). A header that is not {@code Bearer <token>}, or a token that stands for nobody: 401 on
 * every request, reads included (authentication is proactive), so a partner with a broken key
 * learns it instead of silently reading the public view. The 401 problem is written by
 * {@code http.HttpLayer}; the challenge is the one below.
 */
@ApplicationScoped
public class ApiKeyMechanism implements HttpAuthenticationMechanism {

    static final String CHALLENGE = "Bearer realm=\"rights-ledger\"";

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext ctx, IdentityProviderManager identities) {
        Optional<BearerToken> token = BearerToken.of(ctx);
        if (token.isEmpty()) {
            return Uni.createFrom().optional(Optional.empty());
        }
        if (!token.get().bearer()) {
            return Uni.createFrom().failure(new AuthenticationFailedException("Send Authorization: Bearer <api key>"));
        }
        return identities.authenticate(HttpSecurityUtils.setRoutingContextAttribute(new KeyPresented(token.get().hash()), ctx));
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext ctx) {
        return Uni.createFrom().item(new ChallengeData(401, "WWW-Authenticate", CHALLENGE));
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(KeyPresented.class);
    }

    @Override
    public Uni<HttpCredentialTransport> getCredentialTransport(RoutingContext ctx) {
        return Uni.createFrom().item(new HttpCredentialTransport(HttpCredentialTransport.Type.AUTHORIZATION, "bearer"));
    }
}
