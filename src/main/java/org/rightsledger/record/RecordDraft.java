package org.rightsledger.record;

import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.rightsledger.record.Constraints.CountryCode;
import org.rightsledger.record.Constraints.HttpUrl;
import org.rightsledger.record.Constraints.LanguageTag;
import org.rightsledger.record.Constraints.PastReducedDate;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * A record as a partner submits it ({@code POST /v1/records}); the server adds id,
 * recordedAt and recordedBy. {@code details} is read per type by {@link RecordParser}.
 */
public record RecordDraft(
        @NotNull RecordType type,
        @NotNull @PastReducedDate String occurredOn,
        Boolean approximate,
        @NotNull @CountryCode String country,
        @Size(min = 1, max = 200) String place,
        @NotBlank @Size(max = 4000) String summary,
        @LanguageTag String language,
        @Size(max = 100) List<@NotNull @Valid ActorRef> actors,
        UUID caseId,
        UUID billId,
        @Size(max = 50) List<@NotNull @Size(max = 64) @Pattern(regexp = "[a-z0-9]+(-[a-z0-9]+)*",
                message = "must be a lower-case slug such as freedom-of-assembly") String> tags,
        @NotEmpty(message = "must list at least one source") @Size(max = 50) List<@NotNull @Valid Source> sources,
        Confidentiality confidentiality,
        UUID supersedes,
        @NotNull JsonNode details) {

    /** Who took part, and how. The actor entities arrive with the reference-data issue. */
    public record ActorRef(@NotNull UUID actorId, @NotNull ActorRole role) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Source(
            @NotNull @HttpUrl @Size(max = 2000) String url,
            @NotBlank @Size(max = 300) String publisher,
            @Size(min = 1, max = 1000) String title,
            @PastReducedDate String publishedOn,
            @Size(min = 1, max = 2000) String excerpt) {
    }

    public enum ActorRole {
        DETAINEE, DEFENDANT, FINED, COURT, AUTHORITY, INITIATOR, PLAINTIFF, VICTIM, WITNESS, LAWYER, JUDGE, OTHER;

        @JsonValue
        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public enum Confidentiality {
        PUBLIC, RESTRICTED;

        @JsonValue
        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
