package io.usp4j.datamodel.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.usp4j.core.error.ErrorCode;
import io.usp4j.core.value.ValueType;
import io.usp4j.datamodel.schema.EnumerationReference;
import io.usp4j.datamodel.schema.ListFacet;
import io.usp4j.datamodel.schema.NumericRange;
import io.usp4j.datamodel.schema.PathReference;
import io.usp4j.datamodel.schema.SizeRange;
import io.usp4j.datamodel.schema.Syntax;
import io.usp4j.datamodel.validation.ValueRejectedException.Rule;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ValueValidatorTest {

    private static ValueRejectedException rejected(Syntax syntax, String text) {
        return rejected(null, syntax, text);
    }

    private static ValueRejectedException rejected(String path, Syntax syntax, String text) {
        try {
            String accepted = ValueValidator.check(path, syntax, text);
            throw new AssertionError("expected \"" + text + "\" to be refused by " + syntax + ", got " + accepted);
        } catch (ValueRejectedException e) {
            return e;
        }
    }

    private static void assertType(Syntax syntax, String text) {
        ValueRejectedException e = rejected(syntax, text);
        assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_TYPE);
        assertThat(e.errorCode().code()).isEqualTo(7011);
        assertThat(e.rule()).isEqualTo(Rule.TYPE);
    }

    private static ValueRejectedException assertValue(Syntax syntax, String text, Rule rule) {
        ValueRejectedException e = rejected(syntax, text);
        assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_VALUE);
        assertThat(e.errorCode().code()).isEqualTo(7012);
        assertThat(e.rule()).isEqualTo(rule);
        return e;
    }

    private static NumericRange range(String min, String max, String step) {
        return new NumericRange(min == null ? null : new BigDecimal(min), max == null ? null : new BigDecimal(max),
                step == null ? null : new BigDecimal(step));
    }

    @Nested
    class Types {
        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "UNSIGNED_INT  | 0                            | 0",
            "UNSIGNED_INT  | 4294967295                   | 4294967295",
            "UNSIGNED_INT  | +0123                        | 123",
            "UNSIGNED_INT  | -0                           | 0",
            "INT           | -2147483648                  | -2147483648",
            "INT           | 2147483647                   | 2147483647",
            "INT           | +007                         | 7",
            "LONG          | -9223372036854775808         | -9223372036854775808",
            "LONG          | 9223372036854775807          | 9223372036854775807",
            "UNSIGNED_LONG | 18446744073709551615         | 18446744073709551615",
            "UNSIGNED_LONG | 000018446744073709551615     | 18446744073709551615",
            "DECIMAL       | +1.50                        | 1.5",
            "DECIMAL       | -0.0                         | 0",
            "DECIMAL       | 100                          | 100",
            "DECIMAL       | .5                           | 0.5",
            "BOOLEAN       | true                         | true",
            "BOOLEAN       | false                        | false",
            "BOOLEAN       | 1                            | true",
            "BOOLEAN       | 0                            | false",
            "DATE_TIME     | 2024-01-02T03:04:05+01:00    | 2024-01-02T02:04:05Z",
            "DATE_TIME     | 0001-01-01T00:00:00Z         | 0001-01-01T00:00:00Z",
            "DATE_TIME     | 2024-01-02T03:04:05.500Z     | 2024-01-02T03:04:05.5Z",
            "BASE64        | SGVs bG8=                    | SGVsbG8=",
            "HEX_BINARY    | 0a1bFf                       | 0A1BFF",
            "STRING        | ' a, B '                     | ' a, B '",
        })
        void accepts_and_canonicalises(ValueType type, String text, String canonical) {
            assertThat(ValueValidator.check(Syntax.of(type), text)).isEqualTo(canonical);
        }

        @Test
        void accepts_empty_strings_and_empty_binary_values() {
            assertThat(ValueValidator.check(Syntax.of(ValueType.STRING), "")).isEmpty();
            assertThat(ValueValidator.check(Syntax.of(ValueType.HEX_BINARY), "")).isEmpty();
            assertThat(ValueValidator.check(Syntax.of(ValueType.BASE64), "")).isEmpty();
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "UNSIGNED_INT  | 4294967296",
            "UNSIGNED_INT  | -1",
            "UNSIGNED_INT  | 1.0",
            "UNSIGNED_INT  | ''",
            "UNSIGNED_INT  | ' 1'",
            "UNSIGNED_INT  | 0x10",
            "INT           | 2147483648",
            "INT           | -2147483649",
            "LONG          | 9223372036854775808",
            "LONG          | -9223372036854775809",
            "UNSIGNED_LONG | 18446744073709551616",
            "UNSIGNED_LONG | -1",
            "DECIMAL       | 1e3",
            "DECIMAL       | 1.2.3",
            "DECIMAL       | ''",
            "BOOLEAN       | True",
            "BOOLEAN       | TRUE",
            "BOOLEAN       | False",
            "BOOLEAN       | yes",
            "BOOLEAN       | 2",
            "BOOLEAN       | ''",
            "DATE_TIME     | 2024-13-01T00:00:00Z",
            "DATE_TIME     | yesterday",
            "BASE64        | abc",
            "BASE64        | SGVsbG8",
            "HEX_BINARY    | abc",
            "HEX_BINARY    | 0g",
        })
        void refuses_text_that_is_not_of_the_type_with_7011(ValueType type, String text) {
            assertType(Syntax.of(type), text);
        }

        /** TP-469 test 1.88 writes 'True' to a boolean: XML Schema booleans are lower case, so this is 7011. */
        @Test
        void capitalised_True_is_an_invalid_type() {
            ValueRejectedException e = rejected("Device.LocalAgent.Subscription.1.Enable",
                    Syntax.of(ValueType.BOOLEAN), "True");
            assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_TYPE);
            assertThat(e.getMessage())
                    .startsWith("Device.LocalAgent.Subscription.1.Enable: ")
                    .contains("\"True\"")
                    .contains("true, false, 1 or 0");
            assertThat(ValueType.BOOLEAN.isValid("True")).isFalse();
        }

        @Test
        void keeps_the_type_error_as_cause() {
            assertThat(rejected(Syntax.of(ValueType.INT), "x").getCause())
                    .isInstanceOf(io.usp4j.core.value.InvalidTypeException.class);
        }
    }

    @Nested
    class Ranges {
        private final Syntax port = Syntax.builder(ValueType.UNSIGNED_INT).range(NumericRange.of(1L, 65535L)).build();

        @ParameterizedTest
        @CsvSource({"1,1", "65535,65535", "+0065535,65535", "80,80"})
        void accepts_values_in_the_range(String text, String canonical) {
            assertThat(ValueValidator.check(port, text)).isEqualTo(canonical);
        }

        @Test
        void refuses_values_below_and_above() {
            assertThat(assertValue(port, "0", Rule.RANGE).getMessage()).isEqualTo("0 is below the minimum 1");
            assertThat(assertValue(port, "65536", Rule.RANGE).getMessage())
                    .isEqualTo("65536 is above the maximum 65535");
        }

        @Test
        void names_the_parameter() {
            Syntax s = Syntax.builder(ValueType.UNSIGNED_INT).range(NumericRange.of(0L, 65535L)).build();
            ValueRejectedException e = rejected("Device.X.Port", s, "70000");
            assertThat(e.getMessage()).isEqualTo("Device.X.Port: 70000 is above the maximum 65535");
            assertThat(e.parameterPath()).contains("Device.X.Port");
            assertThat(e.reason()).isEqualTo("70000 is above the maximum 65535");
            assertThat(rejected(s, "70000").parameterPath()).isEmpty();
        }

        @Test
        void type_range_is_checked_before_facets() {
            assertType(port, "4294967296");
        }

        @Test
        void value_must_be_in_one_of_several_ranges() {
            Syntax s = Syntax.builder(ValueType.INT).range(NumericRange.of(-1L, -1L)).range(NumericRange.of(1L, 10L))
                    .build();
            assertThat(ValueValidator.check(s, "-1")).isEqualTo("-1");
            assertThat(ValueValidator.check(s, "1")).isEqualTo("1");
            assertThat(ValueValidator.check(s, "10")).isEqualTo("10");
            assertThat(assertValue(s, "0", Rule.RANGE).getMessage())
                    .isEqualTo("0 is outside the allowed ranges -1..-1, 1..10");
            assertValue(s, "11", Rule.RANGE);
            assertValue(s, "-2", Rule.RANGE);
        }

        @Test
        void steps_count_from_the_minimum_or_from_zero() {
            Syntax fromZero = Syntax.builder(ValueType.INT).range(range("0", "100", "5")).build();
            assertThat(ValueValidator.check(fromZero, "95")).isEqualTo("95");
            assertThat(ValueValidator.check(fromZero, "100")).isEqualTo("100");
            assertThat(assertValue(fromZero, "97", Rule.RANGE).getMessage())
                    .isEqualTo("97 is not 0 plus a multiple of the step 5");

            Syntax fromOne = Syntax.builder(ValueType.INT).range(range("1", null, "2")).build();
            assertThat(ValueValidator.check(fromOne, "3")).isEqualTo("3");
            assertValue(fromOne, "4", Rule.RANGE);

            Syntax noMin = Syntax.builder(ValueType.INT).range(range(null, null, "10")).build();
            assertThat(ValueValidator.check(noMin, "-20")).isEqualTo("-20");
            assertThat(assertValue(noMin, "-25", Rule.RANGE).getMessage())
                    .isEqualTo("-25 is not a multiple of the step 10");
        }

        @Test
        void decimal_ranges() {
            Syntax s = Syntax.builder(ValueType.DECIMAL).range(range("0.5", "1.5", null)).build();
            assertThat(ValueValidator.check(s, "1.50")).isEqualTo("1.5");
            assertThat(ValueValidator.check(s, "0.5")).isEqualTo("0.5");
            assertValue(s, "1.51", Rule.RANGE);
            assertValue(s, "0.49", Rule.RANGE);
        }

        @Test
        void unsigned_long_ranges_above_the_signed_maximum() {
            Syntax s = Syntax.builder(ValueType.UNSIGNED_LONG)
                    .range(range("18446744073709551610", "18446744073709551615", null)).build();
            assertThat(ValueValidator.check(s, "18446744073709551615")).isEqualTo("18446744073709551615");
            assertThat(ValueValidator.check(s, "18446744073709551610")).isEqualTo("18446744073709551610");
            assertValue(s, "18446744073709551609", Rule.RANGE);
            assertValue(s, "1", Rule.RANGE);
        }

        @Test
        void long_ranges_at_the_type_limits() {
            Syntax s = Syntax.builder(ValueType.LONG).range(NumericRange.of(Long.MIN_VALUE, -1L)).build();
            assertThat(ValueValidator.check(s, "-9223372036854775808")).isEqualTo("-9223372036854775808");
            assertValue(s, "0", Rule.RANGE);
        }
    }

    @Nested
    class Sizes {
        @Test
        void string_length_in_characters() {
            Syntax s = Syntax.builder(ValueType.STRING).maxLength(4).build();
            assertThat(ValueValidator.check(s, "abcd")).isEqualTo("abcd");
            assertThat(ValueValidator.check(s, "")).isEmpty();
            // four characters outside the BMP: eight UTF-16 units, still four characters
            String emoji = "\uD83D\uDE00".repeat(4);
            assertThat(ValueValidator.check(s, emoji)).isEqualTo(emoji);
            assertThat(assertValue(s, "abcde", Rule.SIZE).getMessage()).isEqualTo("length 5 is above the maximum 4");
        }

        @Test
        void minimum_length() {
            Syntax s = Syntax.builder(ValueType.STRING).size(new SizeRange(2, 4)).build();
            assertThat(ValueValidator.check(s, "ab")).isEqualTo("ab");
            assertThat(assertValue(s, "a", Rule.SIZE).getMessage()).isEqualTo("length 1 is below the minimum 2");
            assertValue(s, "", Rule.SIZE);
        }

        @Test
        void several_sizes() {
            Syntax s = Syntax.builder(ValueType.STRING).size(new SizeRange(0, 0)).size(new SizeRange(6, 6)).build();
            assertThat(ValueValidator.check(s, "")).isEmpty();
            assertThat(ValueValidator.check(s, "abcdef")).isEqualTo("abcdef");
            assertThat(assertValue(s, "abc", Rule.SIZE).getMessage())
                    .isEqualTo("length 3 is outside the allowed sizes 0..0, 6..6");
        }

        @Test
        void hex_binary_size_counts_decoded_bytes() {
            Syntax s = Syntax.builder(ValueType.HEX_BINARY).maxLength(3).build();
            assertThat(ValueValidator.check(s, "aabbcc")).isEqualTo("AABBCC");
            assertThat(assertValue(s, "AABBCCDD", Rule.SIZE).getMessage())
                    .isEqualTo("decoded length 4 bytes is above the maximum 3");
        }

        @Test
        void base64_size_counts_decoded_bytes() {
            Syntax s = Syntax.builder(ValueType.BASE64).size(new SizeRange(1, 3)).build();
            assertThat(ValueValidator.check(s, "AAAA")).isEqualTo("AAAA"); // 3 bytes, 4 characters
            assertValue(s, "AAAAAA==", Rule.SIZE); // 4 bytes
            assertValue(s, "", Rule.SIZE);
        }

        @Test
        void sizes_do_not_apply_to_numbers() {
            Syntax s = Syntax.builder(ValueType.UNSIGNED_INT).maxLength(1).build();
            assertThat(ValueValidator.check(s, "12345")).isEqualTo("12345");
        }
    }

    @Nested
    class Enumerations {
        private final Syntax status = Syntax.builder(ValueType.STRING).enumeration("Up", "Down", "Unknown").build();

        @ParameterizedTest
        @ValueSource(strings = {"Up", "Down", "Unknown"})
        void accepts_enumerated_values(String v) {
            assertThat(ValueValidator.check(status, v)).isEqualTo(v);
        }

        @ParameterizedTest
        @ValueSource(strings = {"up", "UP", "Up ", "", "Sideways"})
        void refuses_anything_else_exactly(String v) {
            assertValue(status, v, Rule.ENUMERATION);
        }

        @Test
        void message_lists_the_allowed_values() {
            assertThat(rejected("Device.X.Status", status, "Sideways").getMessage())
                    .isEqualTo("Device.X.Status: \"Sideways\" is not one of the allowed values (Up, Down, Unknown)");
        }

        @Test
        void long_enumerations_are_shortened_in_messages() {
            Syntax s = Syntax.builder(ValueType.STRING)
                    .enumeration("a", "b", "c", "d", "e", "f", "g", "h", "i", "j").build();
            assertThat(rejected(s, "z").getMessage()).endsWith("(a, b, c, d, e, f, g, h, ...)");
        }

        @Test
        void each_list_item_must_be_enumerated() {
            Syntax s = status.toBuilder().list(ListFacet.UNBOUNDED).build();
            assertThat(ValueValidator.check(s, "Up, Down")).isEqualTo("Up,Down");
            assertThat(ValueValidator.check(s, "")).isEmpty();
            ValueRejectedException e = assertValue(s, "Up,Sideways", Rule.ENUMERATION);
            assertThat(e.getMessage()).startsWith("item 2: \"Sideways\"");
        }

        @Test
        void non_string_enumerations_compare_canonical_forms() {
            Syntax s = Syntax.builder(ValueType.UNSIGNED_INT).enumeration("1", "2").build();
            assertThat(ValueValidator.check(s, "02")).isEqualTo("2");
            assertValue(s, "3", Rule.ENUMERATION);
        }

        @Test
        void enumeration_references_are_not_checked() {
            Syntax s = Syntax.builder(ValueType.STRING)
                    .enumerationReference(new EnumerationReference("#.SupportedProtocols", "")).build();
            assertThat(ValueValidator.check(s, "anything")).isEqualTo("anything");
        }
    }

    @Nested
    class Patterns {
        private final Syntax mac = Syntax.builder(ValueType.STRING).maxLength(17).pattern("")
                .pattern("([0-9A-Fa-f][0-9A-Fa-f]:){5}([0-9A-Fa-f][0-9A-Fa-f])").build();

        @ParameterizedTest
        @ValueSource(strings = {"", "00:11:22:aa:BB:cc", "FF:FF:FF:FF:FF:FF"})
        void accepts_matching_values(String v) {
            assertThat(ValueValidator.check(mac, v)).isEqualTo(v);
        }

        @ParameterizedTest
        @ValueSource(strings = {"00:11:22:33:44", "00:11:22:33:44:5g", "x0:11:22:33:44:55", "00-11-22-33-44-55"})
        void refuses_values_matching_no_pattern(String v) {
            ValueRejectedException e = assertValue(mac, v, Rule.PATTERN);
            assertThat(e.getMessage()).contains("matches none of the 2 allowed patterns");
        }

        @Test
        void size_is_checked_before_the_pattern() {
            assertValue(mac, "00:11:22:33:44:55x", Rule.SIZE);
        }

        @Test
        void patterns_match_the_whole_value() {
            Syntax s = Syntax.builder(ValueType.STRING).pattern("abc").build();
            assertThat(ValueValidator.check(s, "abc")).isEqualTo("abc");
            assertThat(assertValue(s, "xabcx", Rule.PATTERN).getMessage())
                    .isEqualTo("\"xabcx\" does not match the pattern \"abc\"");
            assertValue(s, "abcx", Rule.PATTERN);
        }

        @Test
        void top_level_alternatives_are_all_anchored() {
            Syntax s = Syntax.builder(ValueType.STRING).pattern("[0-9]|[1-5][0-9]|6[0-3]").build();
            assertThat(ValueValidator.check(s, "7")).isEqualTo("7");
            assertThat(ValueValidator.check(s, "63")).isEqualTo("63");
            assertValue(s, "64", Rule.PATTERN);
            assertValue(s, "630", Rule.PATTERN);
        }

        @Test
        void literal_alternative_patterns() {
            Syntax s = Syntax.builder(ValueType.STRING).pattern("Null").pattern("Drop").pattern("\\d+").build();
            assertThat(ValueValidator.check(s, "Null")).isEqualTo("Null");
            assertThat(ValueValidator.check(s, "Drop")).isEqualTo("Drop");
            assertThat(ValueValidator.check(s, "42")).isEqualTo("42");
            assertValue(s, "null", Rule.PATTERN);
        }

        @Test
        void the_empty_pattern_allows_only_the_empty_string() {
            Syntax s = Syntax.builder(ValueType.STRING).pattern("").build();
            assertThat(ValueValidator.check(s, "")).isEmpty();
            assertValue(s, "x", Rule.PATTERN);
        }

        @Test
        void anchors_are_ordinary_characters() {
            Syntax s = Syntax.builder(ValueType.STRING).pattern("^a$").build();
            assertThat(ValueValidator.check(s, "^a$")).isEqualTo("^a$");
            assertValue(s, "a", Rule.PATTERN);
        }

        @Test
        void an_invalid_pattern_is_ignored() {
            Syntax broken = Syntax.builder(ValueType.STRING).pattern("(?i)abc").build();
            assertThat(ValueValidator.check(broken, "anything")).isEqualTo("anything");
            Syntax mixed = Syntax.builder(ValueType.STRING).pattern("(?i)abc").pattern("x+").build();
            assertThat(ValueValidator.check(mixed, "xx")).isEqualTo("xx");
            assertValue(mixed, "abc", Rule.PATTERN);
        }

        @Test
        void patterns_apply_to_each_list_item() {
            Syntax s = Syntax.builder(ValueType.STRING).pattern("[a-z]+").list(ListFacet.UNBOUNDED).build();
            assertThat(ValueValidator.check(s, "ab, cd")).isEqualTo("ab,cd");
            assertThat(assertValue(s, "ab,c1", Rule.PATTERN).getMessage()).startsWith("item 2: ");
        }

        @Test
        void enumerations_and_patterns_must_both_hold() {
            Syntax s = Syntax.builder(ValueType.STRING).enumeration("ab", "12").pattern("[a-z]+").build();
            assertThat(ValueValidator.check(s, "ab")).isEqualTo("ab");
            assertValue(s, "12", Rule.PATTERN);
            assertValue(s, "cd", Rule.ENUMERATION);
        }
    }

    @Nested
    class Lists {
        private final Syntax ints = Syntax.builder(ValueType.UNSIGNED_INT).list(ListFacet.UNBOUNDED).build();

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "1, 02 ,3 | 1,2,3",
            "''       | ''",
            "'   '    | ''",
            "+7       | 7",
        })
        void canonicalises_each_item(String text, String canonical) {
            assertThat(ValueValidator.check(ints, text)).isEqualTo(canonical);
        }

        @Test
        void a_bad_item_is_an_invalid_type() {
            ValueRejectedException e = rejected(ints, "1,x,3");
            assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_TYPE);
            assertThat(e.getMessage()).startsWith("item 2: ");
            assertType(ints, "1,,3");
            assertType(ints, "1,");
        }

        @Test
        void booleans_in_a_list() {
            Syntax s = Syntax.builder(ValueType.BOOLEAN).list(ListFacet.UNBOUNDED).build();
            assertThat(ValueValidator.check(s, "1,0,true")).isEqualTo("true,false,true");
            assertType(s, "true,True");
        }

        @Test
        void item_counts() {
            Syntax s = ints.toBuilder().list(new ListFacet(1, 2, List.of(), ListFacet.NestedBrackets.LEGAL)).build();
            assertThat(ValueValidator.check(s, "1")).isEqualTo("1");
            assertThat(ValueValidator.check(s, "1,2")).isEqualTo("1,2");
            assertThat(assertValue(s, "", Rule.LIST_ITEMS).getMessage())
                    .isEqualTo("0 items, fewer than the minimum 1");
            assertThat(assertValue(s, "1,2,3", Rule.LIST_ITEMS).getMessage())
                    .isEqualTo("3 items, more than the maximum 2");
        }

        @Test
        void a_type_error_comes_before_the_item_count() {
            Syntax s = ints.toBuilder().list(new ListFacet(0, 1, List.of(), ListFacet.NestedBrackets.LEGAL)).build();
            assertType(s, "1,x");
        }

        @Test
        void list_size_bounds_the_canonical_list_string() {
            Syntax s = ints.toBuilder()
                    .list(new ListFacet(0, SizeRange.UNBOUNDED, List.of(SizeRange.max(5)), ListFacet.NestedBrackets.LEGAL))
                    .build();
            assertThat(ValueValidator.check(s, "1,2,3")).isEqualTo("1,2,3");
            assertThat(ValueValidator.check(s, "1, 2, 03")).isEqualTo("1,2,3");
            assertThat(assertValue(s, "1,2,34", Rule.LIST_SIZE).getMessage())
                    .isEqualTo("list length 6 is above the maximum 5");
        }

        @Test
        void syntax_sizes_bound_each_item_of_a_list() {
            Syntax s = Syntax.builder(ValueType.STRING).maxLength(3).list(ListFacet.UNBOUNDED).build();
            assertThat(ValueValidator.check(s, "abc,de")).isEqualTo("abc,de");
            assertValue(s, "abc,defg", Rule.SIZE);
        }

        @Test
        void ranges_apply_to_each_item() {
            Syntax s = ints.toBuilder().range(NumericRange.of(0L, 10L)).build();
            assertThat(ValueValidator.check(s, "0,10")).isEqualTo("0,10");
            assertThat(assertValue(s, "0,11", Rule.RANGE).getMessage())
                    .isEqualTo("item 2: 11 is above the maximum 10");
        }

        @Test
        void required_nested_brackets() {
            Syntax s = Syntax.builder(ValueType.INT).range(NumericRange.of(-10L, 10L))
                    .list(new ListFacet(2, 32, List.of(), ListFacet.NestedBrackets.REQUIRED)).build();
            assertThat(ValueValidator.check(s, "[1,2],[3, +4]")).isEqualTo("[1,2],[3,4]");
            assertThat(ValueValidator.check(s, " [1,2] , [-3,4] ")).isEqualTo("[1,2],[-3,4]");
            assertType(s, "1,2");
            assertType(s, "[1,2],[3,4");
            assertType(s, "[1,2]],[3,4]");
            assertThat(rejected(s, "[1,2],[3,x]").getMessage()).startsWith("item 2.2: ");
            assertThat(assertValue(s, "[1,2],[3,11]", Rule.RANGE).getMessage()).startsWith("item 2.2: ");
            assertValue(s, "[1,2]", Rule.LIST_ITEMS);
        }

        @Test
        void permitted_nested_brackets() {
            Syntax s = Syntax.builder(ValueType.INT)
                    .list(new ListFacet(0, 10, List.of(), ListFacet.NestedBrackets.PERMITTED)).build();
            assertThat(ValueValidator.check(s, "[1,2],3")).isEqualTo("[1,2],3");
            assertThat(ValueValidator.check(s, "")).isEmpty();
        }

        @Test
        void brackets_are_plain_characters_in_ordinary_lists() {
            Syntax s = Syntax.builder(ValueType.STRING).list(ListFacet.UNBOUNDED).build();
            assertThat(ValueValidator.check(s, "[a,b]")).isEqualTo("[a,b]");
        }
    }

    @Nested
    class PathReferences {
        private final Syntax iface = Syntax.builder(ValueType.STRING).maxLength(256)
                .reference(PathReference.toRows(PathReference.RefType.STRONG, "Device.IP.Interface.")).build();

        @ParameterizedTest
        @ValueSource(strings = {
            "",
            "Device.IP.Interface.1",
            "Device.IP.Interface.1.",
            "Device.IP.Interface.4294967295.",
            "Device.IP.Interface.[Name==\"eth0\"].",
            "Device.IP.Interface.[Name==\"eth0\"]",
            "Device.IP.Interface.[Alias==\"wan\"&&Type==\"Normal\"].",
        })
        void accepts_rows_of_the_target_parent_as_written(String v) {
            assertThat(ValueValidator.check(iface, v)).isEqualTo(v);
        }

        @ParameterizedTest
        @ValueSource(strings = {
            "Device.IP.Interface.",
            "Device.IP.Interface",
            "Device.Ethernet.Link.1",
            "Device.IP.Interface.1.IPv4Address.1",
            "Device.IP.Interface.*.",
            "Device.IP.Interface.[Speed>5].",
            "Device.IP.Interface.[Name!=\"x\"].",
            "Device.NAT.PortMapping.1.Interface+.",
            "Device.IP.Interface.0",
            "Device.IP.Interface.01",
            "not a path",
            "Device.IP.Interface.{i}.",
            "Device.Reboot()",
        })
        void refuses_other_values_with_7012(String v) {
            assertValue(iface, v, Rule.REFERENCE);
        }

        @Test
        void messages_say_what_is_wrong() {
            assertThat(rejected("Device.NAT.PortMapping.1.Interface", iface, "Device.Ethernet.Link.1").getMessage())
                    .isEqualTo("Device.NAT.PortMapping.1.Interface: \"Device.Ethernet.Link.1\" is not a row of"
                            + " Device.IP.Interface.");
            assertThat(rejected(iface, "Device.IP.Interface.").getMessage()).contains("is not a table row");
            assertThat(rejected(iface, "Device.IP.Interface.*.").getMessage()).contains("wildcard");
        }

        @Test
        void any_of_several_target_parents() {
            Syntax s = Syntax.builder(ValueType.STRING).list(ListFacet.UNBOUNDED).reference(PathReference.toRows(
                    PathReference.RefType.STRONG, "Device.Ethernet.Link.", "Device.PPP.Interface.")).build();
            assertThat(ValueValidator.check(s, "Device.Ethernet.Link.1, Device.PPP.Interface.2"))
                    .isEqualTo("Device.Ethernet.Link.1,Device.PPP.Interface.2");
            assertThat(assertValue(s, "Device.Ethernet.Link.1,Device.IP.Interface.2", Rule.REFERENCE).getMessage())
                    .isEqualTo("item 2: \"Device.IP.Interface.2\" is not a row of any of Device.Ethernet.Link.,"
                            + " Device.PPP.Interface.");
        }

        @Test
        void no_target_parents_checks_only_the_shape() {
            Syntax s = Syntax.builder(ValueType.STRING)
                    .reference(PathReference.toRows(PathReference.RefType.WEAK)).build();
            assertThat(ValueValidator.check(s, "Device.Anything.7")).isEqualTo("Device.Anything.7");
            assertValue(s, "Device.Anything.", Rule.REFERENCE);
        }

        @Test
        void parameter_targets_end_in_a_name() {
            Syntax s = Syntax.builder(ValueType.STRING).reference(new PathReference(PathReference.Form.PATH,
                    PathReference.RefType.WEAK, List.of(), PathReference.TargetType.PARAMETER, "any")).build();
            assertThat(ValueValidator.check(s, "Device.IP.Interface.1.Name")).isEqualTo("Device.IP.Interface.1.Name");
            assertValue(s, "Device.IP.Interface.1", Rule.REFERENCE);
        }

        @Test
        void object_targets_below_a_parent() {
            Syntax s = Syntax.builder(ValueType.STRING).reference(new PathReference(PathReference.Form.PATH,
                    PathReference.RefType.WEAK, List.of("Device.Services."), PathReference.TargetType.OBJECT, "any"))
                    .build();
            assertThat(ValueValidator.check(s, "Device.Services.VoiceService.1.")).isEqualTo(
                    "Device.Services.VoiceService.1.");
            assertThat(ValueValidator.check(s, "Device.Services.VoiceService.")).isEqualTo(
                    "Device.Services.VoiceService.");
            assertValue(s, "Device.IP.", Rule.REFERENCE);
        }

        @Test
        void target_parents_holding_instance_placeholders() {
            Syntax s = Syntax.builder(ValueType.STRING)
                    .reference(PathReference.toRows(PathReference.RefType.STRONG, "Device.A.{i}.B.")).build();
            assertThat(ValueValidator.check(s, "Device.A.3.B.7")).isEqualTo("Device.A.3.B.7");
            assertThat(ValueValidator.check(s, "Device.A.[K==\"x\"].B.7")).isEqualTo("Device.A.[K==\"x\"].B.7");
            assertValue(s, "Device.A.B.7", Rule.REFERENCE);
        }

        @Test
        void a_row_target_parent_may_name_the_table_with_its_placeholder() {
            Syntax s = Syntax.builder(ValueType.STRING)
                    .reference(PathReference.toRows(PathReference.RefType.STRONG, "Device.A.{i}.")).build();
            assertThat(ValueValidator.check(s, "Device.A.3")).isEqualTo("Device.A.3");
        }

        @Test
        void instance_references_are_integers_only() {
            Syntax s = Syntax.builder(ValueType.INT).reference(new PathReference(PathReference.Form.INSTANCE,
                    PathReference.RefType.STRONG, List.of("#.Queue."), PathReference.TargetType.ROW, "any")).build();
            assertThat(ValueValidator.check(s, "5")).isEqualTo("5");
            assertThat(ValueValidator.check(s, "-1")).isEqualTo("-1");
            assertType(s, "Device.QoS.Queue.1");
        }
    }

    @Nested
    class RelativeTargetParents {
        private Syntax rows(String parent) {
            return Syntax.builder(ValueType.STRING)
                    .reference(PathReference.toRows(PathReference.RefType.STRONG, parent)).build();
        }

        @Test
        void hashes_climb_from_the_parameters_object() {
            Syntax s = rows("##.IP.Interface.");
            String p = "Device.NAT.PortMapping.3.Interface";
            assertThat(ValueValidator.check(p, s, "Device.IP.Interface.2")).isEqualTo("Device.IP.Interface.2");
            assertThat(rejected(p, s, "Device.NAT.IP.Interface.2").getMessage())
                    .endsWith("is not a row of Device.IP.Interface.");
            assertValue(s, "Device.IP.Interface.", Rule.REFERENCE);
        }

        @Test
        void one_hash_from_a_table_instance() {
            Syntax s = rows("#.SSID.");
            String p = "Device.WiFi.AccessPoint.1.SSIDReference";
            assertThat(ValueValidator.check(p, s, "Device.WiFi.SSID.1")).isEqualTo("Device.WiFi.SSID.1");
            assertThat(ValueValidator.check("Device.WiFi.AccessPoint.{i}.SSIDReference", s, "Device.WiFi.SSID.1"))
                    .isEqualTo("Device.WiFi.SSID.1");
            assertThat(ValueValidator.check("Device.WiFi.AccessPoint.[Alias==\"a.b\"].SSIDReference", s,
                    "Device.WiFi.SSID.1")).isEqualTo("Device.WiFi.SSID.1");
            assertThatThrownBy(() -> ValueValidator.check(p, s, "Device.WiFi.AccessPoint.SSID.1"))
                    .isInstanceOf(ValueRejectedException.class);
        }

        @Test
        void no_prefix_is_below_the_parameters_object() {
            Syntax s = rows("Role.");
            String p = "Device.LocalAgent.ControllerTrust.UntrustedRole";
            assertThat(ValueValidator.check(p, s, "Device.LocalAgent.ControllerTrust.Role.1"))
                    .isEqualTo("Device.LocalAgent.ControllerTrust.Role.1");
            assertThat(rejected(p, s, "Device.LocalAgent.Role.1").getMessage())
                    .endsWith("is not a row of Device.LocalAgent.ControllerTrust.Role.");
        }

        @Test
        void a_leading_dot_is_from_the_root() {
            Syntax s = rows(".IP.Interface.");
            String p = "Device.IP.Diagnostics.IPPing().Interface";
            assertThat(ValueValidator.check(p, s, "Device.IP.Interface.1")).isEqualTo("Device.IP.Interface.1");
            assertValue(s, "Device.X.IP.Interface.1", Rule.REFERENCE);
            assertThat(ValueValidator.check(s, "Device.IP.Interface.1")).isEqualTo("Device.IP.Interface.1");
        }

        @Test
        void a_command_is_a_level_for_its_arguments() {
            Syntax s = rows("#.ExecEnv.");
            String p = "Device.SoftwareModules.InstallDU().ExecutionEnvRef";
            assertThat(ValueValidator.check(p, s, "Device.SoftwareModules.ExecEnv.1"))
                    .isEqualTo("Device.SoftwareModules.ExecEnv.1");
            assertThatThrownBy(() -> ValueValidator.check(p, s, "Device.ExecEnv.1"))
                    .isInstanceOf(ValueRejectedException.class);

            Syntax two = rows("##.ExecEnv.");
            assertThat(ValueValidator.check("Device.SoftwareModules.ExecEnvClass.2.AddExecEnv().ParentExecEnv", two,
                    "Device.SoftwareModules.ExecEnv.1")).isEqualTo("Device.SoftwareModules.ExecEnv.1");
        }

        @Test
        void without_a_path_relative_parents_are_checked_as_suffixes() {
            Syntax s = rows("##.IP.Interface.");
            assertThat(ValueValidator.check(s, "Device.IP.Interface.2")).isEqualTo("Device.IP.Interface.2");
            // weaker than with the path: accepted here, refused in hashes_climb_from_the_parameters_object
            assertThat(ValueValidator.check(s, "Device.NAT.IP.Interface.2")).isEqualTo("Device.NAT.IP.Interface.2");
            assertValue(s, "Device.Ethernet.Interface.2", Rule.REFERENCE);
            assertValue(s, "Device.XIP.Interface.2", Rule.REFERENCE);

            Syntax role = rows("Role.");
            assertThat(ValueValidator.check(role, "Device.LocalAgent.ControllerTrust.Role.1"))
                    .isEqualTo("Device.LocalAgent.ControllerTrust.Role.1");
            assertValue(role, "Device.LocalAgent.ControllerTrust.XRole.1", Rule.REFERENCE);
        }

        @Test
        void too_many_hashes_fall_back_to_a_suffix() {
            Syntax s = rows("####.IP.Interface.");
            assertThat(ValueValidator.check("Device.NAT.Interface", s, "Device.IP.Interface.1"))
                    .isEqualTo("Device.IP.Interface.1");
        }

        @Test
        void levels_of_parameter_paths() {
            assertThat(References.levels("Device.NAT.PortMapping.3.Interface"))
                    .containsExactly("Device", "NAT", "PortMapping.{i}");
            assertThat(References.levels("Device.SoftwareModules.InstallDU().URL"))
                    .containsExactly("Device", "SoftwareModules", "InstallDU()");
            assertThat(References.levels("Device.A.[K==\"x.y\"].B.*.C"))
                    .containsExactly("Device", "A.{i}", "B.{i}");
            assertThat(References.levels("Device.A.1.")).containsExactly("Device", "A.{i}");
            assertThat(References.levels("Interface")).isEmpty();
            assertThat(References.levels("Device..X")).isEmpty();
        }
    }

    @Nested
    class Aliases {
        private final Syntax alias = Syntax.builder(ValueType.STRING).dataType("Alias").maxLength(64).build();

        @ParameterizedTest
        @ValueSource(strings = {"cpe-1", "a", "Wan", "\u00c4rger", "x88"})
        void accepts_aliases_starting_with_a_letter(String v) {
            assertThat(ValueValidator.check(alias, v)).isEqualTo(v);
        }

        /** TP-469 test 1.88 adds an object with Alias '88InvalidAlias'. */
        @ParameterizedTest
        @ValueSource(strings = {"88InvalidAlias", "_x", "-a", " a", "[a]"})
        void refuses_aliases_not_starting_with_a_letter(String v) {
            ValueRejectedException e = assertValue(alias, v, Rule.ALIAS);
            assertThat(e.getMessage()).startsWith("an Alias must start with a letter");
        }

        @Test
        void refuses_an_empty_alias() {
            assertThat(assertValue(alias, "", Rule.ALIAS).getMessage()).isEqualTo("an Alias must not be empty");
        }

        @Test
        void alias_size_still_applies() {
            assertValue(alias, "a".repeat(65), Rule.SIZE);
            assertThat(ValueValidator.check(alias, "a".repeat(64))).hasSize(64);
        }

        @Test
        void other_strings_may_start_with_anything() {
            assertThat(ValueValidator.check(Syntax.of(ValueType.STRING), "88x")).isEqualTo("88x");
            Syntax other = Syntax.builder(ValueType.STRING).dataType("Name").build();
            assertThat(ValueValidator.check(other, "")).isEmpty();
        }
    }

    @Nested
    class SecuredValues {
        @Test
        void secured_values_are_validated_but_not_quoted() {
            Syntax password = Syntax.builder(ValueType.STRING).maxLength(4).secured(true).build();
            assertThat(ValueValidator.check(password, "abcd")).isEqualTo("abcd");
            ValueRejectedException e = assertValue(password, "secret", Rule.SIZE);
            assertThat(e.getMessage()).doesNotContain("secret");

            Syntax pin = Syntax.builder(ValueType.STRING).pattern("\\d{4}").hidden(true).build();
            ValueRejectedException p = assertValue(pin, "12a4", Rule.PATTERN);
            assertThat(p.getMessage()).doesNotContain("12a4").contains("the value");
        }

        @Test
        void secured_type_errors_are_not_quoted() {
            Syntax key = Syntax.builder(ValueType.HEX_BINARY).secured(true).build();
            ValueRejectedException e = rejected(key, "s3cr3t");
            assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_TYPE);
            assertThat(e.getMessage()).doesNotContain("s3cr3t").isEqualTo("the value is not a valid hexBinary");
        }
    }

    @Test
    void nulls_are_refused() {
        assertThatThrownBy(() -> ValueValidator.check(null, "x")).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> ValueValidator.check(Syntax.of(ValueType.STRING), null))
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void rule_decides_the_error_code() {
        for (Rule r : Rule.values()) {
            ValueRejectedException e = new ValueRejectedException(r, null, "why", null);
            assertThat(e.errorCode()).isEqualTo(r == Rule.TYPE ? ErrorCode.INVALID_TYPE : ErrorCode.INVALID_VALUE);
            assertThat(e.getMessage()).isEqualTo("why");
        }
    }
}
