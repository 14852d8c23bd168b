package io.usp4j.core.path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class PathNameApiTest {

    @Test
    void builder_makes_the_same_path_as_the_parser() {
        PathName built = PathName.builder()
                .name("Device").name("WiFi").name("AccessPoint")
                .search(SearchExpression.of(new Comparison(
                        RelativePath.parse("SSIDReference+.SSID"), Operator.EQUAL, Literal.quoted("My\"Home"))))
                .name("AssociatedDevice").wildcard().name("SignalStrength")
                .build(ElementKind.PARAMETER);
        assertThat(built.toString())
                .isEqualTo("Device.WiFi.AccessPoint.[SSIDReference+.SSID==\"My%22Home\"].AssociatedDevice.*.SignalStrength");
        assertThat(PathName.parse(built.toString())).isEqualTo(built);
    }

    @Test
    void builder_rejects_what_the_grammar_rejects() {
        assertThatThrownBy(() -> PathName.builder().build(ElementKind.OBJECT)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PathName.builder().name("Device").instance(1).build(ElementKind.OBJECT))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PathName.builder().name("A").name("B").instance(1).wildcard().build(ElementKind.OBJECT))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PathName.builder().name("A").name("B").instance(1).build(ElementKind.PARAMETER))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PathName.builder().name("A").build(ElementKind.EVENT))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PathName.builder().name("A").name("B").placeholder().name("C").instance(2)
                .build(ElementKind.OBJECT)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PathName.builder().name("A").name("B").placeholder().name("C").wildcard()
                .build(ElementKind.OBJECT)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PathName.builder().name("A").follow("R", ReferenceIndex.All.INSTANCE).wildcard()
                .build(ElementKind.OBJECT)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PathName.builder().name("A.B")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PathName.builder().instance(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PathName.builder().instance(4294967296L)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void records_check_their_components() {
        assertThatThrownBy(() -> new PathSegment.Name("1A")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PathSegment.Name("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ReferenceIndex.Nth(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Literal("a b", false)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Literal("", false)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SearchExpression(List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RelativePath(List.of(new PathSegment.InstanceNumber(1), new PathSegment.Name("A"))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RelativePath(List.of(
                new PathSegment.ReferenceFollow("A", ReferenceIndex.Implicit.INSTANCE))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new Literal("", true).toString()).isEqualTo("\"\"");
    }

    @Test
    void element_name_and_object_path() {
        PathName p = PathName.parse("Device.IP.Interface.*.Reset()");
        assertThat(p.elementName()).isEqualTo("Reset");
        assertThat(p.objectPath().toString()).isEqualTo("Device.IP.Interface.*.");
        assertThat(PathName.parse("Device.Boot!").elementName()).isEqualTo("Boot");
        PathName obj = PathName.parse("Device.IP.");
        assertThat(obj.objectPath()).isSameAs(obj);
        assertThatThrownBy(obj::elementName).isInstanceOf(IllegalStateException.class);
        assertThat(PathName.parse("Device.IP.Interface.1.").parent().toString()).isEqualTo("Device.IP.Interface.");
        assertThat(PathName.parse("Device.IP.Enable").parent().toString()).isEqualTo("Device.IP.");
        assertThatThrownBy(() -> PathName.parse("Device.").parent()).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void search_and_reference_classification() {
        assertThat(PathName.parse("Device.IP.Interface.*.").isSearchPath()).isTrue();
        assertThat(PathName.parse("Device.IP.Interface.[Name==\"x\"].").isSearchPath()).isTrue();
        assertThat(PathName.parse("Device.IP.Interface.1.").isSearchPath()).isFalse();
        assertThat(PathName.parse("Device.NAT.PortMapping.1.Interface+.Name").isSearchPath()).isFalse();
        assertThat(PathName.parse("Device.NAT.PortMapping.1.Interface+.Name").hasReferenceFollow()).isTrue();
        assertThat(PathName.parse("Device.IP.Interface.1.Name").isInstanceNumberPath()).isTrue();
        assertThat(PathName.parse("Device.IP.Interface.*.Name").isInstanceNumberPath()).isFalse();
    }

    @Test
    void append_continues_an_object_path() {
        PathName base = PathName.parse("Device.IP.Interface.1.");
        assertThat(base.append("Stats.BytesSent")).isEqualTo(PathName.parse("Device.IP.Interface.1.Stats.BytesSent"));
        assertThat(base.append("Reset()").kind()).isEqualTo(ElementKind.COMMAND);
        assertThat(base.append("IPv4Address.2.")).isEqualTo(PathName.parse("Device.IP.Interface.1.IPv4Address.2."));
        assertThat(base.append("")).isEqualTo(base);
        assertThat(PathName.parse("Device.IP.Interface.").append("3.Name"))
                .isEqualTo(PathName.parse("Device.IP.Interface.3.Name"));
        assertThatThrownBy(() -> base.append("2.")).isInstanceOfSatisfying(PathSyntaxException.class,
                e -> assertThat(e.position()).isZero());
        assertThatThrownBy(() -> base.append(".Name")).isInstanceOf(PathSyntaxException.class);
        assertThatThrownBy(() -> PathName.parse("Device.").append("1.")).isInstanceOf(PathSyntaxException.class);
        assertThatThrownBy(() -> PathName.parse("Device.IP.Enable").append("X"))
                .isInstanceOf(IllegalStateException.class);
        assertThat(PathName.parseSupported("Device.IP.Interface.{i}.").append("Stats.").toString())
                .isEqualTo("Device.IP.Interface.{i}.Stats.");
        assertThatThrownBy(() -> PathName.parseSupported("Device.IP.Interface.{i}.").append("IPv4Address.1."))
                .isInstanceOf(PathSyntaxException.class);
    }

    @Test
    void child_and_instance_build_on_an_object_path() {
        PathName ip = PathName.parse("Device.IP.");
        assertThat(ip.child("Interface", ElementKind.OBJECT).instance(7).child("Enable", ElementKind.PARAMETER).toString())
                .isEqualTo("Device.IP.Interface.7.Enable");
        assertThatThrownBy(() -> PathName.parse("Device.").instance(1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ip.child("9x", ElementKind.OBJECT)).isInstanceOf(IllegalArgumentException.class);
        assertThat(ip.toBuilder().name("Interface").wildcard().build(ElementKind.OBJECT).toString())
                .isEqualTo("Device.IP.Interface.*.");
    }

    @Test
    void starts_with_and_relative_to() {
        PathName p = PathName.parse("Device.IP.Interface.1.Stats.BytesSent");
        PathName base = PathName.parse("Device.IP.Interface.1.");
        assertThat(p.startsWith(base)).isTrue();
        assertThat(p.startsWith(PathName.parse("Device.IP.Interface.2."))).isFalse();
        assertThat(p.startsWith(p)).isTrue();
        assertThat(p.relativeTo(base)).isEqualTo("Stats.BytesSent");
        assertThat(PathName.parse("Device.IP.Interface.1.Stats.").relativeTo(base)).isEqualTo("Stats.");
        assertThat(base.relativeTo(base)).isEmpty();
        assertThat(PathName.parse("Device.Reboot()").relativeTo(PathName.parse("Device."))).isEqualTo("Reboot()");
        assertThatThrownBy(() -> p.relativeTo(PathName.parse("Device.X."))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void to_supported_replaces_instance_selectors() {
        assertThat(PathName.parse("Device.IP.Interface.3.IPv4Address.[Enable==true].IPAddress").toSupported().toString())
                .isEqualTo("Device.IP.Interface.{i}.IPv4Address.{i}.IPAddress");
        assertThat(PathName.parse("Device.IP.Interface.").toSupported(true).toString())
                .isEqualTo("Device.IP.Interface.{i}.");
        assertThat(PathName.parse("Device.IP.").toSupported(false).toString()).isEqualTo("Device.IP.");
        PathName plain = PathName.parse("Device.IP.");
        assertThat(plain.toSupported()).isSameAs(plain);
        assertThatThrownBy(() -> PathName.parse("Device.NAT.PortMapping.1.Interface+.Name").toSupported())
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void references_parse_as_object_paths() {
        assertThat(PathName.parseReference("Device.IP.Interface.1")).isEqualTo(PathName.parse("Device.IP.Interface.1."));
        assertThat(PathName.parseReference("Device.DeviceInfo")).isEqualTo(PathName.parse("Device.DeviceInfo."));
        assertThat(PathName.parseReference("Device")).isEqualTo(PathName.parse("Device."));
        assertThat(PathName.parseReference("Device.IP.Interface.1.")).isEqualTo(PathName.parse("Device.IP.Interface.1."));
        assertThatThrownBy(() -> PathName.parseReference("Device.Reboot()")).isInstanceOf(PathSyntaxException.class);
        assertThatThrownBy(() -> PathName.parseReference("")).isInstanceOf(PathSyntaxException.class);
    }

    @Test
    void equal_paths_have_equal_hash_codes_and_text() {
        PathName a = PathName.parse("Device.IP.Interface.[ Name == \"eth0\" ].");
        PathName b = PathName.parse("Device.IP.Interface.[Name==\"eth0\"]");
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a.toString()).isEqualTo(b.toString());
        assertThat(a).isNotEqualTo(PathName.parse("Device.IP.Interface.[Name==\"eth1\"]."));
        assertThat(PathName.parse("A.B.[C==1].")).isNotEqualTo(PathName.parse("A.B.[C==\"1\"]."));
    }
}
