package io.usp4j.datamodel.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class XsdRegexTest {

    private static boolean matches(String xsd, String value) {
        Pattern p = XsdRegex.compile(xsd).orElseThrow(() -> new AssertionError("did not compile: " + xsd));
        return p.matcher(value).matches();
    }

    /** Pattern, value, whether XML Schema says the value matches. */
    @ParameterizedTest
    @CsvSource(delimiter = ';', quoteCharacter = '`', value = {
        // whole-value matching, anchors are literal
        "abc ; abc ; true",
        "abc ; xabc ; false",
        "a|b ; b ; true",
        "a|b ; ab ; false",
        "^a$ ; ^a$ ; true",
        "^a$ ; a ; false",
        "`` ; `` ; true",
        "`` ; x ; false",
        // quantifiers
        "x{2} ; xx ; true",
        "x{2} ; xxx ; false",
        "x{2,} ; xxxx ; true",
        "x{1,2} ; xxx ; false",
        "(ab)+ ; ababab ; true",
        "(ab)?c ; c ; true",
        // stray braces are literal
        "a{b ; a{b ; true",
        "a} ; a} ; true",
        "{1} ; {1} ; true",
        // the wildcard: not CR or LF, but other line separators
        "a.c ; a-c ; true",
        "a.c ; `a\u2028c` ; true",
        // multi-character escapes
        "\\d+ ; 0123456789 ; true",
        "\\d+ ; \u0663\u0664 ; true",
        "\\d+ ; 1a ; false",
        "\\D ; a ; true",
        "\\D ; 5 ; false",
        "\\s ; ` ` ; true",
        "\\s ; \u00a0 ; false",
        "\\S ; \u00a0 ; true",
        "\\w+ ; ab\u00e9_9 ; false",
        "\\w+ ; ab\u00e99 ; true",
        "\\W ; - ; true",
        "\\W ; a ; false",
        "\\i\\c* ; xml:name-1.x ; true",
        "\\i\\c* ; 1abc ; false",
        "\\i\\c* ; _a\u00b7b ; true",
        "\\I ; 1 ; true",
        "\\C ; ` ` ; true",
        "\\C ; a ; false",
        // single-character escapes
        "\\.\\-\\^\\?\\*\\+\\{\\}\\(\\)\\[\\]\\|\\\\ ; .-^?*+{}()[]|\\ ; true",
        // categories and blocks
        "\\p{Lu}\\p{Ll} ; Ab ; true",
        "\\p{Lu} ; a ; false",
        "\\P{L} ; 1 ; true",
        "\\p{IsBasicLatin}+ ; abc ; true",
        "\\p{IsBasicLatin}+ ; ab\u00e9 ; false",
        "\\p{IsLatin-1Supplement} ; \u00e9 ; true",
        // character classes
        "[a-c]+ ; abcba ; true",
        "[^a-c] ; d ; true",
        "[^a-c] ; b ; false",
        "[A-Za-z0-9-]+ ; a-Z9 ; true",
        "[-a]+ ; -a- ; true",
        "[a^]+ ; ^a ; true",
        "[a&&b]+ ; &ab ; true",
        "[\\d.]+ ; 1.2 ; true",
        "[\\s] ; ` ` ; true",
        "[^\\s] ; ` ` ; false",
        "[^\\s] ; x ; true",
        "[^\\S] ; ` ` ; true",
        "[\\w-]+ ; a-b ; true",
        "[\\-\\[\\]]+ ; -[] ; true",
        // subtraction
        "[a-z-[aeiou]]+ ; bcd ; true",
        "[a-z-[aeiou]]+ ; bad ; false",
        "[^a-z-[0-9]] ; A ; true",
        "[^a-z-[0-9]] ; 5 ; false",
        "[^a-z-[0-9]] ; b ; false",
        "[a-z-[b-y-[c]]]+ ; ac ; true",
        "[a-z-[b-y-[c]]]+ ; ab ; false",
        // patterns from TR-181
        "urn:[A-Za-z0-9][A-Za-z0-9-]{0,30}[A-Za-z0-9]:.+ ; urn:bbf:x ; true",
        "urn:[A-Za-z0-9][A-Za-z0-9-]{0,30}[A-Za-z0-9]:.+ ; urn:-bbf:x ; false",
        "((25[0-5]|2[0-4][0-9]|[01]?[0-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|[01]?[0-9]?[0-9]) ; 192.168.1.255 ; true",
        "((25[0-5]|2[0-4][0-9]|[01]?[0-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|[01]?[0-9]?[0-9]) ; 192.168.1.256 ; false",
        "[0-9A-Fa-f]{8}-([0-9A-Fa-f]{4}-){3}[0-9A-Fa-f]{12} ; 0123abcd-0000-1111-2222-33334444aaaa ; true",
    })
    void matches_as_xml_schema_does(String xsd, String value, boolean expected) {
        assertThat(matches(xsd, value)).as("%s against %s", value, xsd).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "(?i)abc", "a**", "a+?", "a?+", "*a", "(a", "a)", "[abc", "[]", "[z-a]", "\\", "\\q", "\\1", "(a)\\1",
        "[a-c-e]", "[a[b]]", "\\p{Xx}", "\\p{IsNoSuchBlock}", "\\pL", "[a-[b]", "x{2,1}", "a|*",
    })
    void refuses_what_is_not_xml_schema(String xsd) {
        assertThat(XsdRegex.compile(xsd)).isEmpty();
    }

    @Test
    void translation_errors_name_the_position() {
        assertThatThrownBy(() -> XsdRegex.translate("ab(?x)"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("index 3");
    }

    @Test
    void line_breaks() {
        assertThat(matches("[\\n]", "\n")).isTrue();
        assertThat(matches("a\\nb", "a\nb")).isTrue();
        assertThat(matches("a.c", "a\nc")).isFalse();
        assertThat(matches("a.c", "a\rc")).isFalse();
        assertThat(matches("\\s\\s", "\t\r")).isTrue();
    }

    @Test
    void compiled_patterns_are_cached() {
        assertThat(XsdRegex.compile("[0-9A-F]{6}").orElseThrow())
                .isSameAs(XsdRegex.compile("[0-9A-F]{6}").orElseThrow());
    }

    @Test
    void translations() {
        assertThat(XsdRegex.translate("a.b")).isEqualTo("a[^\\n\\r]b");
        assertThat(XsdRegex.translate("^$")).isEqualTo("\\^\\$");
        assertThat(XsdRegex.translate("[a-z-[aeiou]]")).isEqualTo("[[a-z]&&[^[aeiou]]]");
        assertThat(XsdRegex.translate("[&]")).isEqualTo("[\\&]");
        assertThat(XsdRegex.translate("\\d")).isEqualTo("\\p{Nd}");
    }
}
