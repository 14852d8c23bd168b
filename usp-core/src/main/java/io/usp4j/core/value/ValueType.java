package io.usp4j.core.value;

import java.util.Optional;

/**
 * The TR-106 base data types a parameter, argument or search constant can have. Values travel as strings
 * in their XML Schema lexical form (TR-106 Appendix I.4, R-ENC.6); named data types (IPAddress,
 * MACAddress, ...) reduce to one of these.
 */
public enum ValueType {
    STRING("string", 8),
    BOOLEAN("boolean", 2),
    INT("int", 6),
    UNSIGNED_INT("unsignedInt", 9),
    LONG("long", 7),
    UNSIGNED_LONG("unsignedLong", 10),
    DECIMAL("decimal", 4),
    DATE_TIME("dateTime", 3),
    BASE64("base64", 1),
    HEX_BINARY("hexBinary", 5);

    private final String xmlName;
    private final int protoNumber;

    ValueType(String xmlName, int protoNumber) {
        this.xmlName = xmlName;
        this.protoNumber = protoNumber;
    }

    /** The element name TR-106 data-model documents use for the type (e.g. {@code unsignedInt}). */
    public String xmlName() {
        return xmlName;
    }

    /** The number of the matching {@code ParamValueType} in GetSupportedDMResp. */
    public int protoNumber() {
        return protoNumber;
    }

    /** True for the integer types and decimal, which are ordered numerically. */
    public boolean isNumeric() {
        return this == INT || this == UNSIGNED_INT || this == LONG || this == UNSIGNED_LONG || this == DECIMAL;
    }

    /**
     * Looks a type up by its TR-106 element name.
     *
     * @return the type, or empty when the name is not a TR-106 base type
     */
    public static Optional<ValueType> ofXmlName(String name) {
        for (ValueType t : values()) {
            if (t.xmlName.equals(name)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
