package org.rightsledger.bill;

import java.util.List;
import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.rightsledger.record.Constraints.CountryCode;
import org.rightsledger.reference.ReferenceDraft;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A bill before a legislature; its readings are bill_reading records that name it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BillDraft(
        @NotBlank @Size(max = 1000) String title,
        @NotNull @CountryCode String country,
        @Size(min = 1, max = 100) String number,
        @Size(max = 50) List<@NotNull UUID> initiators) implements ReferenceDraft {

    public BillDraft {
        initiators = initiators == null ? List.of() : initiators;
    }

    @Override
    public String publicText() {
        return title + (number == null ? "" : " " + number);
    }

    @Override
    public List<UUID> referencedActors() {
        return initiators;
    }
}
