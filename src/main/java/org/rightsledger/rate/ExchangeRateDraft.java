package org.rightsledger.rate;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.rightsledger.record.Constraints.CurrencyCode;
import org.rightsledger.record.Constraints.PastReducedDate;

/** How many US dollars one unit of a currency was worth on a day, and who said so. */
public record ExchangeRateDraft(
        @NotNull @CurrencyCode String currency,
        @NotNull @Pattern(regexp = "\\d{4}-\\d{2}-\\d{2}", message = "must be a day, YYYY-MM-DD") @PastReducedDate String date,
        @NotNull @Pattern(regexp = "(0|[1-9][0-9]{0,11})(\\.[0-9]{1,12})?",
                message = "must be a positive decimal string such as \"0.00199\"") String usdPerUnit,
        @NotBlank @Size(max = 500) String source) {
}
