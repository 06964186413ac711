package org.rightsledger.log;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import org.erdtman.jcs.JsonCanonicalizer;

/**
 * The hash-chain formulas of the log, exactly as docs/log-format.md states them (#contenthash, #hash-the-chain):
 * <pre>
 *   contentHash = SHA-256(0x00 || JCS(content))
 *   hash        = SHA-256(0x02 || be64(position) || previous hash || contentHash)
 * </pre>
 * The database computes {@code hash} inside {@code append_entry}; this class computes both
 * for the writer (contentHash) and for anyone verifying a copy (both).
 */
public final class Chain {

    /** The "previous hash" of position 1. */
    public static final byte[] GENESIS = new byte[32];

    private static final byte CONTENT_PREFIX = 0x00;
    private static final byte ENTRY_PREFIX = 0x02;
    private static final HexFormat HEX = HexFormat.of();

    private Chain() {
    }

    /** RFC 8785 canonical form of a JSON text. */
    public static String canonicalize(String json) {
        try {
            return new JsonCanonicalizer(json).getEncodedString();
        } catch (IOException e) {
            throw new IllegalArgumentException("not canonicalizable JSON: " + e.getMessage(), e);
        }
    }

    public static byte[] contentHash(String canonicalJson) {
        MessageDigest sha = sha256();
        sha.update(CONTENT_PREFIX);
        sha.update(canonicalJson.getBytes(StandardCharsets.UTF_8));
        return sha.digest();
    }

    public static byte[] entryHash(long position, byte[] previousHash, byte[] contentHash) {
        MessageDigest sha = sha256();
        sha.update(ENTRY_PREFIX);
        sha.update(ByteBuffer.allocate(Long.BYTES).putLong(position).array());
        sha.update(previousHash);
        sha.update(contentHash);
        return sha.digest();
    }

    public static String hex(byte[] bytes) {
        return HEX.formatHex(bytes);
    }

    public static byte[] unhex(String hex) {
        return HEX.parseHex(hex);
    }

    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
