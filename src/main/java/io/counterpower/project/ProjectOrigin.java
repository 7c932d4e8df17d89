package io.counterpower.project;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.counterpower.common.fact.Coded;
import io.counterpower.common.fact.CodedConverter;

/** Who created the project (METHODOLOGY.md section 1: a corporate origin holds the early gates). */
enum ProjectOrigin implements Coded {
    CORPORATE("corporate"),
    COMMUNITY("community"),
    ACADEMIC("academic"),
    FOUNDATION("foundation");

    private final String code;

    ProjectOrigin(String code) {
        this.code = code;
    }

    @Override
    @JsonValue
    public String code() {
        return code;
    }

    @JsonCreator
    public static ProjectOrigin of(String code) {
        return Coded.parse(values(), code);
    }

    @Override
    public String toString() {
        return code;
    }

    @jakarta.persistence.Converter(autoApply = true)
    static class JpaConverter extends CodedConverter<ProjectOrigin> {
        JpaConverter() {
            super(values());
        }
    }
}
