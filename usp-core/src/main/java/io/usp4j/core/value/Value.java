package io.usp4j.core.value;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/**
 * A typed TR-106 value: the result of reading a lexical form with {@link ValueType#parse(String)}.
 *
 * <p>Equality is by value within a type, so {@code int "123"}, {@code "+123"} and {@code "0123"} are equal,
 * as are {@code boolean "1"} and {@code "true"}, {@code hexBinary "0a"} and {@code "0A"}, and two
 * {@code dateTime}s denoting the same instant in different time zones. Values of different types are never
 * equal. {@link #toString()} gives the canonical lexical form.
 *
 * <p>Only numeric types and {@code dateTime} are ordered ({@link #isOrderedWith}); strings, booleans and
 * binary types support equality only, as search expressions require. Immutable and thread-safe.
 */
public final class Value {
    private static final BigInteger UNSIGNED_LONG_OFFSET = BigInteger.ONE.shiftLeft(64);

    private final ValueType type;
    /** Integers (unsignedLong as unsigned bits) and boolean (0/1). */
    private final long bits;
    /** String, BigDecimal, DateTime or byte[] for the other types. */
    private final Object object;
    private final String canonical;

    private Value(ValueType type, long bits, Object object, String canonical) {
        this.type = type;
        this.bits = bits;
        this.object = object;
        this.canonical = canonical;
    }

    static Value ofBits(ValueType type, long bits) {
        String canonical;
        if (type == ValueType.BOOLEAN) {
            canonical = bits != 0 ? "true" : "false";
        } else if (type == ValueType.UNSIGNED_LONG) {
            canonical = Long.toUnsignedString(bits);
        } else {
            canonical = Long.toString(bits);
        }
        return new Value(type, bits, null, canonical);
    }

    static Value ofString(String text) {
        return new Value(ValueType.STRING, 0, text, text);
    }

    static Value ofDecimal(BigDecimal decimal) {
        BigDecimal stripped = decimal.signum() == 0 ? BigDecimal.ZERO : decimal.stripTrailingZeros();
        return new Value(ValueType.DECIMAL, 0, stripped, stripped.toPlainString());
    }

    static Value ofDateTime(DateTime dateTime) {
        return new Value(ValueType.DATE_TIME, 0, dateTime, dateTime.toString());
    }

    static Value ofBytes(ValueType type, byte[] bytes) {
        String canonical = type == ValueType.BASE64 ? Base64.getEncoder().encodeToString(bytes) : HexBinary.format(bytes);
        return new Value(type, 0, bytes, canonical);
    }

    /** A boolean value. */
    public static Value of(boolean b) {
        return ofBits(ValueType.BOOLEAN, b ? 1 : 0);
    }

    /** A string value (any text is a valid string). */
    public static Value of(String s) {
        return ofString(Objects.requireNonNull(s, "s"));
    }

    /** A {@code dateTime} value. */
    public static Value of(DateTime dateTime) {
        return ofDateTime(Objects.requireNonNull(dateTime, "dateTime"));
    }

    /** The value's type. */
    public ValueType type() {
        return type;
    }

    /**
     * The value of an integer type as a {@code long}; for {@code unsignedLong} the unsigned bits (use
     * {@link Long#toUnsignedString(long)} or {@link #asDecimal()} for values above {@link Long#MAX_VALUE}).
     *
     * @throws IllegalStateException when the type is not an integer type
     */
    public long asLong() {
        if (!type.isInteger()) {
            throw new IllegalStateException(type.xmlName() + " is not an integer type");
        }
        return bits;
    }

    /**
     * The value of a {@code boolean}.
     *
     * @throws IllegalStateException when the type is not boolean
     */
    public boolean asBoolean() {
        if (type != ValueType.BOOLEAN) {
            throw new IllegalStateException(type.xmlName() + " is not boolean");
        }
        return bits != 0;
    }

    /**
     * The value of a numeric type (integers included) as a {@link BigDecimal}.
     *
     * @throws IllegalStateException when the type is not numeric
     */
    public BigDecimal asDecimal() {
        if (type == ValueType.DECIMAL) {
            return (BigDecimal) object;
        }
        if (type == ValueType.UNSIGNED_LONG && bits < 0) {
            return new BigDecimal(BigInteger.valueOf(bits).add(UNSIGNED_LONG_OFFSET));
        }
        if (type.isInteger()) {
            return BigDecimal.valueOf(bits);
        }
        throw new IllegalStateException(type.xmlName() + " is not numeric");
    }

    /**
     * The value of a {@code dateTime}.
     *
     * @throws IllegalStateException when the type is not dateTime
     */
    public DateTime asDateTime() {
        if (type != ValueType.DATE_TIME) {
            throw new IllegalStateException(type.xmlName() + " is not dateTime");
        }
        return (DateTime) object;
    }

    /**
     * The bytes of a {@code base64} or {@code hexBinary} value (a copy).
     *
     * @throws IllegalStateException when the type is not binary
     */
    public byte[] asBytes() {
        if (type != ValueType.BASE64 && type != ValueType.HEX_BINARY) {
            throw new IllegalStateException(type.xmlName() + " is not binary");
        }
        return ((byte[]) object).clone();
    }

    /**
     * Whether {@link #compareTo} can order this value against {@code other}: both of the same numeric type,
     * or both {@code dateTime}s of the same kind (absolute or since boot; the Unknown Time is ordered with
     * nothing).
     */
    public boolean isOrderedWith(Value other) {
        if (type != other.type) {
            return false;
        }
        if (type.isNumeric()) {
            return true;
        }
        return type == ValueType.DATE_TIME && ((DateTime) object).isOrderedWith((DateTime) other.object);
    }

    /**
     * Orders two values of one ordered type.
     *
     * @return negative, zero or positive as this value is below, equal to or above {@code other}
     * @throws IllegalArgumentException when {@link #isOrderedWith} is false
     */
    public int compareTo(Value other) {
        if (!isOrderedWith(other)) {
            throw new IllegalArgumentException("cannot order " + this + " (" + type.xmlName() + ") against "
                    + other + " (" + other.type.xmlName() + ")");
        }
        switch (type) {
            case UNSIGNED_LONG:
                return Long.compareUnsigned(bits, other.bits);
            case DECIMAL:
                return ((BigDecimal) object).compareTo((BigDecimal) other.object);
            case DATE_TIME:
                return ((DateTime) object).compareTo((DateTime) other.object);
            default:
                return Long.compare(bits, other.bits);
        }
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Value other) || type != other.type) {
            return false;
        }
        if (object == null) {
            return bits == other.bits;
        }
        if (object instanceof byte[] b) {
            return Arrays.equals(b, (byte[]) other.object);
        }
        return object.equals(other.object);
    }

    @Override
    public int hashCode() {
        int h;
        if (object == null) {
            h = Long.hashCode(bits);
        } else if (object instanceof byte[] b) {
            h = Arrays.hashCode(b);
        } else {
            h = object.hashCode();
        }
        return type.hashCode() * 31 + h;
    }

    /** The canonical lexical form: what an Agent reports for this value. */
    @Override
    public String toString() {
        return canonical;
    }
}
