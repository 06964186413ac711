package org.rightsledger.webhook;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;

import org.junit.jupiter.api.Test;

/** Webhook signatures are Standard Webhooks signatures: a receiver's existing library verifies ours. */
class SignatureTest {

    /**
     * The known answer of the specification's reference libraries
     * (standard-webhooks/standard-webhooks, libraries/java, WebhookTest.verifyWebhookSignWorks;
     * the same vector is in its other libraries and in Svix's).
     */
    @Test
    void signsTheStandardWebhooksTestVectorExactly() {
        byte[] secret = Signature.parse("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
        assertEquals("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
                Signature.sign(secret, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, "{\"test\": 2432232314}"));
    }

    @Test
    void anyChangeToIdTimestampOrBodyChangesTheSignature() {
        byte[] secret = Signature.parse("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
        String signed = Signature.sign(secret, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, "{\"test\": 2432232314}");
        assertNotEquals(signed, Signature.sign(secret, "msg_p5jXN8AQM9LWM0D4loKWxJeK", 1614265330, "{\"test\": 2432232314}"));
        assertNotEquals(signed, Signature.sign(secret, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265331, "{\"test\": 2432232314}"));
        assertNotEquals(signed, Signature.sign(secret, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, "{\"test\": 2432232315}"));
    }

    @Test
    void secretsAreWhsecBase64Of32RandomBytesAndReadBackWithOrWithoutThePrefix() {
        byte[] secret = Signature.newSecret();
        String shown = Signature.format(secret);
        assertTrue(shown.matches("whsec_[A-Za-z0-9+/]{43}="), shown);
        assertArrayEquals(secret, Signature.parse(shown));
        assertArrayEquals(secret, Signature.parse(shown.substring("whsec_".length())));
        assertNotEquals(shown, Signature.format(Signature.newSecret()));
    }

    @Test
    void messageIdsNameTheWebhookAndThePositionsSoRetriesKeepThem() {
        UUID webhook = UUID.fromString("0b7e4c8a-2f1d-4e9b-8a6c-5d3e2f1a0b9c");
        assertEquals("msg_0b7e4c8a2f1d4e9b8a6c5d3e2f1a0b9c_42", WebhookDeliverer.messageId(webhook, 42, 42));
        assertEquals("msg_0b7e4c8a2f1d4e9b8a6c5d3e2f1a0b9c_42-57", WebhookDeliverer.messageId(webhook, 42, 57));
        // No dot: the signed content is id.timestamp.body.
        assertTrue(!WebhookDeliverer.messageId(webhook, 1, 2).contains("."));
    }
}
