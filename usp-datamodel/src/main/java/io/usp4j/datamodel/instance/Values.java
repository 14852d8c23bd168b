package io.usp4j.datamodel.instance;

import io.usp4j.core.value.DateTime;
import io.usp4j.core.value.ValueType;
import io.usp4j.datamodel.schema.ParameterDef;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.HexFormat;

/** Turns what firmware returns (strings, booleans, numbers, instants, bytes, collections) into lexical form. */
final class Values {
    private Values() {}

    /**
     * Formats a firmware value for a parameter.
     *
     * @throws IllegalArgumentException when the value's Java type does not fit the parameter's type
     */
    static String format(ParameterDef def, Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Collection<?> items) {
            StringBuilder sb = new StringBuilder();
            for (Object item : items) {
                if (sb.length() > 0) {
                    sb.append(',');
                }
                sb.append(formatOne(def.type(), item));
            }
            return sb.toString();
        }
        return formatOne(def.type(), value);
    }

    static String formatOne(ValueType type, Object value) {
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof Boolean b) {
            return b ? "true" : "false";
        }
        if (value instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (value instanceof Number n) {
            return n.toString();
        }
        if (value instanceof Instant i) {
            return DateTime.of(i).toString();
        }
        if (value instanceof DateTime d) {
            return d.toString();
        }
        if (value instanceof byte[] bytes) {
            return type == ValueType.HEX_BINARY ? HexFormat.of().formatHex(bytes) : Base64.getEncoder().encodeToString(bytes);
        }
        if (value instanceof Enum<?> e) {
            return e.name();
        }
        throw new IllegalArgumentException("cannot report a " + value.getClass().getName() + " as " + type.xmlName());
    }
}
