package org.rightsledger.verify;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;

import org.rightsledger.log.Checkpoints;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The partner's side of the API, for {@code verify} and {@code sync}: JSON reads and the live
 * stream of one service, with the partner's API key when one is given, and the signed checkpoint
 * checked before anything is compared with it.
 */
public final class LedgerClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String url;
    private final String token;

    /** {@code url}: the service's base URL (trailing slashes ignored); {@code token}: an API key, or null. */
    public LedgerClient(String url, String token) {
        this.url = url.replaceAll("/+$", "");
        this.token = token;
    }

    /** GET {@code path} as JSON; anything but a 200 is an IOException that quotes the answer. */
    public JsonNode get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request(path).timeout(Duration.ofSeconds(60))
                .header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("GET " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    /** Opens a Server-Sent Events stream (no timeout: it is meant to stay open); the caller closes it. */
    public InputStream stream(String path) throws IOException, InterruptedException {
        HttpResponse<InputStream> response = http.send(request(path).header("Accept", "text/event-stream").build(),
                HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            response.body().close();
            throw new IOException("the stream answered " + response.statusCode());
        }
        return response.body();
    }

    /**
     * The signed checkpoint ({@code /v1/log/checkpoint}), its Ed25519 signature checked with
     * {@code pinnedKey} (base64), or without one with the key the service publishes.
     */
    public JsonNode checkpoint(String pinnedKey) throws IOException, InterruptedException, BadSignature {
        JsonNode checkpoint = get("/v1/log/checkpoint");
        String publicKey = pinnedKey != null ? pinnedKey : get("/v1/log/public-key").path("publicKey").asText();
        if (!signatureHolds(checkpoint, publicKey)) {
            throw new BadSignature();
        }
        return checkpoint;
    }

    /** The checkpoint's signature does not verify with the public key. */
    public static final class BadSignature extends Exception {
        BadSignature() {
            super("the checkpoint's signature does not verify with the public key");
        }
    }

    private static boolean signatureHolds(JsonNode checkpoint, String publicKeyBase64) {
        try {
            PublicKey key = KeyFactory.getInstance(Checkpoints.ALGORITHM)
                    .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(publicKeyBase64)));
            Signature verifier = Signature.getInstance(Checkpoints.ALGORITHM);
            verifier.initVerify(key);
            verifier.update(Checkpoints.message(checkpoint.path("position").asLong(), checkpoint.path("hash").asText()));
            return verifier.verify(Base64.getDecoder().decode(checkpoint.path("signature").asText()));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request;
    }
}
