package org.rightsledger.log;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The formulas of docs/log-format.md against values computed independently (sha256sum and Python's
 * hashlib/struct over the same bytes).
 */
class ChainTest {

    @Test
    void canonicalJsonSortsKeysAndKeepsUnicodeAsUtf8() {
        assertEquals("{\"a\":\"é\",\"b\":1}", Chain.canonicalize("{ \"b\": 1, \"a\": \"\\u00e9\" }"));
    }

    @Test
    void contentHashIsSha256OfZeroByteAndCanonicalJson() {
        assertEquals("173bf5bd98e4912947a5e28949cd1120804d2213e37241ea26567dd22074981b",
                Chain.hex(Chain.contentHash("{\"a\":\"é\",\"b\":1}")));
    }

    @Test
    void entryHashChainsPositionPreviousHashAndContentHash() {
        byte[] content = Chain.contentHash("{\"a\":\"é\",\"b\":1}");
        byte[] first = Chain.entryHash(1, Chain.GENESIS, content);
        assertEquals("97c943119c8ed26c8e51be962ab66235274a05dfbc03ef3f61f2e0ce1067e07e", Chain.hex(first));
        assertEquals("b7228377094f38746581fa342780bf5ca1c0fbd77297557482ac1ac6dce0dfdb",
                Chain.hex(Chain.entryHash(2, first, content)));
    }
}
