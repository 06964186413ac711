package org.rightsledger.access;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** A bearer token presented by a request, as its SHA-256 ({@code http.BearerToken}): what {@link ApiKeyIdentities} resolves. */
public class KeyPresented extends BaseAuthenticationRequest {

    private final byte[] tokenHash;

    public KeyPresented(byte[] tokenHash) {
        this.tokenHash = tokenHash.clone();
    }

    public byte[] tokenHash() {
        return tokenHash.clone();
    }
}
