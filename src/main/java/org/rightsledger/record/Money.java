package org.rightsledger.record;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.rightsledger.record.Constraints.CurrencyCode;

/** An amount as a decimal string (never a JSON number, so no float ever rounds it) and its currency. */
public record Money(
        @NotNull @Pattern(regexp = "(0|[1-9][0-9]{0,17})(\\.[0-9]{1,6})?",
                message = "must be a non-negative decimal string such as \"393000\" or \"145.50\"") String amount,
        @NotNull @CurrencyCode String currency) {
}
