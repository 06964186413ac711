package org.rightsledger.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Standard Webhooks signatures (https://www.standardwebhooks.com): the secret is
 * {@code whsec_<base64 of its bytes>}; a message is signed as
 * {@code v1,<base64 HMAC-SHA256(secret bytes, id + "." + timestamp + "." + body)>}.
 */
public final class Signature {

    public static final String SECRET_PREFIX = "whsec_";
    /** 32 random bytes: the specification asks for 24 to 64. */
    static final int SECRET_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private Signature() {
    }

    public static byte[] newSecret() {
        byte[] secret = new byte[SECRET_BYTES];
        RANDOM.nextBytes(secret);
        return secret;
    }

    /** The secret as partners configure it in their receiver. */
    public static String format(byte[] secret) {
        return SECRET_PREFIX + Base64.getEncoder().encodeToString(secret);
    }

    /** The bytes of a {@code whsec_…} secret (the prefix is optional, as in the reference libraries). */
    public static byte[] parse(String secret) {
        String base64 = secret.startsWith(SECRET_PREFIX) ? secret.substring(SECRET_PREFIX.length()) : secret;
        return Base64.getDecoder().decode(base64);
    }

    /** The {@code webhook-signature} header value. */
    public static String sign(byte[] secret, String messageId, long timestamp, String body) {
        return sign(secret, messageId, timestamp, body.getBytes(StandardCharsets.UTF_8));
    }

    public static String sign(byte[] secret, String messageId, long timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update((messageId + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
