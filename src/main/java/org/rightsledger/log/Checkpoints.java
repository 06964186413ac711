package org.rightsledger.log;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.NamedParameterSpec;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import org.rightsledger.proof.SignedNote;
import org.rightsledger.proof.TreeCheckpoint;

import io.quarkus.runtime.Startup;

/**
 * Signed checkpoints: the head, signed with Ed25519, so a partner can keep proof of what the
 * log held outside our database. The key is a 32-byte seed from {@code ledger.signing-key}
 * (base64); without one, a key is generated at start-up and lives as long as the process.
 * The same key signs the C2SP tlog-checkpoint note of the Merkle tree, under the log's origin
 * ({@code ledger.log-origin}, by default the host name).
 */
@ApplicationScoped
@Startup // so a missing signing key is reported at start-up, not at the first checkpoint
public class Checkpoints {

    public static final String ALGORITHM = "Ed25519";
    private static final Logger LOG = Logger.getLogger(Checkpoints.class);

    private final KeyPair keys;
    private final String keyId;
    private final String publicKey;
    private final String origin;
    private final byte[] rawPublicKey;

    Checkpoints(@ConfigProperty(name = "ledger.signing-key") Optional<String> seed,
            @ConfigProperty(name = "ledger.log-origin") Optional<String> origin) {
        this.keys = keyPair(seed.filter(s -> !s.isBlank()).map(s -> Base64.getDecoder().decode(s.strip())));
        this.origin = SignedNote.checkName(origin.map(String::strip).filter(s -> !s.isEmpty()).orElseGet(Checkpoints::hostName));
        this.rawPublicKey = SignedNote.rawKey(keys.getPublic());
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

    /** The head, signed, and the tree of the head's size ({@code rootHash}) as a signed note. */
    public Checkpoint sign(LogHead head, byte[] rootHash) {
        try {
            Signature signer = Signature.getInstance(ALGORITHM);
            signer.initSign(keys.getPrivate());
            signer.update(message(head.position(), head.hash()));
            String note = SignedNote.sign(new TreeCheckpoint(origin, head.position(), rootHash).text(), origin,
                    keys.getPrivate(), rawPublicKey);
            return new Checkpoint(head.position(), head.hash(), head.recordedAt(), ALGORITHM, keyId,
                    Base64.getEncoder().encodeToString(signer.sign()), head.position(), Chain.hex(rootHash), note);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("signing a checkpoint failed", e);
        }
    }

    public PublicKey publicKey() {
        return new PublicKey(ALGORITHM, keyId, publicKey,
                "-----BEGIN PUBLIC KEY-----\n" + publicKey + "\n-----END PUBLIC KEY-----\n",
                SignedNote.verifierKey(origin, rawPublicKey));
    }

    /** The name of the log in its checkpoint notes. */
    public String origin() {
        return origin;
    }

    /** API model: a signed head, and the signed note of the Merkle tree of its size. */
    public record Checkpoint(long position, String hash, Instant recordedAt, String algorithm, String keyId,
            String signature, long treeSize, String rootHash, String note) {
    }

    /**
     * API model: the key checkpoints are signed with; {@code publicKey} is X.509 SubjectPublicKeyInfo, base64;
     * {@code noteVerifierKey} is the same key as a signed-note verifier key.
     */
    public record PublicKey(String algorithm, String keyId, String publicKey, String publicKeyPem,
            String noteVerifierKey) {
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "rights-ledger";
        }
    }

    /** The Ed25519 key pair whose private key is this 32-byte seed (RFC 8032). */
    public static KeyPair keyPairFromSeed(byte[] seed) {
        return keyPair(Optional.of(seed));
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
