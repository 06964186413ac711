package org.rightsledger.verify;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.rightsledger.log.Chain;
import org.rightsledger.proof.ProofVerifier;
import org.rightsledger.proof.SignedNote;
import org.rightsledger.proof.TreeCheckpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The proof half of {@code verify}: checks the current signed checkpoint note, then
 * <ul>
 * <li>{@code --checkpoint FILE}: that the log still holds everything a kept checkpoint note signed
 * (an RFC 9162 consistency proof from its size to the current one);</li>
 * <li>{@code --position P} or {@code --entry FILE}: that the entry is in the tree the kept checkpoint
 * (or else the current one) signed, by an inclusion proof from the entry's recomputed contentHash;</li>
 * <li>{@code --save-checkpoint FILE}: keeps the current note for next time.</li>
 * </ul>
 * Nothing the server says is taken on trust: the notes are verified with the note verifier key
 * (pin it with {@code --note-key}), the proofs by {@link ProofVerifier}.
 */
final class ProofCheck {

    static final List<String> OPTIONS = List.of("--checkpoint", "--position", "--entry", "--save-checkpoint");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PrintStream out;
    private final LedgerClient ledger;

    ProofCheck(PrintStream out, LedgerClient ledger) {
        this.out = out;
        this.ledger = ledger;
    }

    /** Exit code 0: everything asked for verified; 1: something did not. IOException: could not check. */
    int run(Map<String, String> options) throws IOException, InterruptedException, ChainVerifier.Failure {
        String verifierKey = options.containsKey("--note-key") ? options.get("--note-key")
                : ledger.get("/v1/log/public-key").path("noteVerifierKey").asText();
        String note = ledger.get("/v1/log/checkpoint").path("note").asText();
        TreeCheckpoint current;
        try {
            current = TreeCheckpoint.parse(SignedNote.open(note, verifierKey));
        } catch (SignedNote.Invalid e) {
            out.println("FAILED: the current checkpoint note does not verify: " + e.getMessage());
            return 1;
        }
        out.printf("checkpoint note: %s, tree size %d, root %s: signature valid (%s)%n", current.origin(), current.size(),
                Chain.hex(current.rootHash()), verifierKey.substring(0, verifierKey.indexOf('+', verifierKey.indexOf('+') + 1)));
        TreeCheckpoint proveIn = current;
        try {
            if (options.containsKey("--checkpoint")) {
                proveIn = consistency(Path.of(options.get("--checkpoint")), verifierKey, current);
            }
            if (options.containsKey("--position") || options.containsKey("--entry")) {
                inclusion(options, proveIn);
            }
        } catch (SignedNote.Invalid | ProofVerifier.Invalid e) {
            out.println("FAILED: " + e.getMessage());
            return 1;
        }
        if (options.containsKey("--save-checkpoint")) {
            Files.writeString(Path.of(options.get("--save-checkpoint")), note, StandardCharsets.UTF_8);
            out.println("kept the current checkpoint note in " + options.get("--save-checkpoint"));
        }
        return 0;
    }

    private TreeCheckpoint consistency(Path file, String verifierKey, TreeCheckpoint current)
            throws IOException, InterruptedException, SignedNote.Invalid, ProofVerifier.Invalid {
        TreeCheckpoint kept = TreeCheckpoint.parse(SignedNote.open(Files.readString(file, StandardCharsets.UTF_8),
                verifierKey));
        if (!kept.origin().equals(current.origin())) {
            throw new SignedNote.Invalid("the kept checkpoint is of the log " + kept.origin() + ", not " + current.origin());
        }
        if (kept.size() > current.size()) {
            throw new ProofVerifier.Invalid("the log has " + current.size() + " entries, fewer than the " + kept.size()
                    + " of the kept checkpoint: it lost entries");
        }
        List<byte[]> path = List.of();
        if (kept.size() > 0 && kept.size() < current.size()) {
            path = hashes(ledger.get("/v1/log/proofs/consistency?from=" + kept.size() + "&to=" + current.size()).path("path"));
        }
        ProofVerifier.verifyConsistency(kept.size(), current.size(), path, kept.rootHash(), current.rootHash());
        out.printf("VERIFIED: the log of %d entries still holds the %d entries of the kept checkpoint %s, unchanged "
                + "(consistency proof of %d hashes)%n", current.size(), kept.size(), file, path.size());
        return kept;
    }

    private void inclusion(Map<String, String> options, TreeCheckpoint tree)
            throws IOException, InterruptedException, ChainVerifier.Failure, ProofVerifier.Invalid {
        JsonNode entry;
        if (options.containsKey("--entry")) {
            entry = JSON.readTree(Files.readString(Path.of(options.get("--entry")), StandardCharsets.UTF_8));
        } else {
            long position = Long.parseLong(options.get("--position"));
            entry = ledger.get("/v1/feed?after=" + (position - 1) + "&limit=1").path("items").path(0);
        }
        if (!entry.isObject() || !entry.path("position").canConvertToLong() || entry.path("position").asLong() < 1) {
            throw new IOException("not an entry of the log (no position): " + entry);
        }
        long position = entry.path("position").asLong();
        String served = entry.path("contentHash").asText();
        String leaf = served;
        if (entry.path("redacted").asBoolean(false)) {
            out.printf("(entry %d is redacted for this reader: its content was not shown, its contentHash is used as "
                    + "served)%n", position);
        } else {
            leaf = ChainVerifier.contentHashOf(entry, position);
            if (!leaf.equals(served)) {
                throw new ProofVerifier.Invalid("entry " + position + ": its content hashes to " + leaf + ", not to its "
                        + "contentHash " + served);
            }
        }
        if (position > tree.size()) {
            throw new ProofVerifier.Invalid("entry " + position + " is not in the tree of size " + tree.size()
                    + ": the checkpoint was signed before it was appended");
        }
        List<byte[]> path = hashes(ledger.get("/v1/log/proofs/inclusion?position=" + position + "&treeSize=" + tree.size())
                .path("path"));
        ProofVerifier.verifyInclusion(position - 1, tree.size(), Chain.unhex(leaf), path, tree.rootHash());
        out.printf("VERIFIED: entry %d (%s, contentHash %s) is in the log's tree of size %d, root %s (inclusion proof "
                + "of %d hashes)%n", position, entry.path("id").asText(), leaf, tree.size(), Chain.hex(tree.rootHash()),
                path.size());
    }

    private static List<byte[]> hashes(JsonNode array) throws IOException {
        List<byte[]> hashes = new ArrayList<>();
        for (JsonNode hash : array) {
            try {
                hashes.add(Chain.unhex(hash.asText()));
            } catch (IllegalArgumentException e) {
                throw new IOException("the proof holds a hash that is not hex: " + hash);
            }
        }
        return hashes;
    }
}
