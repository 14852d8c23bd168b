package io.usp4j.datamodel.validation;

import io.usp4j.datamodel.Tr181TestData;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.usp4j.core.error.ErrorCode;
import io.usp4j.datamodel.schema.CommandDef;
import io.usp4j.datamodel.schema.ObjectDef;
import io.usp4j.datamodel.schema.ParameterDef;
import io.usp4j.datamodel.schema.SupportedDataModel;
import io.usp4j.datamodel.schema.Syntax;
import io.usp4j.datamodel.validation.ValueRejectedException.Rule;
import io.usp4j.datamodel.xml.DataModelLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Validates values against real TR-181 2.16 parameters loaded from the shared test-data folder
 * ({@code ../shared/datamodels} next to the repository, or the folder named by the system property
 * {@code usp4j.shared.dir}); skipped when the folder is absent, as {@code Tr181DocumentTest} is.
 */
class Tr181ValueValidationTest {
    private static SupportedDataModel model;

    @BeforeAll
    static void load() {
        model = Tr181TestData.tr181();
    }

    private static Syntax syntax(String supportedPath) {
        return model.parameter(supportedPath).orElseThrow(() -> new AssertionError("missing " + supportedPath))
                .syntax();
    }

    private static ValueRejectedException rejected(String path, Syntax syntax, String text) {
        try {
            String accepted = ValueValidator.check(path, syntax, text);
            throw new AssertionError("expected \"" + text + "\" to be refused for " + path + ", got " + accepted);
        } catch (ValueRejectedException e) {
            return e;
        }
    }

