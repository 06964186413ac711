package org.rightsledger.proof;

import java.util.Base64;

/**
 * The body of a C2SP tlog-checkpoint: {@code <origin>\n<tree size>\n<base64 root hash>\n}, then
 * optional extension lines (kept, not interpreted). Signed, it is a signed note.
 */
public record TreeCheckpoint(String origin, long size, byte[] rootHash) {

    public String text() {
        return origin + "\n" + size + "\n" + Base64.getEncoder().encodeToString(rootHash) + "\n";
    }

    /** Reads the text of an opened note. */
    public static TreeCheckpoint parse(String text) throws SignedNote.Invalid {
        String[] lines = text.split("\n", -1);
        if (lines.length < 4 || lines[0].isEmpty()) {
            throw new SignedNote.Invalid("a checkpoint has an origin, a size and a root hash, one per line");
        }
        try {
            if (!lines[1].matches("0|[1-9][0-9]{0,18}")) {
                throw new IllegalArgumentException("the tree size is not a decimal number: " + lines[1]);
            }
            byte[] root = Base64.getDecoder().decode(lines[2]);
            if (root.length != TreeHashes.HASH_BYTES) {
                throw new IllegalArgumentException("the root hash is not 32 bytes");
            }
            return new TreeCheckpoint(lines[0], Long.parseLong(lines[1]), root);
        } catch (IllegalArgumentException e) {
            throw new SignedNote.Invalid("malformed checkpoint: " + e.getMessage());
        }
    }
}
