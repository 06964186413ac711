package org.rightsledger.reference;

import java.util.List;
import java.util.UUID;

import org.rightsledger.problem.Problem.FieldError;

/** What a partner submits to create or revise an actor, a bill or a case. */
public interface ReferenceDraft {

    /** The country, if the entity has one; indexed for the country filter. */
    String country();

    /** True when this revision holds what only readers with restricted:read may see. */
    default boolean restricted() {
        return false;
    }

    /** Text anyone may find the entity by. */
    String publicText();

    /** Text a reader with restricted:read may find it by. */
    default String fullText() {
        return publicText();
    }

    /** Actors this draft refers to (must exist). */
    default List<UUID> referencedActors() {
        return List.of();
    }

    /** Rules that span fields; pointers relative to the body. */
    default void crossFieldRules(List<FieldError> errors) {
    }
}
