package io.counterpower.common.problem;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/** RFC 9457 problem details, the one shape of every error the service returns. */
@JsonInclude(JsonInclude.Include.NON_NULL)
record ProblemDetails(String type, String title, int status, String detail, String instance,
                             List<FieldError> errors) {
    static final String MEDIA_TYPE = "application/problem+json";
}
