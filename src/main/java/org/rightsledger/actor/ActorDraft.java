package org.rightsledger.actor;

import java.util.List;
import java.util.Locale;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.rightsledger.problem.Problem.FieldError;
import org.rightsledger.record.Constraints.CountryCode;
import org.rightsledger.reference.ReferenceDraft;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A person, organization, court, authority or legislature. A protected person's name and
 * aliases reach only readers with restricted:read; everyone else sees the pseudonym.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ActorDraft(
        @NotNull ActorKind kind,
        @NotBlank @Size(max = 300) String name,
        @Size(max = 50) List<@NotBlank @Size(max = 300) String> aliases,
        @CountryCode String country,
        @JsonProperty("protected") Boolean isProtected,
        @Size(min = 1, max = 100) String pseudonym) implements ReferenceDraft {

    public enum ActorKind {
        PERSON, ORGANIZATION, COURT, AUTHORITY, LEGISLATURE;

        @JsonValue
        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Defaults written out, so the hash covers them. */
    public ActorDraft {
        aliases = aliases == null ? List.of() : aliases;
        isProtected = Boolean.TRUE.equals(isProtected);
    }

    @Override
    public boolean restricted() {
        return isProtected;
    }

    @Override
    public String publicText() {
        return isProtected ? String.valueOf(pseudonym) : name + " " + String.join(" ", aliases);
    }

    @Override
    public String fullText() {
        return name + " " + String.join(" ", aliases) + (pseudonym == null ? "" : " " + pseudonym);
    }

    @Override
    public void crossFieldRules(List<FieldError> errors) {
        if (isProtected && pseudonym == null) {
            errors.add(FieldError.at("/pseudonym", "a protected person needs a pseudonym, shown instead of the name"));
        }
    }
}
