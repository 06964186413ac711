package org.rightsledger.record;

import java.util.Locale;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.rightsledger.record.Constraints.PastReducedDate;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;

/** The type-specific part of a record, one shape per {@link RecordType}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public sealed interface Details {

    int MAX_COUNT = 1_000_000_000;

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Detention(
            @NotBlank @Size(max = 500) String authority,
            @Size(max = 1000) String legalBasis,
            @NotNull @Min(1) @Max(MAX_COUNT) Integer detainedCount,
            @PastReducedDate(dateTimeAllowed = true,
                    message = "must be a date (YYYY, YYYY-MM, YYYY-MM-DD) or an ISO 8601 date-time, not in the future") String start,
            @PastReducedDate(dateTimeAllowed = true,
                    message = "must be a date (YYYY, YYYY-MM, YYYY-MM-DD) or an ISO 8601 date-time, not in the future") String end,
            @Min(0) @Max(MAX_COUNT) Integer durationHours,
            @NotNull DetentionOutcome outcome) implements Details {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Fine(
            @NotNull @Valid Money amount,
            @Valid Money reportedUsd,
            @NotBlank @Size(max = 500) String issuedBy,
            @Size(max = 1000) String legalBasis,
            UUID rulingId) implements Details {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Ruling(
            @NotBlank @Size(max = 500) String court,
            @NotNull Instance instance,
            @Size(max = 200) String caseNumber,
            @NotNull Verdict verdict,
            @Valid Sentence sentence,
            UUID appealOf,
            @Size(max = 1000) String legalBasis) implements Details {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Sentence(
            @NotNull SentenceKind kind,
            @Min(0) @Max(MAX_COUNT) Integer days,
            @Min(0) @Max(MAX_COUNT) Integer months,
            @Min(0) @Max(MAX_COUNT) Integer years,
            @Valid Money amount) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record BillReading(
            @NotNull Chamber chamber,
            @Size(max = 200) String chamberName,
            @NotNull Stage stage,
            @NotNull BillOutcome outcome,
            @Valid Votes votes) implements Details {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Votes(
            @JsonProperty("for") @Min(0) @Max(MAX_COUNT) Integer inFavour,
            @Min(0) @Max(MAX_COUNT) Integer against,
            @Min(0) @Max(MAX_COUNT) Integer abstain) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Retraction(
            @NotNull UUID retracts,
            @NotBlank @Size(max = 4000) String reason) implements Details {
    }

    /** Enums travel as their lower-case names. */
    interface Named {
        String name();

        @JsonValue
        default String json() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    enum DetentionOutcome implements Named {
        RELEASED, CHARGED, ADMINISTRATIVE_ARREST, HELD, UNKNOWN;

        @Override
        public String toString() {
            return json();
        }
    }

    enum Instance implements Named {
        FIRST, APPEAL, CASSATION, SUPREME, INTERNATIONAL;

        @Override
        public String toString() {
            return json();
        }
    }

    enum Verdict implements Named {
        GUILTY, ACQUITTED, UPHELD, OVERTURNED, DISMISSED, PARTIALLY_UPHELD, OTHER;

        @Override
        public String toString() {
            return json();
        }
    }

    enum SentenceKind implements Named {
        IMPRISONMENT, ADMINISTRATIVE_DETENTION, RESTRICTED_FREEDOM, FINE, DAMAGES, SUSPENDED, NONE, OTHER;

        @Override
        public String toString() {
            return json();
        }
    }

    enum Chamber implements Named {
        LOWER, UPPER, EXECUTIVE, JOINT;

        @Override
        public String toString() {
            return json();
        }
    }

    enum Stage implements Named {
        INTRODUCED, READING_1, READING_2, READING_3, PASSED, SIGNED, VETOED, IN_FORCE, WITHDRAWN, REJECTED;

        @Override
        public String toString() {
            return json();
        }
    }

    enum BillOutcome implements Named {
        APPROVED, REJECTED, RETURNED, PENDING;

        @Override
        public String toString() {
            return json();
        }
    }
}
