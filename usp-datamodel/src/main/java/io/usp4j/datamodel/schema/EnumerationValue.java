package io.usp4j.datamodel.schema;

import java.util.Objects;

/**
 * One allowed value of an enumerated string ({@code <enumeration value>}).
 *
 * @param value the value
 * @param status its life-cycle status
 * @param optional whether an implementation may leave the value out ({@code optional="true"})
 */
public record EnumerationValue(String value, Status status, boolean optional) {
    /** Checks for nulls. */
    public EnumerationValue {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(status, "status");
    }

    /** A current, mandatory value. */
    public static EnumerationValue of(String value) {
        return new EnumerationValue(value, Status.CURRENT, false);
    }
}
