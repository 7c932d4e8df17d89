package io.counterpower.organisation;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.counterpower.common.fact.Coded;
import io.counterpower.common.fact.CodedConverter;

/** What kind of body an organisation is (METHODOLOGY.md section 2). */
enum OrganisationType implements Coded {
    COMPANY("company"), FOUNDATION("foundation"), NONPROFIT("nonprofit"), ACADEMIC("academic"),
    GOVERNMENT("government"), COMMUNITY("community");

    private final String code;

    OrganisationType(String code) {
        this.code = code;
    }

    @Override
    @JsonValue
    public String code() {
        return code;
    }

    @JsonCreator
    public static OrganisationType of(String code) {
        return Coded.parse(values(), code);
    }

    @Override
    public String toString() {
        return code;
    }

    @jakarta.persistence.Converter(autoApply = true)
    static class JpaConverter extends CodedConverter<OrganisationType> {
        JpaConverter() {
            super(values());
        }
    }
}
