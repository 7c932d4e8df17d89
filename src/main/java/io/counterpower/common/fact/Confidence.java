package io.counterpower.common.fact;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** How sure the record is: read in the source, reported by secondary sources only, or derived by a rule. */
public enum Confidence implements Coded {
    VERIFIED("verified"),
    REPORTED("reported"),
    INFERRED("inferred");

    private final String code;

    Confidence(String code) {
        this.code = code;
    }

    @Override
    @JsonValue
    public String code() {
        return code;
    }

    @JsonCreator
    public static Confidence of(String code) {
        return Coded.parse(values(), code);
    }

    @Override
    public String toString() {
        return code;
    }

    @jakarta.persistence.Converter(autoApply = true)
    static class JpaConverter extends CodedConverter<Confidence> {
        JpaConverter() {
            super(values());
        }
    }
}
