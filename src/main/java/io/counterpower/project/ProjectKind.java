package io.counterpower.project;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.counterpower.common.fact.Coded;
import io.counterpower.common.fact.CodedConverter;

/** What a project is. */
public enum ProjectKind implements Coded {
    MODEL("model"),
    LIBRARY("library"),
    FRAMEWORK("framework"),
    TOOL("tool"),
    DATASET("dataset");

    private final String code;

    ProjectKind(String code) {
        this.code = code;
    }

    @Override
    @JsonValue
    public String code() {
        return code;
    }

    @JsonCreator
    public static ProjectKind of(String code) {
        return Coded.parse(values(), code);
    }

    @Override
    public String toString() {
        return code;
    }

    @jakarta.persistence.Converter(autoApply = true)
    static class JpaConverter extends CodedConverter<ProjectKind> {
        JpaConverter() {
            super(values());
        }
    }
}
