package io.counterpower.common.fact;

import jakarta.persistence.AttributeConverter;

/** Stores a {@link Coded} enum as its code; subclasses are the JPA converters. */
public abstract class CodedConverter<E extends Enum<E> & Coded> implements AttributeConverter<E, String> {
    private final E[] values;

    protected CodedConverter(E[] values) {
        this.values = values;
    }

    @Override
    public String convertToDatabaseColumn(E attribute) {
        return attribute == null ? null : attribute.code();
    }

    @Override
    public E convertToEntityAttribute(String dbData) {
        return dbData == null ? null : Coded.parse(values, dbData);
    }
}
