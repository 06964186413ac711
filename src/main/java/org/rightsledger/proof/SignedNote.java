package org.rightsledger.proof;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;

import org.rightsledger.log.Chain;

/**
 * Signed notes (C2SP signed-note, the format of Go's golang.org/x/mod/sumdb/note) with Ed25519
 * signatures: a text ending in a newline, a blank line, then one line per signature
 * {@code — <key name> <base64(4-byte key hash ‖ 64-byte signature)>}. The key hash is the first
 * four bytes of SHA-256(name ‖ "\n" ‖ 0x01 ‖ public key); a verifier key is written
 * {@code <name>+<hex key hash>+<base64(0x01 ‖ public key)>}.
 */
public final class SignedNote {

    static final byte ED25519 = 0x01;
    private static final String SIGNATURE_PREFIX = "\u2014 ";
    /** X.509 SubjectPublicKeyInfo of an Ed25519 key, up to the 32 raw key bytes (RFC 8410). */
    private static final byte[] SPKI_PREFIX = Chain.unhex("302a300506032b6570032100");

    private SignedNote() {
    }

    /** Thrown when a note or key is malformed or a signature does not verify. */
    public static final class Invalid extends Exception {
        public Invalid(String message) {
            super(message);
        }
    }

    /** A note's key names cannot be empty or hold spaces or '+' (they are separated by them). */
    public static String checkName(String name) {
        if (name == null || name.isEmpty() || name.chars().anyMatch(c -> Character.isWhitespace(c) || c == '+'
                || Character.isISOControl(c) || Character.isSurrogate((char) c))) {
            throw new IllegalArgumentException("a note key name must be non-empty, without spaces or '+': " + name);
        }
        return name;
    }

    public static byte[] keyHash(String name, byte[] rawPublicKey) {
        MessageDigest sha = Chain.sha256();
        sha.update((checkName(name) + "\n").getBytes(StandardCharsets.UTF_8));
        sha.update(ED25519);
        sha.update(rawPublicKey);
        return Arrays.copyOf(sha.digest(), 4);
    }

    public static String verifierKey(String name, byte[] rawPublicKey) {
        byte[] key = ByteBuffer.allocate(1 + rawPublicKey.length).put(ED25519).put(rawPublicKey).array();
        return name + "+" + Chain.hex(keyHash(name, rawPublicKey)) + "+" + Base64.getEncoder().encodeToString(key);
    }

    /** The 32 raw bytes of an Ed25519 public key (the end of its X.509 encoding). */
    public static byte[] rawKey(PublicKey key) {
        byte[] encoded = key.getEncoded();
        return Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length);
    }

    /** The text, a blank line and this key's signature line. */
    public static String sign(String text, String name, PrivateKey key, byte[] rawPublicKey) {
        checkText(text);
        try {
            Signature signer = Signature.getInstance("Ed25519");
            signer.initSign(key);
            signer.update(text.getBytes(StandardCharsets.UTF_8));
            byte[] signature = ByteBuffer.allocate(68).put(keyHash(name, rawPublicKey)).put(signer.sign()).array();
            return text + "\n" + SIGNATURE_PREFIX + name + " " + Base64.getEncoder().encodeToString(signature) + "\n";
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed", e);
        }
    }

    /**
     * The text of a note, after checking that one of its signatures is by the key
     * {@code verifierKey} names. Other signatures (by witnesses, say) are allowed and ignored.
     */
    public static String open(String note, String verifierKey) throws Invalid {
        String[] parts = verifierKey.strip().split("\\+", 3);
        if (parts.length != 3 || !parts[1].matches("[0-9a-f]{8}")) {
            throw new Invalid("a verifier key is <name>+<8 hex digits>+<base64 key>");
        }
        String name = parts[0];
        byte[] key;
        try {
            key = Base64.getDecoder().decode(parts[2]);
            checkName(name);
        } catch (IllegalArgumentException e) {
            throw new Invalid("malformed verifier key: " + e.getMessage());
        }
        if (key.length != 33 || key[0] != ED25519) {
            throw new Invalid("the verifier key is not an Ed25519 key");
        }
        byte[] raw = Arrays.copyOfRange(key, 1, 33);
        byte[] hash = keyHash(name, raw);
        if (!Chain.hex(hash).equals(parts[1])) {
            throw new Invalid("the verifier key's hash does not match its name and key");
        }
        int split = note.lastIndexOf("\n\n");
        if (split < 0 || !note.endsWith("\n")) {
            throw new Invalid("not a signed note: no blank line before the signatures, or no final newline");
        }
        String text = note.substring(0, split + 1);
        try {
            checkText(text);
        } catch (IllegalArgumentException e) {
            throw new Invalid(e.getMessage());
        }
        for (String line : note.substring(split + 2, note.length() - 1).split("\n", -1)) {
            if (!line.startsWith(SIGNATURE_PREFIX)) {
                throw new Invalid("malformed signature line: " + line);
            }
            String[] fields = line.substring(SIGNATURE_PREFIX.length()).split(" ", -1);
            if (fields.length != 2) {
                throw new Invalid("malformed signature line: " + line);
            }
            byte[] signature;
            try {
                signature = Base64.getDecoder().decode(fields[1]);
            } catch (IllegalArgumentException e) {
                throw new Invalid("malformed signature: " + fields[1]);
            }
            if (!fields[0].equals(name) || signature.length < 4 || !Arrays.equals(hash, Arrays.copyOf(signature, 4))) {
                continue; // someone else's signature
            }
            if (signature.length == 68 && verifies(raw, text, Arrays.copyOfRange(signature, 4, 68))) {
                return text;
            }
            throw new Invalid("the signature by " + name + " does not verify");
        }
        throw new Invalid("the note has no signature by " + name + "+" + parts[1]);
    }

    public static PublicKey ed25519(byte[] rawPublicKey) throws GeneralSecurityException {
        byte[] spki = ByteBuffer.allocate(SPKI_PREFIX.length + 32).put(SPKI_PREFIX).put(rawPublicKey).array();
        return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
    }

    private static boolean verifies(byte[] rawPublicKey, String text, byte[] signature) {
        try {
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(ed25519(rawPublicKey));
            verifier.update(text.getBytes(StandardCharsets.UTF_8));
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** As note.Open requires: ends in a newline, no control characters but newlines. */
    private static void checkText(String text) {
        if (!text.endsWith("\n") || text.chars().anyMatch(c -> c != '\n' && Character.isISOControl(c))) {
            throw new IllegalArgumentException("a note's text ends in a newline and has no other control characters");
        }
    }
}
