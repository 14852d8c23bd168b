package io.usp4j.core.path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PathParserTest {

    private static PathSegment.Name n(String name) {
        return new PathSegment.Name(name);
    }

    private static Comparison only(String path) {
        PathName p = PathName.parse(path);
        for (PathSegment s : p.segments()) {
            if (s instanceof PathSegment.Search search) {
                return search.expression().terms().get(0);
            }
        }
        throw new AssertionError("no search in " + path);
    }

    @Test
    void kinds_are_told_by_the_ending() {
        assertThat(PathName.parse("Device.IP.").kind()).isEqualTo(ElementKind.OBJECT);
        assertThat(PathName.parse("Device.IP.Enable").kind()).isEqualTo(ElementKind.PARAMETER);
        assertThat(PathName.parse("Device.Reboot()").kind()).isEqualTo(ElementKind.COMMAND);
        assertThat(PathName.parse("Device.Boot!").kind()).isEqualTo(ElementKind.EVENT);
        assertThat(PathName.parse("Device.Boot!").segments()).containsExactly(n("Device"), n("Boot"));
    }

    @Test
    void instance_numbers_cover_the_unsigned_int_range() {
        assertThat(PathName.parse("A.B.1.").segments().get(2)).isEqualTo(new PathSegment.InstanceNumber(1));
        assertThat(PathName.parse("A.B.4294967295.").segments().get(2))
                .isEqualTo(new PathSegment.InstanceNumber(4294967295L));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '@', value = {
        "A.B.0.@4",
        "A.B.007.@4",
        "A.B.4294967296.@4",
        "A.B.99999999999999999999999.@4",
        "A.B.1x.@5",
        "A.B.1.2.@6",
        "A.1.@2",
        "1.A.@0",
        "A..B@2",
        ".A.@0",
        "'A. B'@2",
        "'A.B '@3",
        "' A.B'@0",
        "A@1",
        "A()@1",
        "A!@1",
        "A.B()x@5",
        "A.B(@4",
        "A.B!!@4",
        "A.B+@4",
        "A.B+x@4",
        "A.B#@4",
        "A.B#0+.C@4",
        "A.B#x+.C@4",
        "A.B#2@5",
        "A.B#3000000000+.C@4",
        "A.B+.1.@5",
        "A.B+.*.@5",
        "+.A@0",
        "A.B.{i}.@4",
        "A.B.[@5",
        "A.B.[]@5",
        "'A.B.[ ]'@6",
        "A.B.[C]@6",
        "A.B.[C=1]@7",
        "A.B.[C=>1]@7",
        "A.B.[C==]@8",
        "A.B.[C==1@9",
        "A.B.[C==1&D==2]@10",
        "A.B.[C==1||D==2]@9",
        "A.B.[C==1&&]@11",
        "A.B.[C==\"x]@11",
        "A.B.[C==\"x\"y]@11",
        "'A.B.[C==x y]'@10",
        "A.B.[C==a/b]@9",
        "A.B.[C.*.D==1]@7",
        "A.B.[C.1.D==1]@7",
        "A.B.[C+==1]@7",
        "A.B.[C..D==1]@7",
        "A.B.[.C==1]@5",
        "A.B.[C==\"%\"]@9",
        "A.B.[C==\"%2\"]@9",
        "A.B.[C==\"ab%zz\"]@11",
        "A.B.[C==\"%FF\"]@9",
        "A.B.[C==1]x@10",
        "A.B.*x@5",
    })
    void errors_point_at_the_offending_character(String text, int position) {
        assertThatThrownBy(() -> PathName.parse(text))
                .isInstanceOfSatisfying(PathSyntaxException.class, e -> {
                    assertThat(e.position()).as(e.getMessage()).isEqualTo(position);
                    assertThat(e.input()).isEqualTo(text);
                    assertThat(e.getMessage())
                            .contains(position == text.length() ? "at end of path" : "index " + position)
                            .contains(text);
                });
    }

    @Test
    void error_at_end_says_so() {
        assertThatThrownBy(() -> PathName.parse("A.B.[C==1"))
                .isInstanceOfSatisfying(PathSyntaxException.class, e -> {
                    assertThat(e.position()).isEqualTo(9);
                    assertThat(e.getMessage()).contains("at end of path");
                });
    }

    @Test
    void reference_following_in_all_three_forms() {
        PathName p = PathName.parse("A.B.1.C+.D#2+.E#*+.F");
        assertThat(p.segments()).containsExactly(
                n("A"), n("B"), new PathSegment.InstanceNumber(1),
                new PathSegment.ReferenceFollow("C", ReferenceIndex.Implicit.INSTANCE),
                new PathSegment.ReferenceFollow("D", new ReferenceIndex.Nth(2)),
                new PathSegment.ReferenceFollow("E", ReferenceIndex.All.INSTANCE),
                n("F"));
        assertThat(p.kind()).isEqualTo(ElementKind.PARAMETER);
        assertThat(p.hasReferenceFollow()).isTrue();
        assertThat(PathName.parse("A.B.1.C+.").kind()).isEqualTo(ElementKind.OBJECT);
        assertThat(PathName.parse("A.B.1.C#1+.D").toString()).isEqualTo("A.B.1.C#1+.D");
    }

    @Test
    void operators_all_parse() {
        for (Operator op : Operator.values()) {
            Comparison c = only("A.B.[C" + op.symbol() + "1].");
            assertThat(c.operator()).isEqualTo(op);
        }
    }

    @Test
    void unquoted_literals_follow_the_prose() {
        for (String v : List.of("true", "false", "1", "0", "-5", "+123", "0123", "08", "1.5", "-0.25", "1e3",
                "2021-06-06T08:00:00Z", "2021-06-06T08:00:00.123+01:00", "0001-01-01T00:00:00Z", "AB01")) {
            Comparison c = only("A.B.[C==" + v + "].");
            assertThat(c.value()).isEqualTo(new Literal(v, false));
        }
    }

    @Test
    void quoted_literals_decode_percent_escapes() {
        assertThat(only("A.B.[C==\"My%22SSID\"].").value().text()).isEqualTo("My\"SSID");
        assertThat(only("A.B.[C==\"100%25\"].").value().text()).isEqualTo("100%");
        assertThat(only("A.B.[C==\"%41%62\"].").value().text()).isEqualTo("Ab");
        assertThat(only("A.B.[C==\"caf%C3%A9\"].").value().text()).isEqualTo("caf\u00e9");
        assertThat(only("A.B.[C==\"\"].").value()).isEqualTo(new Literal("", true));
        assertThat(only("A.B.[C==\"a]&&b==c.[d]\"].").value().text()).isEqualTo("a]&&b==c.[d]");
        assertThat(only("A.B.[C==\" spaced \"].").value().text()).isEqualTo(" spaced ");
    }

    @Test
    void quoted_literals_are_written_back_with_only_quote_and_percent_escaped() {
        PathName p = PathName.parse("A.B.[C==\"a%22b%25c%41\"].");
        assertThat(p.toString()).isEqualTo("A.B.[C==\"a%22b%25cA\"].");
        assertThat(PathName.parse(p.toString())).isEqualTo(p);
    }

    @Test
    void multi_term_expressions_keep_their_order() {
        PathName p = PathName.parse("A.B.[X==1&&Y.Z!=\"q\"&&R+.S~=3].");
        SearchExpression e = ((PathSegment.Search) p.segments().get(2)).expression();
        assertThat(e.terms()).hasSize(3);
        assertThat(e.terms().get(1).parameter().segments()).containsExactly(n("Y"), n("Z"));
        assertThat(e.terms().get(2).parameter().hasReferenceFollow()).isTrue();
        assertThat(e.toString()).isEqualTo("[X==1&&Y.Z!=\"q\"&&R+.S~=3]");
    }

    @Test
    void names_may_hold_hyphen_and_digits_but_not_start_with_them() {
        assertThat(PathName.parse("Device.X_EXAMPLE-COM_Foo.Bar2").toString()).isEqualTo("Device.X_EXAMPLE-COM_Foo.Bar2");
        assertThatThrownBy(() -> PathName.parse("Device.-X.")).isInstanceOf(PathSyntaxException.class);
        assertThat(PathName.parse("_A._b9.").segments()).containsExactly(n("_A"), n("_b9"));
    }

    @Test
    void relative_path_parses_alone() {
        assertThat(RelativePath.parse("SSIDReference+.SSID").toString()).isEqualTo("SSIDReference+.SSID");
        assertThat(RelativePath.parse("Stats.BytesSent").parameterName()).isEqualTo("BytesSent");
        for (String bad : List.of("", "A.", "A+", "A+.", "A.1.B", "A==1", ".A")) {
            assertThatThrownBy(() -> RelativePath.parse(bad)).isInstanceOf(PathSyntaxException.class);
        }
    }

    @Test
    void supported_paths_carry_placeholders() {
        PathName p = PathName.parseSupported("Device.WiFi.AccessPoint.1.AssociatedDevice.{i}.Stats.");
        assertThat(p.segments()).containsExactly(n("Device"), n("WiFi"), n("AccessPoint"),
                new PathSegment.InstanceNumber(1), n("AssociatedDevice"), PathSegment.Placeholder.INSTANCE,
                n("Stats"));
        assertThat(p.hasPlaceholder()).isTrue();
        assertThat(PathName.parseSupported("Device.X.{i}").toString()).isEqualTo("Device.X.{i}.");
        assertThatThrownBy(() -> PathName.parseSupported("Device.X.{i}.Y.2."))
                .isInstanceOfSatisfying(PathSyntaxException.class, e -> assertThat(e.position()).isEqualTo(15));
        assertThatThrownBy(() -> PathName.parseSupported("Device.X.{x}."))
                .isInstanceOfSatisfying(PathSyntaxException.class, e -> assertThat(e.position()).isEqualTo(10));
    }
}
