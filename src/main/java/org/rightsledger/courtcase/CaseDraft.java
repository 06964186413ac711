package org.rightsledger.courtcase;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.rightsledger.record.Constraints.CountryCode;
import org.rightsledger.reference.ReferenceDraft;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A court case; its detentions, fines, rulings and appeals are records that name it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CaseDraft(
        @NotBlank @Size(max = 1000) String title,
        @Size(min = 1, max = 500) String court,
        @Size(min = 1, max = 200) String caseNumber,
        @CountryCode String country) implements ReferenceDraft {

    @Override
    public String publicText() {
        return title + (court == null ? "" : " " + court) + (caseNumber == null ? "" : " " + caseNumber);
    }
}
