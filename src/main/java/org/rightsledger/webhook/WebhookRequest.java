package org.rightsledger.webhook;

import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/** Body of {@code POST /v1/webhooks}. Without {@code types}: every type; without {@code after}: from the head on. */
public record WebhookRequest(
        @NotBlank @Size(max = TargetPolicy.MAX_URL_LENGTH) String url,
        @Size(min = 1, max = 9) List<@NotNull @Pattern(regexp = ENTRY_TYPES,
                message = "must be an entry type: detention, fine, ruling, bill_reading, retraction, actor_revision, "
                        + "bill_revision, case_revision or exchange_rate") String> types,
        @PositiveOrZero Long after) {

    static final String ENTRY_TYPES = "detention|fine|ruling|bill_reading|retraction|actor_revision|bill_revision"
            + "|case_revision|exchange_rate";
}
