package org.rightsledger.log;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.NamedParameterSpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.runtime.Startup;

/**
 * Signed checkpoints: the head, signed with Ed25519, so a partner can keep proof of what the
 * log held outside our database. The key is a 32-byte seed from {@code ledger.signing-key}
 * (base64); without one, a key is generated at start-up and lives as long as the process.
 */
@ApplicationScoped
@Startup // so a missing signing key is reported at start-up, not at the first checkpoint
public class Checkpoints {

    public static final String ALGORITHM = "Ed25519";
    private static final Logger LOG = Logger.getLogger(Checkpoints.class);

    private final KeyPair keys;
    private final String keyId;
    private final String publicKey;

    Checkpoints(@ConfigProperty(name = "ledger.signing-key") Optional<String> seed) {
        this.keys = keyPair(seed.filter(s -> !s.isBlank()).map(s -> Base64.getDecoder().decode(s.strip())));
        byte[] encoded = keys.getPublic().getEncoded();
        this.publicKey = Base64.getEncoder().encodeToString(encoded);
        this.keyId = Chain.hex(Chain.sha256().digest(encoded)).substring(0, 16);
        if (seed.filter(s -> !s.isBlank()).isEmpty()) {
            LOG.warnf("ledger.signing-key is not set: checkpoints are signed with a key generated for this "
                    + "process only (key id %s); set LEDGER_SIGNING_KEY to keep one key across restarts", keyId);
        }
    }

    /** What is signed: a fixed prefix, the position and the hash, as UTF-8. */
    public static byte[] message(long position, String hash) {
        return ("rights-ledger:checkpoint:v1:" + position + ":" + hash).getBytes(StandardCharsets.UTF_8);
    }

    public Checkpoint sign(LogHead head) {
        try {
            Signature signer = Signature.getInstance(ALGORITHM);
            signer.initSign(keys.getPrivate());
            signer.update(message(head.position(), head.hash()));
            return new Checkpoint(head.position(), head.hash(), head.recordedAt(), ALGORITHM, keyId,
                    Base64.getEncoder().encodeToString(signer.sign()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("signing a checkpoint failed", e);
        }
    }

    public PublicKey publicKey() {
        return new PublicKey(ALGORITHM, keyId, publicKey,
                "-----BEGIN PUBLIC KEY-----\n" + publicKey + "\n-----END PUBLIC KEY-----\n");
    }

    /** API model: a signed head. */
    public record Checkpoint(long position, String hash, Instant recordedAt, String algorithm, String keyId,
            String signature) {
    }

    /** API model: the key checkpoints are signed with; {@code publicKey} is X.509 SubjectPublicKeyInfo, base64. */
    public record PublicKey(String algorithm, String keyId, String publicKey, String publicKeyPem) {
    }

    private static KeyPair keyPair(Optional<byte[]> seed) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(ALGORITHM);
            if (seed.isPresent()) {
                if (seed.get().length != 32) {
                    throw new IllegalArgumentException("ledger.signing-key must be 32 bytes, base64-encoded");
                }
                // An Ed25519 private key is its 32-byte seed: hand the generator exactly those bytes.
                generator.initialize(NamedParameterSpec.ED25519, new FixedSeed(seed.get()));
            }
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is not available", e);
        }
    }

    private static final class FixedSeed extends SecureRandom {
        private final byte[] seed;

        FixedSeed(byte[] seed) {
            this.seed = seed.clone();
        }

        @Override
        public void nextBytes(byte[] bytes) {
            System.arraycopy(seed, 0, bytes, 0, Math.min(seed.length, bytes.length));
        }
    }
}
