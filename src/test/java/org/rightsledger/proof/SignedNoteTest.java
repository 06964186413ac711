package org.rightsledger.proof;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPair;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;
import org.rightsledger.log.Checkpoints;

/**
 * Signed notes against the published example of the format: the key, the verifier key and the
 * signed note in the documentation of golang.org/x/mod/sumdb/note (note.go, package comment).
 * Ed25519 signatures are deterministic, so signing the example text with the example key must
 * give the published signature byte for byte.
 */
class SignedNoteTest {

    static final String SKEY = "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz";
    static final String VKEY = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
    static final String TEXT = "If you think cryptography is the answer to your problem,\n"
            + "then you don't know what your problem is.\n";
    static final String NOTE = TEXT + "\n"
            + "\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n";
    /** The same note with a second signature, by EnochRoot, as the package comment shows it. */
    static final String TWICE_SIGNED = NOTE
            + "\u2014 EnochRoot rwz+eBzmZa0SO3NbfRGzPCpDckykFXSdeX+MNtCOXm2/5n2tiOHp+vAF1aGrQ5ovTG01oOTGwnWLox33WWd1RvMc+QQ=\n";

    static KeyPair exampleKeys() {
        byte[] key = Base64.getDecoder().decode(SKEY.split("\\+", 5)[4]);
        assertEquals(1, key[0], "an Ed25519 key");
        return Checkpoints.keyPairFromSeed(Arrays.copyOfRange(key, 1, 33));
    }

    @Test
    void theExampleKeyGivesThePublishedVerifierKey() {
        byte[] raw = SignedNote.rawKey(exampleKeys().getPublic());
        assertEquals(VKEY, SignedNote.verifierKey("PeterNeumann", raw));
        assertEquals("c74f20a3", HexFormat.of().formatHex(SignedNote.keyHash("PeterNeumann", raw)));
    }

    @Test
    void signingTheExampleTextGivesThePublishedNote() {
        KeyPair keys = exampleKeys();
        assertEquals(NOTE, SignedNote.sign(TEXT, "PeterNeumann", keys.getPrivate(), SignedNote.rawKey(keys.getPublic())));
    }

    @Test
    void thePublishedNotesOpenWithThePublishedKey() throws Exception {
        assertEquals(TEXT, SignedNote.open(NOTE, VKEY));
        assertEquals(TEXT, SignedNote.open(TWICE_SIGNED, VKEY), "another signer's line is ignored");
    }

    @Test
    void aChangedTextSignatureOrKeyIsRefused() {
        assertThrows(SignedNote.Invalid.class, () -> SignedNote.open(NOTE.replace("problem,", "problem;"), VKEY));
        assertThrows(SignedNote.Invalid.class, () -> SignedNote.open(NOTE.replace("x08go/ZJ", "x08go/ZK"), VKEY));
        assertThrows(SignedNote.Invalid.class, () -> SignedNote.open(NOTE, VKEY.replace("c74f20a3", "c74f20a4")));
        assertThrows(SignedNote.Invalid.class, () -> SignedNote.open(NOTE, VKEY.replace("PeterNeumann", "PeterNeuman")));
        assertThrows(SignedNote.Invalid.class, () -> SignedNote.open(NOTE.replace("\n\n", "\n"), VKEY));
        assertThrows(SignedNote.Invalid.class, () -> SignedNote.open(NOTE.strip(), VKEY));
        String enochOnly = TEXT + "\n" + TWICE_SIGNED.substring(NOTE.length());
        SignedNote.Invalid unsigned = assertThrows(SignedNote.Invalid.class, () -> SignedNote.open(enochOnly, VKEY));
        assertTrue(unsigned.getMessage().contains("no signature by PeterNeumann"), unsigned.getMessage());
    }

    @Test
    void aCheckpointIsOriginSizeAndBase64Root() throws Exception {
        byte[] root = KnownAnswerTest.leafHashes().get(0);
        TreeCheckpoint checkpoint = new TreeCheckpoint("ledger.example.org/log", 8, root);
        assertEquals("ledger.example.org/log\n8\n" + Base64.getEncoder().encodeToString(root) + "\n", checkpoint.text());
        TreeCheckpoint parsed = TreeCheckpoint.parse(checkpoint.text());
        assertEquals(8, parsed.size());
        assertEquals("ledger.example.org/log", parsed.origin());
        assertTrue(Arrays.equals(root, parsed.rootHash()));
        assertThrows(SignedNote.Invalid.class, () -> TreeCheckpoint.parse("origin\n-1\n" + Base64.getEncoder()
                .encodeToString(root) + "\n"));
        assertThrows(SignedNote.Invalid.class, () -> TreeCheckpoint.parse("origin\n8\nAAAA\n"));
        assertThrows(IllegalArgumentException.class, () -> SignedNote.checkName("a log"));
        assertThrows(IllegalArgumentException.class, () -> SignedNote.checkName("a+b"));
    }
}
