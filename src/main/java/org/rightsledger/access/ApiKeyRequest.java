package org.rightsledger.access;

import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Body of {@code POST /v1/admin/api-keys}. */
public record ApiKeyRequest(
        @NotBlank @Size(max = 200) String partner,
        @NotEmpty @Size(max = 2) List<@NotNull @Pattern(regexp = "write|restricted:read",
                message = "must be 'write' or 'restricted:read'") String> scopes) {
}
