package io.counterpower.project;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.counterpower.common.fact.Coded;
import io.counterpower.common.fact.CodedConverter;

/** The parts of a project that can carry their own terms: code, weights, data, docs. */
public enum Artifact implements Coded {
    CODE("code"),
    WEIGHTS("weights"),
    DATA("data"),
    DOCS("docs");

    private final String code;

    Artifact(String code) {
        this.code = code;
    }

    @Override
    @JsonValue
    public String code() {
        return code;
    }

    @JsonCreator
    public static Artifact of(String code) {
        return Coded.parse(values(), code);
    }

    @Override
    public String toString() {
        return code;
    }

    @jakarta.persistence.Converter(autoApply = true)
    static class JpaConverter extends CodedConverter<Artifact> {
        JpaConverter() {
            super(values());
        }
    }
}
