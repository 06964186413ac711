package org.rightsledger.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.rightsledger.support.References;

import io.quarkus.test.junit.QuarkusTest;

/** The kinds of named entities are kept once read; an id not found is not, as it may be created later. */
@QuarkusTest
class EntityKindsTest {

    @Inject
    EntityKinds kinds;

    @Inject
    DataSource db;

    @Test
    void aKindReadOnceIsKeptAndAnIdNotFoundIsNot() throws Exception {
        UUID actor = References.actor("Kept Kind Person");
        UUID bill = References.bill("Kept kind bill");
        UUID unknown = UUID.randomUUID();
        assertEquals(Map.of(), kinds.kept(List.of(actor, bill, unknown)), "created, never named by a record: not read yet");
        try (Connection c = db.getConnection()) {
            assertEquals(Map.of(actor, ReferenceKind.ACTOR, bill, ReferenceKind.BILL), kinds.read(c, List.of(actor, bill, unknown)));
        }
        assertEquals(Map.of(actor, ReferenceKind.ACTOR, bill, ReferenceKind.BILL), kinds.kept(List.of(actor, bill, unknown)));
    }
}
