package io.usp4j.core.path.resolve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.usp4j.core.error.ErrorCode;
import io.usp4j.core.error.UspException;
import io.usp4j.core.path.PathName;
import io.usp4j.core.path.resolve.MemoryModel.Def;
import io.usp4j.core.path.resolve.MemoryModel.Node;
import io.usp4j.core.value.ValueType;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PathResolverTest {
    private MemoryModel model;
    private PathResolver resolver;
    private Node device;

    @BeforeEach
    void build() {
        Def stats = new Def().param("ErrorsSent", ValueType.UNSIGNED_INT).param("BytesSent", ValueType.UNSIGNED_LONG);
        Def v4 = new Def().param("IPAddress", ValueType.STRING).param("Status", ValueType.STRING).key("IPAddress");
        Def v6 = new Def().param("IPAddress", ValueType.STRING).param("ValidLifetime", ValueType.DATE_TIME);
        Def intf = new Def().param("Name", ValueType.STRING).param("Alias", ValueType.STRING)
                .param("Enable", ValueType.BOOLEAN).param("Type", ValueType.STRING).refList("LowerLayers")
                .object("Stats", stats).table("IPv4Address", v4).table("IPv6Address", v6).command("Reset")
                .event("Up").key("Name").key("Alias");
        Def ip = new Def().table("Interface", intf);
        Def pm = new Def().param("Enable", ValueType.BOOLEAN).param("RemoteHost", ValueType.STRING)
                .param("ExternalPort", ValueType.UNSIGNED_INT).param("Protocol", ValueType.STRING).ref("Interface")
                .param("Alias", ValueType.STRING).key("RemoteHost", "ExternalPort", "Protocol").key("Alias");
        Def nat = new Def().table("PortMapping", pm);
        Def row = new Def().param("Enable", ValueType.BOOLEAN).param("Port", ValueType.UNSIGNED_INT)
                .param("Name", ValueType.STRING).param("Alias", ValueType.STRING).param("Weight", ValueType.DECIMAL)
                .list("Tags", ValueType.STRING).list("Samples", ValueType.UNSIGNED_INT).param("Counter", ValueType.LONG)
                .param("Big", ValueType.UNSIGNED_LONG).param("Blob", ValueType.HEX_BINARY).param("Data", ValueType.BASE64)
                .param("Seen", ValueType.DATE_TIME).param("Offset", ValueType.INT).key("Alias");
        Def x = new Def().table("Table", row);
        Def assoc = new Def().param("OperatingStandard", ValueType.STRING).param("SignalStrength", ValueType.INT);
        Def ssid = new Def().param("SSID", ValueType.STRING);
        Def ap = new Def().ref("SSIDReference").table("AssociatedDevice", assoc);
        Def wifi = new Def().table("SSID", ssid).table("AccessPoint", ap);
        Def info = new Def().param("SoftwareVersion", ValueType.STRING);
        Def cond = new Def().param("Level", ValueType.INT);
        Def root = new Def().object("DeviceInfo", info).object("IP", ip).object("NAT", nat).object("X", x)
                .object("WiFi", wifi).object("Optional", cond).command("Reboot").event("Boot");

        model = new MemoryModel();
        resolver = new PathResolver(model);
        device = model.addRoot("Device", root);
        device.obj("DeviceInfo").set("SoftwareVersion", "1.0");
        Node ipNode = device.obj("IP");
        // added out of order on purpose: results must come back by instance number
        Node eth1 = ipNode.add("Interface", 3).set("Name", "wan").set("Alias", "cpe-3").set("Enable", "0")
                .set("LowerLayers", "Device.IP.Interface.2, Device.IP.Interface.1,Device.IP.Interface.9");
        eth1.obj("Stats").set("ErrorsSent", "0");
        Node eth0 = ipNode.add("Interface", 1).set("Name", "eth0").set("Alias", "cpe-1").set("Enable", "true")
                .set("Type", "Normal").set("LowerLayers", "");
        eth0.obj("Stats").set("ErrorsSent", "12");
        eth0.add("IPv4Address", 2).set("IPAddress", "10.0.0.2").set("Status", "Enabled");
        eth0.add("IPv4Address", 1).set("IPAddress", "10.0.0.1").set("Status", "Disabled");
        eth0.add("IPv4Address", 5).set("IPAddress", "10.0.0.5").set("Status", "Enabled");
        eth0.add("IPv6Address", 1).set("ValidLifetime", "2021-06-06T09:30:00+02:00");
        eth0.add("IPv6Address", 2).set("ValidLifetime", "0001-01-01T00:00:00Z");
        eth0.add("IPv6Address", 3).set("ValidLifetime", "0001-01-02T00:00:00");
        eth0.add("IPv6Address", 4).set("ValidLifetime", "2021-06-06T08:00:00Z");
        eth0.add("IPv6Address", 5).set("ValidLifetime", "9999-12-31T23:59:59Z");
        ipNode.add("Interface", 2).set("Name", "lan").set("Alias", "cpe-2").set("Enable", "1").set("Type", "Normal");

        Node natNode = device.obj("NAT");
        natNode.add("PortMapping", 1).set("RemoteHost", "").set("ExternalPort", "0").set("Protocol", "TCP")
                .set("Interface", "Device.IP.Interface.1").set("Enable", "true").set("Alias", "a");
        natNode.add("PortMapping", 2).set("RemoteHost", "").set("ExternalPort", "0").set("Protocol", "UDP")
                .set("Interface", "Device.IP.Interface.2").set("Enable", "false").set("Alias", "b");
        natNode.add("PortMapping", 3).set("RemoteHost", "h").set("ExternalPort", "80").set("Protocol", "TCP")
                .set("Interface", "").set("Alias", "c");
        natNode.add("PortMapping", 4).set("RemoteHost", "h").set("ExternalPort", "81").set("Protocol", "TCP")
                .set("Interface", "Device.IP.Interface.77").set("Alias", "d");
        natNode.add("PortMapping", 5).set("RemoteHost", "h").set("ExternalPort", "82").set("Protocol", "TCP")
                .set("Interface", "Device.IP.Interface.1").set("Alias", "e");

        Node wifiNode = device.obj("WiFi");
        wifiNode.add("SSID", 1).set("SSID", "MyHome");
        wifiNode.add("SSID", 2).set("SSID", "Guest");
        Node ap1 = wifiNode.add("AccessPoint", 1).set("SSIDReference", "Device.WiFi.SSID.2");
        ap1.add("AssociatedDevice", 1).set("OperatingStandard", "ac").set("SignalStrength", "-40");
        Node ap2 = wifiNode.add("AccessPoint", 2).set("SSIDReference", "Device.WiFi.SSID.1.");
        ap2.add("AssociatedDevice", 3).set("OperatingStandard", "n").set("SignalStrength", "-60");
        ap2.add("AssociatedDevice", 1).set("OperatingStandard", "ac").set("SignalStrength", "-50");
        ap2.add("AssociatedDevice", 2).set("OperatingStandard", "ac").set("SignalStrength", "-55");
    }

    private Resolution resolve(String path) {
        return resolver.resolve(PathName.parse(path));
    }

    private List<String> paths(String path) {
        return resolve(path).paths().stream().map(ResolvedPath::path).toList();
    }

    private void assertError(String path, ErrorCode code) {
        assertThatThrownBy(() -> resolve(path))
                .isInstanceOf(UspException.class)
                .satisfies(e -> assertThat(((UspException) e).errorCode()).isEqualTo(code));
    }

    private Node table(int rows, long seed) {
        Node x = device.obj("X");
        Random random = new Random(seed);
        for (int i = 1; i <= rows; i++) {
            x.add("Table", i).set("Enable", random.nextBoolean() ? "true" : "0")
                    .set("Port", Integer.toString(random.nextInt(2000))).set("Name", "n" + i).set("Alias", "r" + i);
        }
        return x;
    }

    // ---- addressing ----

    @Test
    void instance_number_path_addresses_one_parameter() {
        Resolution r = resolve("Device.IP.Interface.2.Name");
        assertThat(r.searchPath()).isFalse();
        assertThat(r.paths()).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo("Device.IP.Interface.2.Name");
            assertThat(p.target()).isEqualTo(ResolvedPath.Target.PARAMETER);
            assertThat(p.name()).isEqualTo("Name");
            assertThat(p.object().value("Name")).isEqualTo("lan");
        });
    }

    @Test
    void missing_instance_is_an_addressing_path_that_resolves_to_nothing() {
        Resolution r = resolve("Device.IP.Interface.99.Name");
        assertThat(r.paths()).isEmpty();
        assertThat(r.searchPath()).isFalse();
        assertThat(r.addressedElementMissing()).isTrue();
    }

    @Test
    void object_table_instance_and_root_targets() {
        assertThat(resolve("Device.").paths()).singleElement()
                .satisfies(p -> assertThat(p.target()).isEqualTo(ResolvedPath.Target.OBJECT));
        assertThat(resolve("Device.IP.Interface.").paths()).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo("Device.IP.Interface.");
            assertThat(p.target()).isEqualTo(ResolvedPath.Target.TABLE);
            assertThat(p.name()).isEqualTo("Interface");
        });
        assertThat(resolve("Device.IP.Interface.1.").paths()).singleElement()
                .satisfies(p -> assertThat(p.target()).isEqualTo(ResolvedPath.Target.INSTANCE));
        assertThat(resolve("Device.IP.Interface.1.Stats.").paths()).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo("Device.IP.Interface.1.Stats.");
            assertThat(p.target()).isEqualTo(ResolvedPath.Target.OBJECT);
        });
    }

    @Test
    void commands_and_events_resolve_with_their_suffix() {
        assertThat(paths("Device.IP.Interface.*.Reset()"))
                .containsExactly("Device.IP.Interface.1.Reset()", "Device.IP.Interface.2.Reset()",
                        "Device.IP.Interface.3.Reset()");
        assertThat(resolve("Device.Boot!").paths()).singleElement()
                .satisfies(p -> assertThat(p.target()).isEqualTo(ResolvedPath.Target.EVENT));
        assertThat(paths("Device.Reboot()")).containsExactly("Device.Reboot()");
    }

    @Test
    void absent_single_instance_object_and_absent_parameter_resolve_to_nothing() {
        assertThat(resolve("Device.Optional.Level").addressedElementMissing()).isTrue();
        assertThat(resolve("Device.IP.Interface.2.LowerLayers").addressedElementMissing()).isTrue();
        assertThat(paths("Device.IP.Interface.*.Type"))
                .containsExactly("Device.IP.Interface.1.Type", "Device.IP.Interface.2.Type");
    }

    // ---- Supported Data Model errors ----

    @Test
    void name_not_in_supported_model_is_7026_even_when_the_table_is_empty() {
        assertError("Device.Nope.", ErrorCode.INVALID_PATH);
        assertError("Other.", ErrorCode.INVALID_PATH);
        assertError("Device.X.Table.*.Nope", ErrorCode.INVALID_PATH);
        assertError("Device.X.Table.[Nope==1].", ErrorCode.INVALID_PATH);
        assertError("Device.IP.Interface.99.Nope", ErrorCode.INVALID_PATH);
    }

    @Test
    void element_that_does_not_match_the_path_ending_is_7026() {
        assertError("Device.IP.Interface.1.Stats", ErrorCode.INVALID_PATH);
        assertError("Device.IP.Interface.1.Name.", ErrorCode.INVALID_PATH);
        assertError("Device.IP.Interface.1.Name()", ErrorCode.INVALID_PATH);
        assertError("Device.Reboot!", ErrorCode.INVALID_PATH);
        assertError("Device.IP.Interface", ErrorCode.INVALID_PATH);
    }

    @Test
    void instance_selectors_need_a_table_and_a_table_needs_a_selector() {
        assertError("Device.DeviceInfo.1.", ErrorCode.INVALID_PATH);
        assertError("Device.DeviceInfo.*.SoftwareVersion", ErrorCode.INVALID_PATH);
        assertError("Device.IP.Interface.Name", ErrorCode.INVALID_PATH);
        assertError("Device.IP.Interface.1.Name.Foo", ErrorCode.INVALID_PATH);
    }

    @Test
    void placeholder_in_an_instantiated_path_is_7008() {
        assertThatThrownBy(() -> resolver.resolve(PathName.parseSupported("Device.IP.Interface.{i}.Name")))
                .isInstanceOf(UspException.class)
                .satisfies(e -> assertThat(((UspException) e).errorCode()).isEqualTo(ErrorCode.INVALID_PATH_SYNTAX));
    }

    // ---- wildcards and searches ----

    @Test
    void wildcard_returns_instances_in_instance_number_order() {
        Resolution r = resolve("Device.IP.Interface.*.Name");
        assertThat(r.searchPath()).isTrue();
        assertThat(r.paths()).extracting(ResolvedPath::path).containsExactly(
                "Device.IP.Interface.1.Name", "Device.IP.Interface.2.Name", "Device.IP.Interface.3.Name");
    }

    @Test
    void nested_levels_mix_key_search_and_wildcard_depth_first() {
        assertThat(paths("Device.IP.Interface.[Name==\"eth0\"].IPv4Address.[Status==\"Enabled\"].IPAddress"))
                .containsExactly("Device.IP.Interface.1.IPv4Address.2.IPAddress",
                        "Device.IP.Interface.1.IPv4Address.5.IPAddress");
        assertThat(paths("Device.IP.Interface.*.IPv4Address.*."))
                .containsExactly("Device.IP.Interface.1.IPv4Address.1.", "Device.IP.Interface.1.IPv4Address.2.",
                        "Device.IP.Interface.1.IPv4Address.5.");
        assertThat(paths("Device.WiFi.AccessPoint.*.AssociatedDevice.[OperatingStandard==\"ac\"].SignalStrength"))
                .containsExactly("Device.WiFi.AccessPoint.1.AssociatedDevice.1.SignalStrength",
                        "Device.WiFi.AccessPoint.2.AssociatedDevice.1.SignalStrength",
                        "Device.WiFi.AccessPoint.2.AssociatedDevice.2.SignalStrength");
    }

    @Test
    void search_matching_nothing_is_an_empty_search_not_a_missing_address() {
        Resolution r = resolve("Device.IP.Interface.[Type==\"Tunnel\"].Name");
        assertThat(r.paths()).isEmpty();
        assertThat(r.searchPath()).isTrue();
        assertThat(r.addressedElementMissing()).isFalse();
        assertThat(resolve("Device.X.Table.*.").addressedElementMissing()).isFalse();
    }

    @Test
    void unique_key_expression_is_an_address() {
        Resolution hit = resolve("Device.IP.Interface.[Alias==\"cpe-2\"].");
        assertThat(hit.searchPath()).isFalse();
        assertThat(hit.paths()).extracting(ResolvedPath::path).containsExactly("Device.IP.Interface.2.");
        Resolution miss = resolve("Device.IP.Interface.[Name==\"nope\"].Enable");
        assertThat(miss.addressedElementMissing()).isTrue();
    }

    @Test
    void compound_key_is_an_address_only_when_complete() {
        Resolution full = resolve("Device.NAT.PortMapping.[Protocol==\"TCP\"&&RemoteHost==\"\"&&ExternalPort==0].");
        assertThat(full.searchPath()).isFalse();
        assertThat(full.paths()).extracting(ResolvedPath::path).containsExactly("Device.NAT.PortMapping.1.");
        Resolution partial = resolve("Device.NAT.PortMapping.[RemoteHost==\"\"&&ExternalPort==0].");
        assertThat(partial.searchPath()).isTrue();
        assertThat(partial.paths()).extracting(ResolvedPath::path)
                .containsExactly("Device.NAT.PortMapping.1.", "Device.NAT.PortMapping.2.");
        assertThat(resolve("Device.NAT.PortMapping.[Alias!=\"a\"].").searchPath()).isTrue();
        assertThat(resolve("Device.NAT.PortMapping.[Alias==\"a\"&&Enable==true].").searchPath()).isTrue();
    }

    // ---- typed comparison ----

    @Test
    void constants_are_normalised_to_the_parameter_type() {
        device.obj("X").add("Table", 1).set("Port", "123").set("Enable", "1").set("Offset", "-7");
        device.obj("X").add("Table", 2).set("Port", "0124").set("Enable", "false").set("Offset", "+7");
        assertThat(paths("Device.X.Table.[Port==123].")).containsExactly("Device.X.Table.1.");
        assertThat(paths("Device.X.Table.[Port==+123].")).containsExactly("Device.X.Table.1.");
        assertThat(paths("Device.X.Table.[Port==0123].")).containsExactly("Device.X.Table.1.");
        assertThat(paths("Device.X.Table.[Port==124].")).containsExactly("Device.X.Table.2.");
        assertThat(paths("Device.X.Table.[Enable==true].")).containsExactly("Device.X.Table.1.");
        assertThat(paths("Device.X.Table.[Enable==1].")).containsExactly("Device.X.Table.1.");
        assertThat(paths("Device.X.Table.[Enable!=1].")).containsExactly("Device.X.Table.2.");
        assertThat(paths("Device.X.Table.[Offset==7].")).containsExactly("Device.X.Table.2.");
        assertThat(paths("Device.X.Table.[Offset<0].")).containsExactly("Device.X.Table.1.");
    }

    @Test
    void numeric_ordering_per_type() {
        Node x = device.obj("X");
        x.add("Table", 1).set("Port", "999").set("Weight", "1.50").set("Counter", "-9000000000")
                .set("Big", "18446744073709551615");
        x.add("Table", 2).set("Port", "1000").set("Weight", "1.4999").set("Counter", "5").set("Big", "1");
        x.add("Table", 3).set("Port", "1001").set("Weight", "2").set("Counter", "-5").set("Big", "9223372036854775808");
        assertThat(paths("Device.X.Table.[Port>1000].")).containsExactly("Device.X.Table.3.");
        assertThat(paths("Device.X.Table.[Port>=1000].")).containsExactly("Device.X.Table.2.", "Device.X.Table.3.");
        assertThat(paths("Device.X.Table.[Port<1000].")).containsExactly("Device.X.Table.1.");
        assertThat(paths("Device.X.Table.[Port<=1000].")).containsExactly("Device.X.Table.1.", "Device.X.Table.2.");
        assertThat(paths("Device.X.Table.[Weight>=1.5].")).containsExactly("Device.X.Table.1.", "Device.X.Table.3.");
        assertThat(paths("Device.X.Table.[Weight==1.5].")).containsExactly("Device.X.Table.1.");
        assertThat(paths("Device.X.Table.[Counter<-5].")).containsExactly("Device.X.Table.1.");
        assertThat(paths("Device.X.Table.[Big>9223372036854775807].")).containsExactly("Device.X.Table.1.",
                "Device.X.Table.3.");
    }

    @Test
    void stored_values_that_are_absent_or_invalid_match_no_term() {
        Node x = device.obj("X");
        x.add("Table", 1).set("Port", "abc").set("Enable", "yes");
        x.add("Table", 2);
        assertThat(paths("Device.X.Table.[Port!=5].")).isEmpty();
        assertThat(paths("Device.X.Table.[Enable!=true].")).isEmpty();
        assertThat(paths("Device.X.Table.[Name!=\"x\"].")).isEmpty();
    }

    @Test
    void date_time_ordering_uses_instants_and_skips_unknown_and_boot_relative_times() {
        assertThat(paths("Device.IP.Interface.*.IPv6Address.[ValidLifetime<2021-06-06T08:00:00Z]."))
                .containsExactly("Device.IP.Interface.1.IPv6Address.1.");
        assertThat(paths("Device.IP.Interface.*.IPv6Address.[ValidLifetime<=2021-06-06T10:00:00+02:00]."))
                .containsExactly("Device.IP.Interface.1.IPv6Address.1.", "Device.IP.Interface.1.IPv6Address.4.");
        assertThat(paths("Device.IP.Interface.*.IPv6Address.[ValidLifetime==0001-01-01T00:00:00Z]."))
                .containsExactly("Device.IP.Interface.1.IPv6Address.2.");
        assertThat(paths("Device.IP.Interface.*.IPv6Address.[ValidLifetime!=0001-01-01T00:00:00Z]."))
                .containsExactly("Device.IP.Interface.1.IPv6Address.1.", "Device.IP.Interface.1.IPv6Address.3.",
                        "Device.IP.Interface.1.IPv6Address.4.", "Device.IP.Interface.1.IPv6Address.5.");
        assertThat(paths("Device.IP.Interface.*.IPv6Address.[ValidLifetime>0001-01-01T12:00:00]."))
                .containsExactly("Device.IP.Interface.1.IPv6Address.3.");
    }

    @Test
    void binary_types_compare_by_bytes() {
        Node x = device.obj("X");
        x.add("Table", 1).set("Blob", "0A").set("Data", "AQID");
        x.add("Table", 2).set("Blob", "08").set("Data", "AQI=");
        assertThat(paths("Device.X.Table.[Blob==0a].")).containsExactly("Device.X.Table.1.");
        assertThat(paths("Device.X.Table.[Blob==08].")).containsExactly("Device.X.Table.2.");
        assertThat(paths("Device.X.Table.[Data==\"AQI=\"].")).containsExactly("Device.X.Table.2.");
        assertThat(paths("Device.X.Table.[Data!=AQID].")).containsExactly("Device.X.Table.2.");
    }

    @Test
    void contains_matches_list_items_of_the_item_type() {
        Node x = device.obj("X");
        x.add("Table", 1).set("Tags", "red, blue").set("Samples", "3, 05,7");
        x.add("Table", 2).set("Tags", "blueish").set("Samples", "");
        x.add("Table", 3).set("Tags", "").set("Samples", "50");
        assertThat(paths("Device.X.Table.[Tags~=\"blue\"].")).containsExactly("Device.X.Table.1.");
        assertThat(paths("Device.X.Table.[Samples~=5].")).containsExactly("Device.X.Table.1.");
        assertThat(paths("Device.X.Table.[Samples~=50].")).containsExactly("Device.X.Table.3.");
        assertThat(paths("Device.X.Table.[Tags==\"red,blue\"].")).containsExactly("Device.X.Table.1.");
        assertThat(paths("Device.X.Table.[Samples!=\"50\"].")).containsExactly("Device.X.Table.1.",
                "Device.X.Table.2.");
    }

    @Test
    void invalid_comparisons_are_7008() {
        assertError("Device.IP.Interface.[Enable==\"true\"].", ErrorCode.INVALID_PATH_SYNTAX);
        assertError("Device.IP.Interface.[Name==eth0].", ErrorCode.INVALID_PATH_SYNTAX);
        assertError("Device.IP.Interface.[Name>\"a\"].", ErrorCode.INVALID_PATH_SYNTAX);
        assertError("Device.IP.Interface.[Enable<true].", ErrorCode.INVALID_PATH_SYNTAX);
        assertError("Device.IP.Interface.[Enable==2].", ErrorCode.INVALID_PATH_SYNTAX);
        assertError("Device.X.Table.[Port~=5].", ErrorCode.INVALID_PATH_SYNTAX);
        assertError("Device.X.Table.[Port>abc].", ErrorCode.INVALID_PATH_SYNTAX);
        assertError("Device.X.Table.[Port==\"5\"].", ErrorCode.INVALID_PATH_SYNTAX);
        assertError("Device.X.Table.[Port>-1].", ErrorCode.INVALID_PATH_SYNTAX);
        assertError("Device.X.Table.[Samples~=\"5\"].", ErrorCode.INVALID_PATH_SYNTAX);
        assertError("Device.X.Table.[Samples>5].", ErrorCode.INVALID_PATH_SYNTAX);
        assertError("Device.X.Table.[Blob<0A].", ErrorCode.INVALID_PATH_SYNTAX);
        assertError("Device.X.Table.[Seen<0001-01-01T00:00:00Z].", ErrorCode.INVALID_PATH_SYNTAX);
        assertError("Device.X.Table.[Seen==\"2021-06-06T08:00:00Z\"].", ErrorCode.INVALID_PATH_SYNTAX);
    }

    @Test
    void invalid_comparison_is_reported_even_when_the_table_is_empty() {
        assertThat(device.obj("X").instances("Table")).isEmpty();
        assertError("Device.X.Table.[Enable==\"true\"].Name", ErrorCode.INVALID_PATH_SYNTAX);
    }

    @Test
    void expression_may_cross_single_instance_objects_but_not_tables() {
        assertThat(paths("Device.IP.Interface.[Type==\"Normal\"&&Stats.ErrorsSent>0].Name"))
                .containsExactly("Device.IP.Interface.1.Name");
        assertError("Device.IP.Interface.[IPv4Address.Status==\"Enabled\"].Name", ErrorCode.INVALID_PATH_SYNTAX);
        assertError("Device.IP.Interface.[Stats.Nope==1].Name", ErrorCode.INVALID_PATH);
        assertError("Device.IP.Interface.[Stats==1].Name", ErrorCode.INVALID_PATH);
        assertError("Device.IP.Interface.[Name.Foo==1].Name", ErrorCode.INVALID_PATH);
    }

    // ---- reference following ----

    @Test
    void reference_in_path_is_followed_to_the_target_instance() {
        Resolution r = resolve("Device.NAT.PortMapping.1.Interface+.Name");
        assertThat(r.searchPath()).isFalse();
        assertThat(r.paths()).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo("Device.IP.Interface.1.Name");
            assertThat(p.object().value("Name")).isEqualTo("eth0");
        });
        assertThat(resolve("Device.NAT.PortMapping.2.Interface+.").paths()).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo("Device.IP.Interface.2.");
            assertThat(p.target()).isEqualTo(ResolvedPath.Target.INSTANCE);
        });
    }

    @Test
    void empty_or_dangling_reference_follows_to_nothing() {
        assertThat(resolve("Device.NAT.PortMapping.3.Interface+.Name").addressedElementMissing()).isTrue();
        assertThat(resolve("Device.NAT.PortMapping.4.Interface+.Name").addressedElementMissing()).isTrue();
        assertThat(paths("Device.IP.Interface.1.LowerLayers#*+.Name")).isEmpty();
    }

    @Test
    void list_references_follow_nth_or_all_items() {
        assertThat(paths("Device.IP.Interface.3.LowerLayers+.Name")).containsExactly("Device.IP.Interface.2.Name");
        assertThat(paths("Device.IP.Interface.3.LowerLayers#2+.Name")).containsExactly("Device.IP.Interface.1.Name");
        assertThat(paths("Device.IP.Interface.3.LowerLayers#3+.Name")).isEmpty();
        assertThat(paths("Device.IP.Interface.3.LowerLayers#4+.Name")).isEmpty();
        Resolution all = resolve("Device.IP.Interface.3.LowerLayers#*+.Name");
        assertThat(all.searchPath()).isTrue();
        assertThat(all.paths()).extracting(ResolvedPath::path)
                .containsExactly("Device.IP.Interface.1.Name", "Device.IP.Interface.2.Name");
    }

    @Test
    void followed_results_are_deduplicated_and_ordered() {
        assertThat(paths("Device.NAT.PortMapping.*.Interface+.Name"))
                .containsExactly("Device.IP.Interface.1.Name", "Device.IP.Interface.2.Name");
        assertThat(paths("Device.NAT.PortMapping.*.Interface+.IPv4Address.*.IPAddress"))
                .containsExactly("Device.IP.Interface.1.IPv4Address.1.IPAddress",
                        "Device.IP.Interface.1.IPv4Address.2.IPAddress",
                        "Device.IP.Interface.1.IPv4Address.5.IPAddress");
    }

    @Test
    void name_unsupported_by_a_reference_target_contributes_nothing() {
        device.obj("NAT").add("PortMapping", 6).set("Interface", "Device.WiFi.SSID.1").set("Alias", "f");
        assertThat(paths("Device.NAT.PortMapping.*.Interface+.SSID")).containsExactly("Device.WiFi.SSID.1.SSID");
        assertThat(paths("Device.NAT.PortMapping.*.Interface+.Type"))
                .containsExactly("Device.IP.Interface.1.Type", "Device.IP.Interface.2.Type");
    }

    @Test
    void following_a_parameter_that_is_not_a_reference_is_7026() {
        assertError("Device.IP.Interface.1.Name+.Foo", ErrorCode.INVALID_PATH);
        assertError("Device.IP.Interface.[Name+.Foo==1].", ErrorCode.INVALID_PATH);
    }

    @Test
    void reference_inside_expression_is_followed_per_row() {
        assertThat(paths("Device.WiFi.AccessPoint.[SSIDReference+.SSID==\"MyHome\"]"
                + ".AssociatedDevice.[OperatingStandard==\"ac\"].SignalStrength"))
                .containsExactly("Device.WiFi.AccessPoint.2.AssociatedDevice.1.SignalStrength",
                        "Device.WiFi.AccessPoint.2.AssociatedDevice.2.SignalStrength");
        assertThat(paths("Device.NAT.PortMapping.[Interface+.Name==\"eth0\"].")).containsExactly(
                "Device.NAT.PortMapping.1.", "Device.NAT.PortMapping.5.");
        assertThat(paths("Device.NAT.PortMapping.[Interface+.Name!=\"eth0\"].")).containsExactly(
                "Device.NAT.PortMapping.2.");
        assertThat(paths("Device.IP.Interface.[LowerLayers#*+.Name==\"eth0\"].")).containsExactly(
                "Device.IP.Interface.3.");
        assertThat(paths("Device.IP.Interface.[LowerLayers#2+.Name==\"lan\"].")).isEmpty();
        assertError("Device.NAT.PortMapping.[Interface+.Enable==\"x\"].", ErrorCode.INVALID_PATH_SYNTAX);
    }

    // ---- volume ----

    @Test
    void search_over_ten_thousand_rows_returns_every_match_in_order() {
        table(10_000, 42);
        List<String> expected = new ArrayList<>();
        Random random = new Random(42);
        for (int i = 1; i <= 10_000; i++) {
            boolean enable = random.nextBoolean();
            int port = random.nextInt(2000);
            if (enable && port > 1000) {
                expected.add("Device.X.Table." + i + ".Name");
            }
        }
        assertThat(expected).isNotEmpty();
        assertThat(paths("Device.X.Table.[Enable==true&&Port>1000].Name")).isEqualTo(expected);
        assertThat(paths("Device.X.Table.[Alias==\"r9876\"].Name")).containsExactly("Device.X.Table.9876.Name");
        assertThat(paths("Device.X.Table.*.Name")).hasSize(10_000);
    }

    @Test
    void paths_compare_level_by_level() {
        assertThat(PathResolver.comparePaths("Device.A.2.", "Device.A.10.")).isNegative();
        assertThat(PathResolver.comparePaths("Device.A.10.B", "Device.A.2.B")).isPositive();
        assertThat(PathResolver.comparePaths("Device.A.", "Device.B.")).isNegative();
        assertThat(PathResolver.comparePaths("Device.A.1.", "Device.A.1.")).isZero();
        assertThat(PathResolver.comparePaths("Device.A.1.", "Device.A.1.X")).isNegative();
    }
}