    @Test
    void port_mapping_external_port_range() {
        Syntax s = syntax("Device.NAT.PortMapping.{i}.ExternalPort");
        String p = "Device.NAT.PortMapping.1.ExternalPort";
        assertThat(ValueValidator.check(p, s, "0")).isEqualTo("0");
        assertThat(ValueValidator.check(p, s, "65535")).isEqualTo("65535");
        assertThat(ValueValidator.check(p, s, "08080")).isEqualTo("8080");
        ValueRejectedException e = rejected(p, s, "65536");
        assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_VALUE);
        assertThat(e.getMessage()).isEqualTo("Device.NAT.PortMapping.1.ExternalPort: 65536 is above the maximum 65535");
        assertThat(rejected(p, s, "-1").errorCode()).isEqualTo(ErrorCode.INVALID_TYPE);
        assertThat(rejected(p, s, "http").errorCode()).isEqualTo(ErrorCode.INVALID_TYPE);
    }

    @Test
    void port_mapping_protocol_enumeration() {
        Syntax s = syntax("Device.NAT.PortMapping.{i}.Protocol");
        assertThat(ValueValidator.check(s, "TCP")).isEqualTo("TCP");
        assertThat(ValueValidator.check(s, "UDP")).isEqualTo("UDP");
        assertThat(rejected("Device.NAT.PortMapping.1.Protocol", s, "tcp").getMessage())
                .isEqualTo("Device.NAT.PortMapping.1.Protocol: \"tcp\" is not one of the allowed values (TCP, UDP)");
        assertThat(rejected(null, s, "ICMP").rule()).isEqualTo(Rule.ENUMERATION);
    }

    @Test
    void port_mapping_enable_refuses_capitalised_true() {
        Syntax s = syntax("Device.NAT.PortMapping.{i}.Enable");
        assertThat(ValueValidator.check(s, "1")).isEqualTo("true");
        assertThat(rejected("Device.NAT.PortMapping.1.Enable", s, "True").errorCode())
                .isEqualTo(ErrorCode.INVALID_TYPE);
    }

    @Test
    void alias_data_type() {
        Syntax s = syntax("Device.NAT.PortMapping.{i}.Alias");
        assertThat(s.dataType()).contains("Alias");
        assertThat(ValueValidator.check(s, "cpe-7")).isEqualTo("cpe-7");
        ValueRejectedException e = rejected("Device.NAT.PortMapping.1.Alias", s, "88InvalidAlias");
        assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_VALUE);
        assertThat(e.rule()).isEqualTo(Rule.ALIAS);
        assertThat(rejected(null, s, "").rule()).isEqualTo(Rule.ALIAS);
        assertThat(rejected(null, s, "a".repeat(65)).rule()).isEqualTo(Rule.SIZE);
    }

    @Test
    void mac_address_pattern() {
        Syntax s = syntax("Device.Ethernet.Link.{i}.MACAddress");
        assertThat(s.dataType()).contains("MACAddress");
        assertThat(ValueValidator.check(s, "")).isEmpty();
        assertThat(ValueValidator.check(s, "02:00:5e:10:00:01")).isEqualTo("02:00:5e:10:00:01");
        assertThat(rejected(null, s, "02-00-5e-10-00-01").rule()).isEqualTo(Rule.PATTERN);
        assertThat(rejected(null, s, "02:00:5e:10:00").rule()).isEqualTo(Rule.PATTERN);
        assertThat(rejected(null, s, "02:00:5e:10:00:01:02").rule()).isEqualTo(Rule.SIZE);
    }

    @Test
    void manufacturer_oui_exact_size_and_pattern() {
        Syntax s = syntax("Device.DeviceInfo.ManufacturerOUI");
        assertThat(ValueValidator.check(s, "00D09E")).isEqualTo("00D09E");
        assertThat(rejected(null, s, "00d09e").rule()).isEqualTo(Rule.PATTERN);
        assertThat(rejected(null, s, "00D09").rule()).isEqualTo(Rule.SIZE);
    }

    @Test
    void ip_address_sizes() {
        Syntax any = syntax("Device.DNS.Client.Server.{i}.DNSServer");
        assertThat(any.dataType()).contains("IPAddress");
        String longest = "0000:0000:0000:0000:0000:ffff:192.168.100.200";
        assertThat(longest).hasSize(45);
        assertThat(ValueValidator.check(any, longest)).isEqualTo(longest);
        assertThat(rejected("Device.DNS.Client.Server.1.DNSServer", any, longest + "0").getMessage())
                .isEqualTo("Device.DNS.Client.Server.1.DNSServer: length 46 is above the maximum 45");

        Syntax v4 = syntax("Device.IP.Interface.{i}.IPv4Address.{i}.IPAddress");
        assertThat(ValueValidator.check(v4, "192.168.1.1")).isEqualTo("192.168.1.1");
        assertThat(ValueValidator.check(v4, "")).isEmpty();
        assertThat(rejected(null, v4, "192.168.1.256").rule()).isEqualTo(Rule.PATTERN);
        assertThat(rejected(null, v4, "192.168.001.0001").rule()).isEqualTo(Rule.SIZE);
    }

    @Test
    void list_of_ipv4_addresses() {
        Syntax s = syntax("Device.DHCPv4.Server.Pool.{i}.DNSServers");
        assertThat(s.isList()).isTrue();
        assertThat(ValueValidator.check(s, "192.168.1.1, 8.8.8.8")).isEqualTo("192.168.1.1,8.8.8.8");
        assertThat(ValueValidator.check(s, "")).isEmpty();
        assertThat(rejected(null, s, "1.1.1.1,2.2.2.2,3.3.3.3,4.4.4.4,5.5.5.5").rule()).isEqualTo(Rule.LIST_ITEMS);
        ValueRejectedException e = rejected("Device.DHCPv4.Server.Pool.1.DNSServers", s, "8.8.8.8,dns.example");
        assertThat(e.rule()).isEqualTo(Rule.PATTERN);
        assertThat(e.getMessage()).startsWith("Device.DHCPv4.Server.Pool.1.DNSServers: item 2: ");
    }

    @Test
    void lower_layers_list_of_references() {
        Syntax s = syntax("Device.IP.Interface.{i}.LowerLayers");
        String p = "Device.IP.Interface.1.LowerLayers";
        assertThat(ValueValidator.check(p, s, "Device.Ethernet.Link.1, Device.PPP.Interface.[Alias==\"wan\"]"))
                .isEqualTo("Device.Ethernet.Link.1,Device.PPP.Interface.[Alias==\"wan\"]");
        assertThat(rejected(p, s, "Device.Ethernet.Link.1,Device.Ethernet.Link.").rule()).isEqualTo(Rule.REFERENCE);
        String tooLong = String.join(",", java.util.Collections.nCopies(50, "Device.Ethernet.VLANTermination.100"));
        assertThat(rejected(p, s, tooLong).rule()).isEqualTo(Rule.LIST_SIZE);
    }

    @Test
    void port_mapping_interface_reference_resolves_its_relative_target_parent() {
        Syntax s = syntax("Device.NAT.PortMapping.{i}.Interface");
        String p = "Device.NAT.PortMapping.2.Interface";
        assertThat(ValueValidator.check(p, s, "Device.IP.Interface.3")).isEqualTo("Device.IP.Interface.3");
        assertThat(ValueValidator.check(p, s, "")).isEmpty();
        assertThat(rejected(p, s, "Device.Ethernet.Interface.3").getMessage())
                .isEqualTo("Device.NAT.PortMapping.2.Interface: \"Device.Ethernet.Interface.3\" is not a row of"
                        + " Device.IP.Interface.");
    }

    @Test
    void other_relative_target_parents() {
        assertThat(ValueValidator.check("Device.WiFi.AccessPoint.1.SSIDReference",
                syntax("Device.WiFi.AccessPoint.{i}.SSIDReference"), "Device.WiFi.SSID.2")).isEqualTo("Device.WiFi.SSID.2");
        assertThat(ValueValidator.check("Device.DeviceInfo.BootFirmwareImage",
                syntax("Device.DeviceInfo.BootFirmwareImage"), "Device.DeviceInfo.FirmwareImage.1"))
                .isEqualTo("Device.DeviceInfo.FirmwareImage.1");
        Syntax untrusted = syntax("Device.LocalAgent.ControllerTrust.UntrustedRole");
        assertThat(ValueValidator.check("Device.LocalAgent.ControllerTrust.UntrustedRole", untrusted,
                "Device.LocalAgent.ControllerTrust.Role.1")).isEqualTo("Device.LocalAgent.ControllerTrust.Role.1");
        assertThat(rejected("Device.LocalAgent.ControllerTrust.UntrustedRole", untrusted,
                "Device.LocalAgent.ControllerTrust.Role.1,Device.LocalAgent.ControllerTrust.Role.2").rule())
                .isEqualTo(Rule.LIST_ITEMS);
    }

    @Test
    void command_input_arguments() {
        CommandDef ping = model.command("Device.IP.Diagnostics.IPPing()").orElseThrow();
        Syntax dscp = ping.input().parameter("DSCP").orElseThrow().syntax();
        assertThat(ValueValidator.check("Device.IP.Diagnostics.IPPing().DSCP", dscp, "63")).isEqualTo("63");
        assertThat(rejected("Device.IP.Diagnostics.IPPing().DSCP", dscp, "64").getMessage())
                .isEqualTo("Device.IP.Diagnostics.IPPing().DSCP: 64 is above the maximum 63");
        Syntax iface = ping.input().parameter("Interface").orElseThrow().syntax();
        assertThat(ValueValidator.check("Device.IP.Diagnostics.IPPing().Interface", iface, "Device.IP.Interface.1"))
                .isEqualTo("Device.IP.Interface.1");
        assertThat(rejected("Device.IP.Diagnostics.IPPing().Interface", iface, "Device.IP.Interface.").rule())
                .isEqualTo(Rule.REFERENCE);
    }

    @Test
    void nested_bracket_lists() {
        Syntax psm = syntax("Device.Ghn.Interface.{i}.PSM");
        assertThat(ValueValidator.check(psm, "[450,600],[1050, 500]")).isEqualTo("[450,600],[1050,500]");
        assertThat(rejected(null, psm, "450,600,1050,500").errorCode()).isEqualTo(ErrorCode.INVALID_TYPE);
        assertThat(rejected(null, psm, "[450,600]").rule()).isEqualTo(Rule.LIST_ITEMS);
        assertThat(rejected(null, psm, "[450,-600],[1,2]").errorCode()).isEqualTo(ErrorCode.INVALID_TYPE);
    }

    /** Every default the model gives a parameter or command argument is a valid, canonical value. */
    @Test
    void every_default_value_of_the_model_passes_and_is_canonical() {
        List<String> failures = new ArrayList<>();
        int checked = 0;
        for (ObjectDef o : model.objects()) {
            Map<String, ParameterDef> params = new LinkedHashMap<>();
            o.parameters().forEach((name, def) -> params.put(o.path() + name, def));
            for (CommandDef c : o.commands().values()) {
                for (ParameterDef def : c.input().parameters()) {
                    params.put(o.path() + c.name() + "." + def.name(), def);
                }
            }
            for (Map.Entry<String, ParameterDef> e : params.entrySet()) {
                Syntax s = e.getValue().syntax();
                if (s.defaultValue().isEmpty()) {
                    continue;
                }
                String value = s.defaultValue().get().value();
                checked++;
                try {
                    String canonical = ValueValidator.check(e.getKey(), s, value);
                    if (!canonical.equals(value)) {
                        failures.add(e.getKey() + ": default \"" + value + "\" canonicalised to \"" + canonical + "\"");
                    }
                } catch (ValueRejectedException ex) {
                    failures.add(ex.getMessage());
                }
            }
        }
        assertThat(checked).isGreaterThan(900);
        assertThat(failures).isEmpty();
    }

    @Test
    void every_pattern_of_the_model_translates() {
        Set<String> patterns = new TreeSet<>();
        for (ObjectDef o : model.objects()) {
            o.parameters().values().forEach(p -> patterns.addAll(p.syntax().patterns()));
        }
        assertThat(patterns).hasSizeGreaterThan(20);
        assertThat(patterns).allSatisfy(p -> assertThat(XsdRegex.compile(p)).as(p).isPresent());
    }

    @ParameterizedTest
    @ValueSource(strings = {"Device.Users.User.{i}.Password", "Device.MQTT.Client.{i}.Password"})
    void secured_parameters_are_validated_like_any_other(String path) {
        Syntax s = syntax(path);
        assertThat(ValueValidator.check(s, "pw")).isEqualTo("pw");
        if (s.maxLength().isPresent()) {
            ValueRejectedException e = rejected(path, s, "p".repeat((int) s.maxLength().getAsLong() + 1));
            assertThat(e.rule()).isEqualTo(Rule.SIZE);
        }
    }
}
