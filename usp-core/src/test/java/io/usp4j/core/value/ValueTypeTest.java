package io.usp4j.core.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.usp4j.core.error.ErrorCode;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class ValueTypeTest {

    private static void assertInvalid(ValueType type, String text) {
        assertThatThrownBy(() -> type.parse(text))
                .isInstanceOf(InvalidTypeException.class)
                .satisfies(e -> {
                    InvalidTypeException ite = (InvalidTypeException) e;
                    assertThat(ite.errorCode()).isEqualTo(ErrorCode.INVALID_TYPE);
                    assertThat(ite.type()).isEqualTo(type);
                    assertThat(ite.input()).isEqualTo(text);
                    assertThat(ite.getMessage()).contains(type.xmlName()).contains(text);
                });
        assertThat(type.isValid(text)).isFalse();
    }

    @Test
    void int_accepts_signs_and_leading_zeros_and_enforces_its_range() {
        assertThat(ValueType.INT.parse("123")).isEqualTo(ValueType.INT.parse("+123")).isEqualTo(ValueType.INT.parse("0123"));
        assertThat(ValueType.INT.canonical("+0123")).isEqualTo("123");
        assertThat(ValueType.INT.canonical("-0")).isEqualTo("0");
        assertThat(ValueType.INT.parse("-2147483648").asLong()).isEqualTo(Integer.MIN_VALUE);
        assertThat(ValueType.INT.parse("2147483647").asLong()).isEqualTo(Integer.MAX_VALUE);
        assertInvalid(ValueType.INT, "2147483648");
        assertInvalid(ValueType.INT, "-2147483649");
        assertInvalid(ValueType.INT, "");
        assertInvalid(ValueType.INT, "+");
        assertInvalid(ValueType.INT, "1.0");
        assertInvalid(ValueType.INT, " 1");
        assertInvalid(ValueType.INT, "0x10");
        assertInvalid(ValueType.INT, "1e3");
    }

    @Test
    void unsigned_types_allow_a_sign_only_on_zero() {
        assertThat(ValueType.UNSIGNED_INT.canonical("-0")).isEqualTo("0");
        assertThat(ValueType.UNSIGNED_INT.canonical("+42")).isEqualTo("42");
        assertThat(ValueType.UNSIGNED_INT.parse("4294967295").asLong()).isEqualTo(4294967295L);
        assertInvalid(ValueType.UNSIGNED_INT, "4294967296");
        assertInvalid(ValueType.UNSIGNED_INT, "-1");
        assertThat(ValueType.UNSIGNED_LONG.canonical("18446744073709551615")).isEqualTo("18446744073709551615");
        assertThat(ValueType.UNSIGNED_LONG.canonical("000018446744073709551615")).isEqualTo("18446744073709551615");
        assertThat(ValueType.UNSIGNED_LONG.canonical("-0")).isEqualTo("0");
        assertInvalid(ValueType.UNSIGNED_LONG, "18446744073709551616");
        assertInvalid(ValueType.UNSIGNED_LONG, "-5");
        assertInvalid(ValueType.UNSIGNED_LONG, "12a");
        assertThat(ValueType.UNSIGNED_LONG.parse("18446744073709551615").asDecimal())
                .isEqualByComparingTo("18446744073709551615");
    }

    @Test
    void long_covers_the_64_bit_range() {
        assertThat(ValueType.LONG.parse("-9223372036854775808").asLong()).isEqualTo(Long.MIN_VALUE);
        assertThat(ValueType.LONG.parse("9223372036854775807").asLong()).isEqualTo(Long.MAX_VALUE);
        assertInvalid(ValueType.LONG, "9223372036854775808");
        assertInvalid(ValueType.LONG, "-9223372036854775809");
        assertInvalid(ValueType.LONG, "99999999999999999999999");
    }

    @Test
    void parse_integer_is_the_same_reading_without_a_value_object() {
        assertThat(ValueType.INT.parseInteger("-0042")).isEqualTo(-42);
        assertThat(ValueType.UNSIGNED_LONG.parseInteger("18446744073709551615")).isEqualTo(-1L);
        assertThatThrownBy(() -> ValueType.STRING.parseInteger("1")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void decimal_has_no_exponent_and_a_stripped_canonical_form() {
        assertThat(ValueType.DECIMAL.canonical("+001.500")).isEqualTo("1.5");
        assertThat(ValueType.DECIMAL.canonical("-0.0")).isEqualTo("0");
        assertThat(ValueType.DECIMAL.canonical("100")).isEqualTo("100");
        assertThat(ValueType.DECIMAL.canonical(".5")).isEqualTo("0.5");
        assertThat(ValueType.DECIMAL.canonical("2.")).isEqualTo("2");
        assertThat(ValueType.DECIMAL.parse("1.50")).isEqualTo(ValueType.DECIMAL.parse("1.5"));
        assertThat(ValueType.DECIMAL.parse("1.5").asDecimal()).isEqualTo(new BigDecimal("1.5"));
        assertInvalid(ValueType.DECIMAL, "1e3");
        assertInvalid(ValueType.DECIMAL, ".");
        assertInvalid(ValueType.DECIMAL, "1.2.3");
        assertInvalid(ValueType.DECIMAL, "+-1");
        assertInvalid(ValueType.DECIMAL, "NaN");
    }

    @Test
    void boolean_accepts_true_false_1_0_only() {
        assertThat(ValueType.BOOLEAN.parse("1")).isEqualTo(ValueType.BOOLEAN.parse("true")).isEqualTo(Value.of(true));
        assertThat(ValueType.BOOLEAN.parse("0").asBoolean()).isFalse();
        assertThat(ValueType.BOOLEAN.canonical("1")).isEqualTo("true");
        assertThat(ValueType.BOOLEAN.canonical("0")).isEqualTo("false");
        assertInvalid(ValueType.BOOLEAN, "TRUE");
        assertInvalid(ValueType.BOOLEAN, "yes");
        assertInvalid(ValueType.BOOLEAN, "");
    }

    @Test
    void base64_requires_padding_and_zero_trailing_bits() {
        assertThat(ValueType.BASE64.parse("AQID").asBytes()).containsExactly(1, 2, 3);
        assertThat(ValueType.BASE64.parse("AQI=").asBytes()).containsExactly(1, 2);
        assertThat(ValueType.BASE64.canonical("AQ ID\n")).isEqualTo("AQID");
        assertThat(ValueType.BASE64.parse("")).isEqualTo(ValueType.BASE64.parse(" "));
        assertInvalid(ValueType.BASE64, "AQI");
        assertInvalid(ValueType.BASE64, "AQJ=");
        assertInvalid(ValueType.BASE64, "AQ*D");
        assertInvalid(ValueType.BASE64, "A===");
    }

    @Test
    void hex_binary_is_case_insensitive_with_upper_case_canonical_form() {
        assertThat(ValueType.HEX_BINARY.parse("0a")).isEqualTo(ValueType.HEX_BINARY.parse("0A"));
        assertThat(ValueType.HEX_BINARY.canonical("deadBEEF")).isEqualTo("DEADBEEF");
        assertThat(ValueType.HEX_BINARY.parse("").asBytes()).isEmpty();
        assertInvalid(ValueType.HEX_BINARY, "abc");
        assertInvalid(ValueType.HEX_BINARY, "0g");
        assertInvalid(ValueType.HEX_BINARY, "\uFF10\uFF10");
    }

    @Test
    void string_accepts_anything_and_keeps_it() {
        assertThat(ValueType.STRING.canonical(" a,b ")).isEqualTo(" a,b ");
        assertThat(ValueType.STRING.parse("x")).isNotEqualTo(ValueType.HEX_BINARY.parse("AA"));
    }

    @Test
    void values_of_different_types_are_never_equal() {
        assertThat(ValueType.INT.parse("1")).isNotEqualTo(ValueType.LONG.parse("1"));
        assertThat(ValueType.INT.parse("1")).isNotEqualTo(ValueType.BOOLEAN.parse("1"));
        assertThat(ValueType.INT.parse("1").hashCode()).isEqualTo(ValueType.INT.parse("+01").hashCode());
    }

    @Test
    void ordering_exists_for_numeric_types_and_date_time_only() {
        assertThat(ValueType.INT.parse("-5").compareTo(ValueType.INT.parse("3"))).isNegative();
        assertThat(ValueType.UNSIGNED_LONG.parse("18446744073709551615").compareTo(ValueType.UNSIGNED_LONG.parse("1")))
                .isPositive();
        assertThat(ValueType.DECIMAL.parse("1.50").compareTo(ValueType.DECIMAL.parse("1.5"))).isZero();
        assertThat(ValueType.DATE_TIME.parse("2021-06-06T10:00:00+02:00")
                .compareTo(ValueType.DATE_TIME.parse("2021-06-06T08:00:00Z"))).isZero();
        assertThat(ValueType.STRING.parse("a").isOrderedWith(ValueType.STRING.parse("b"))).isFalse();
        assertThat(ValueType.INT.parse("1").isOrderedWith(ValueType.LONG.parse("1"))).isFalse();
        assertThat(ValueType.DATE_TIME.parse("0001-01-01T00:00:00Z")
                .isOrderedWith(ValueType.DATE_TIME.parse("2021-06-06T08:00:00Z"))).isFalse();
        assertThatThrownBy(() -> ValueType.BOOLEAN.parse("1").compareTo(ValueType.BOOLEAN.parse("0")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(ValueType.BOOLEAN.isOrdered()).isFalse();
        assertThat(ValueType.DATE_TIME.isOrdered()).isTrue();
        assertThat(ValueType.HEX_BINARY.isOrdered()).isFalse();
    }

    @Test
    void lists_split_on_commas_ignore_surrounding_whitespace_and_type_each_item() {
        assertThat(ValueType.UNSIGNED_INT.parseList("3, 05 ,7")).containsExactly(
                ValueType.UNSIGNED_INT.parse("3"), ValueType.UNSIGNED_INT.parse("5"), ValueType.UNSIGNED_INT.parse("7"));
        assertThat(ValueType.UNSIGNED_INT.canonicalList("3, 05 ,7")).isEqualTo("3,5,7");
        assertThat(ValueType.STRING.parseList("")).isEmpty();
        assertThat(ValueType.STRING.parseList("a,,b")).extracting(Value::toString).containsExactly("a", "", "b");
        assertThat(ValueType.splitList("Device.A.1, Device.A.2")).containsExactly("Device.A.1", "Device.A.2");
        assertThat(ValueType.formatList(ValueType.BOOLEAN.parseList("1,0"))).isEqualTo("true,false");
        assertThatThrownBy(() -> ValueType.INT.parseList("1,x,3"))
                .isInstanceOf(InvalidTypeException.class)
                .satisfies(e -> {
                    InvalidTypeException ite = (InvalidTypeException) e;
                    assertThat(ite.list()).isTrue();
                    assertThat(ite.errorCode().code()).isEqualTo(7011);
                    assertThat(ite.getMessage()).contains("list of int").contains("\"x\"");
                });
    }

    @Test
    void accessors_reject_the_wrong_type() {
        assertThatThrownBy(() -> ValueType.STRING.parse("1").asLong()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> ValueType.INT.parse("1").asBoolean()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> ValueType.INT.parse("1").asDateTime()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> ValueType.INT.parse("1").asBytes()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> ValueType.STRING.parse("1").asDecimal()).isInstanceOf(IllegalStateException.class);
        byte[] bytes = ValueType.HEX_BINARY.parse("01").asBytes();
        bytes[0] = 9;
        assertThat(ValueType.HEX_BINARY.parse("01").asBytes()).containsExactly(1);
    }
}
