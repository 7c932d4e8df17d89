package io.counterpower.contributor;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** An identity to attach to a contributor: a git name and email, a platform username, or both. */
record IdentityInput(@Size(max = 300) String name,
                            @Size(max = 320) @Pattern(regexp = "^[^@\\s]+@[^@\\s]+$", message = "must be an email address") String email,
                            @Pattern(regexp = "^(github|huggingface|gitlab)$", message = "must be one of [github, huggingface, gitlab]") String platform,
                            @Size(max = 100) String username,
                            Boolean bot,
                            @Size(max = 500) String botReason) {
}
