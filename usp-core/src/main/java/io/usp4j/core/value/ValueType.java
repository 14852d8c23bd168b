package io.usp4j.core.value;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * The TR-106 base data types a parameter, argument or search constant can have. Values travel as strings
 * in their XML Schema lexical form (TR-106 Appendix I.4, R-ENC.6); named data types (IPAddress,
 * MACAddress, ...) reduce to one of these.
 *
 * <p>Reading ({@link #parse}, {@link #parseList}) follows the XML Schema lexical spaces TR-106 adopts:
 * <ul>
 *   <li>{@code int}, {@code unsignedInt}, {@code long}, {@code unsignedLong}: an optional sign and decimal
 *       digits, leading zeros allowed ({@code 123}, {@code +123}, {@code 0123} are one value); the unsigned
 *       types accept a sign only on zero ({@code -0}); each type's range is enforced;</li>
 *   <li>{@code decimal}: optional sign, digits with an optional fraction, no exponent;</li>
 *   <li>{@code boolean}: {@code true}, {@code false}, {@code 1}, {@code 0} (case-sensitive);</li>
 *   <li>{@code dateTime}: see {@link DateTime};</li>
 *   <li>{@code base64}: RFC 4648 alphabet with padding to a multiple of four characters, XML whitespace
 *       ignored, unused trailing bits zero;</li>
 *   <li>{@code hexBinary}: an even number of hex digits, either case;</li>
 *   <li>{@code string}: any text.</li>
 * </ul>
 * Failures are {@link InvalidTypeException}s (USP 7011). The enum is immutable and thread-safe.
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

    /** True for int, unsignedInt, long and unsignedLong. */
    public boolean isInteger() {
        return this == INT || this == UNSIGNED_INT || this == LONG || this == UNSIGNED_LONG;
    }

    /**
     * True for the types whose values have an order ({@code <}, {@code >}, ...): the numeric types and
     * {@code dateTime} (whose Unknown Time is nevertheless ordered with nothing). Strings, booleans and the
     * binary types support equality only.
     */
    public boolean isOrdered() {
        return isNumeric() || this == DATE_TIME;
    }

    /**
     * Reads one value in its lexical form.
     *
     * @param text the lexical form, never null
     * @return the typed value
     * @throws InvalidTypeException (USP 7011) when {@code text} is not a valid value of this type
     */
    public Value parse(String text) {
        switch (this) {
            case STRING:
                return Value.ofString(text);
            case BOOLEAN:
                return Value.ofBits(this, parseBoolean(text) ? 1 : 0);
            case INT:
            case UNSIGNED_INT:
            case LONG:
            case UNSIGNED_LONG:
                return Value.ofBits(this, parseInteger(text));
            case DECIMAL:
                return Value.ofDecimal(parseDecimal(text));
            case DATE_TIME:
                return Value.ofDateTime(DateTime.parse(text));
            case BASE64:
                return Value.ofBytes(this, parseBase64(text));
            default:
                return Value.ofBytes(this, HexBinary.parse(text));
        }
    }

    /** Whether {@code text} is a valid lexical form of this type. */
    public boolean isValid(String text) {
        try {
            parse(text);
            return true;
        } catch (InvalidTypeException e) {
            return false;
        }
    }

    /**
     * The canonical lexical form of {@code text}, as an Agent reports it ({@code +0123} &rarr; {@code 123},
     * {@code 1} &rarr; {@code true}, {@code 0a} &rarr; {@code 0A}).
     *
     * @throws InvalidTypeException (USP 7011) when {@code text} is not a valid value of this type
     */
    public String canonical(String text) {
        return parse(text).toString();
    }

    /**
     * Reads a value of an integer type without allocating: the fast path for comparing many stored values.
     *
     * @return the value; for {@code unsignedLong} its unsigned bits (compare with
     *     {@link Long#compareUnsigned})
     * @throws IllegalStateException when this is not an integer type
     * @throws InvalidTypeException (USP 7011) when {@code text} is not a valid value of this type
     */
    public long parseInteger(String text) {
        if (!isInteger()) {
            throw new IllegalStateException(xmlName + " is not an integer type");
        }
        int n = text.length();
        int i = 0;
        boolean negative = false;
        if (n > 0 && (text.charAt(0) == '+' || text.charAt(0) == '-')) {
            negative = text.charAt(0) == '-';
            i = 1;
        }
        if (i == n) {
            throw new InvalidTypeException(this, false, text, "expected decimal digits");
        }
        if (this == UNSIGNED_LONG) {
            return parseUnsignedLong(text, i, negative);
        }
        long acc = 0; // accumulated negatively so that Long.MIN_VALUE fits
        for (; i < n; i++) {
            int d = text.charAt(i) - '0';
            if (d < 0 || d > 9) {
                throw new InvalidTypeException(this, false, text, "'" + text.charAt(i) + "' is not a decimal digit");
            }
            if (acc < (Long.MIN_VALUE + d) / 10) {
                throw outOfRange(text);
            }
            acc = acc * 10 - d;
        }
        long v;
        if (negative) {
            v = acc;
        } else if (acc == Long.MIN_VALUE) {
            throw outOfRange(text);
        } else {
            v = -acc;
        }
        boolean inRange;
        switch (this) {
            case INT:
                inRange = v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE;
                break;
            case UNSIGNED_INT:
                inRange = v >= 0 && v <= 0xFFFF_FFFFL;
                break;
            default:
                inRange = true;
        }
        if (!inRange) {
            throw outOfRange(text);
        }
        return v;
    }

    private long parseUnsignedLong(String text, int start, boolean negative) {
        int i = start;
        while (i < text.length() - 1 && text.charAt(i) == '0') {
            i++;
        }
        for (int j = i; j < text.length(); j++) {
            char c = text.charAt(j);
            if (c < '0' || c > '9') {
                throw new InvalidTypeException(this, false, text, "'" + c + "' is not a decimal digit");
            }
        }
        if (text.length() - i > 20) {
            throw outOfRange(text);
        }
        long v;
        try {
            v = Long.parseUnsignedLong(text.substring(i));
        } catch (NumberFormatException e) {
            throw outOfRange(text);
        }
        if (negative && v != 0) {
            throw outOfRange(text);
        }
        return v;
    }

    private InvalidTypeException outOfRange(String text) {
        String range;
        switch (this) {
            case INT:
                range = "-2147483648 to 2147483647";
                break;
            case UNSIGNED_INT:
                range = "0 to 4294967295";
                break;
            case LONG:
                range = "-9223372036854775808 to 9223372036854775807";
                break;
            default:
                range = "0 to 18446744073709551615";
        }
        return new InvalidTypeException(this, false, text, "out of the " + xmlName + " range " + range);
    }

    private static boolean parseBoolean(String text) {
        switch (text) {
            case "true":
            case "1":
                return true;
            case "false":
            case "0":
                return false;
            default:
                throw new InvalidTypeException(BOOLEAN, false, text, "expected true, false, 1 or 0");
        }
    }

    private static BigDecimal parseDecimal(String text) {
        int n = text.length();
        int i = 0;
        if (n > 0 && (text.charAt(0) == '+' || text.charAt(0) == '-')) {
            i = 1;
        }
        int digits = 0;
        int dots = 0;
        for (; i < n; i++) {
            char c = text.charAt(i);
            if (c == '.') {
                dots++;
            } else if (c >= '0' && c <= '9') {
                digits++;
            } else {
                throw new InvalidTypeException(DECIMAL, false, text, "'" + c + "' is not allowed in a decimal");
            }
        }
        if (digits == 0 || dots > 1) {
            throw new InvalidTypeException(DECIMAL, false, text, "expected digits with at most one '.'");
        }
        return new BigDecimal(text.charAt(0) == '+' ? text.substring(1) : text);
    }

    private static byte[] parseBase64(String text) {
        StringBuilder compact = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                if (compact == null) {
                    compact = new StringBuilder(text.length()).append(text, 0, i);
                }
            } else if (compact != null) {
                compact.append(c);
            }
        }
        String s = compact == null ? text : compact.toString();
        if (s.length() % 4 != 0) {
            throw new InvalidTypeException(BASE64, false, text, "the length must be a multiple of 4 (pad with '=')");
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(s);
        } catch (IllegalArgumentException e) {
            throw new InvalidTypeException(BASE64, false, text, "not base64: " + e.getMessage());
        }
        if (!Base64.getEncoder().encodeToString(bytes).equals(s)) {
            throw new InvalidTypeException(BASE64, false, text, "the unused bits of the last character must be zero");
        }
        return bytes;
    }

    /**
     * Reads a TR-106 comma-separated list of values of this type. An empty (or blank) string is the empty list;
     * whitespace around each item is ignored (so {@code "a, b"} holds {@code a} and {@code b}).
     *
     * @return the items in order, immutable
     * @throws InvalidTypeException (USP 7011, flagged as a list) when an item is not a valid value
     */
    public List<Value> parseList(String text) {
        List<String> items = splitList(text);
        List<Value> values = new ArrayList<>(items.size());
        for (String item : items) {
            try {
                values.add(parse(item));
            } catch (InvalidTypeException e) {
                throw new InvalidTypeException(this, true, text, "item \"" + item + "\": " + e.getMessage());
            }
        }
        return List.copyOf(values);
    }

    /**
     * The canonical form of a list: canonical items joined by {@code ,} with no whitespace.
     *
     * @throws InvalidTypeException (USP 7011) when an item is not a valid value
     */
    public String canonicalList(String text) {
        return formatList(parseList(text));
    }

    /**
     * Splits a TR-106 comma-separated list into its items without checking their type; whitespace around
     * items is dropped and the empty string gives no items.
     */
    public static List<String> splitList(String text) {
        if (text.isBlank()) {
            return List.of();
        }
        List<String> items = new ArrayList<>();
        int start = 0;
        while (true) {
            int comma = text.indexOf(',', start);
            int end = comma < 0 ? text.length() : comma;
            items.add(text.substring(start, end).strip());
            if (comma < 0) {
                return items;
            }
            start = comma + 1;
        }
    }

    /** Writes values as a TR-106 list: their canonical forms joined by {@code ,}. */
    public static String formatList(List<Value> values) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                b.append(',');
            }
            b.append(values.get(i));
        }
        return b.toString();
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
