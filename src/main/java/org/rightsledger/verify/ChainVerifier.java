package org.rightsledger.verify;

import java.util.List;

import org.rightsledger.log.Chain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Replays entries in position order and checks what docs/log-format.md promises: positions 1, 2, 3 …
 * without holes, every contentHash recomputed from the served content (RFC 8785), every hash
 * chained from the previous one. Redacted placeholders cannot have their content checked; their
 * hashes still chain, so nothing can be missing or reordered unseen.
 */
public class ChainVerifier {

    private static final List<String> LOG_FIELDS = List.of("position", "contentHash", "hash", "derived");
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private long position;
    private byte[] previous;
    private long redacted;

    /** Verifies a log from its first entry. */
    public ChainVerifier() {
        this(0, Chain.hex(Chain.GENESIS));
    }

    /** Verifies from a position already verified (say, a partner's last sync), given its hash. */
    public ChainVerifier(long position, String hash) {
        this.position = position;
        this.previous = Chain.unhex(hash);
    }

    /** Thrown at the first entry that does not verify. */
    public static class Failure extends Exception {
        public final long position;

        Failure(long position, String message) {
            super("position " + position + ": " + message);
            this.position = position;
        }
    }

    public void accept(String entryJson) throws Failure {
        JsonNode entry;
        try {
            entry = JSON.readTree(entryJson);
        } catch (JsonProcessingException e) {
            throw new Failure(position + 1, "not JSON: " + e.getOriginalMessage());
        }
        accept(entry);
    }

    public void accept(JsonNode entry) throws Failure {
        long expected = position + 1;
        if (!entry.isObject() || !entry.path("position").canConvertToLong()) {
            throw new Failure(expected, "not an entry");
        }
        long served = entry.get("position").asLong();
        if (served != expected) {
            throw new Failure(expected, "the next entry served has position " + served + " (missing or out of order)");
        }
        String contentHash = entry.path("contentHash").asText();
        if (entry.path("redacted").asBoolean(false)) {
            redacted++;
        } else {
            String computed = contentHashOf(entry, expected);
            if (!computed.equals(contentHash)) {
                throw new Failure(expected, "content does not match its contentHash (served " + contentHash
                        + ", computed " + computed + ")");
            }
        }
        byte[] hash;
        try {
            hash = Chain.entryHash(expected, previous, Chain.unhex(contentHash));
        } catch (IllegalArgumentException e) {
            throw new Failure(expected, "contentHash is not hex");
        }
        String servedHash = entry.path("hash").asText();
        if (!Chain.hex(hash).equals(servedHash)) {
            throw new Failure(expected, "hash does not chain (served " + servedHash + ", computed " + Chain.hex(hash) + ")");
        }
        previous = hash;
        position = expected;
    }

    /** contentHash recomputed from a served entry: the entry minus its log fields, RFC 8785, SHA-256(0x00 ‖ …). */
    public static String contentHashOf(JsonNode entry, long position) throws Failure {
        ObjectNode content = ((ObjectNode) entry).deepCopy();
        content.remove(LOG_FIELDS);
        try {
            return Chain.hex(Chain.contentHash(Chain.canonicalize(JSON.writeValueAsString(content))));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new Failure(position, "content cannot be canonicalized: " + e.getMessage());
        }
    }

    public long position() {
        return position;
    }

    public String hash() {
        return Chain.hex(previous);
    }

    public long redacted() {
        return redacted;
    }
}
