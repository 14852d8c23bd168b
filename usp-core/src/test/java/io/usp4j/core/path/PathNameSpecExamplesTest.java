package io.usp4j.core.path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.usp4j.core.error.ErrorCode;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Every path example of TR-369 (Architecture: Path Names) and TP-469 chapter 1. */
class PathNameSpecExamplesTest {

    @ParameterizedTest
    @ValueSource(strings = {
        // TR-369 Path Names / instance identifiers
        "Device.IP.Interface.[Name==\"eth0\"].IPv4Address.[Status==\"Enabled\"].IPAddress",
        "Device.WiFi.Radio.1.",
        "Device.NAT.PortMapping.[RemoteHost==\"\"&&ExternalPort==0&&Protocol==\"TCP\"].",
        // Search expression examples (valid)
        "Device.IP.Interface.[Type==\"Normal\"].Status",
        "Device.IP.Interface.[Type==\"Normal\"].IPv4Address.[AddressingType==\"Static\"].IPAddress",
        "Device.IP.Interface.[Type==\"Normal\"&&Stats.ErrorsSent>0].IPv4Address.[AddressingType==\"Static\"].IPAddress",
        "Device.DSL.Line.[Enable==true].CurrentProfile",
        "Device.DSL.Line.[Enable==1].CurrentProfile",
        "Device.IP.Interface.*.IPv6Address.[ValidLifetime<2021-06-06T08:00:00Z].IPAddress",
        "Device.USB.USBHosts.Host.*.Device.[DeviceClass==08].",
        "Device.PCP.Client.*.Server.[Capabilities~=\"IPv6Firewall\"].",
        "Device.PeriodicStatistics.SampleSet.[SampleSeconds~=5].",
        // type errors, not syntax errors: the data model rejects them
        "Device.DSL.Line.[Enable==\"true\"].CurrentProfile",
        // wildcards
        "Device.IP.Interface.*.",
        "Device.IP.Interface.*.Type",
        // reference following
        "Device.NAT.PortMapping.1.Interface+.Name",
        "Device.IP.Interface.1.Name",
        "Device.WiFi.SSID.1.LowerLayers#1+.Name",
        "Device.WiFi.Radio.1.Name",
        "Device.WiFi.AccessPoint.[SSIDReference+.SSID==\"MyHome\"].AssociatedDevice.[OperatingStandard==\"ac\"].SignalStrength",
        // commands and events
        "Device.IP.Interface.[Name==\"eth0\"].Reset()",
        "Device.Boot!",
        // TP-469 chapter 1
        "Device.LocalAgent.Subscription.",
        "Device.LocalAgent.Subscription.1.",
        "Device.LocalAgent.Subscription.1.NotifRetry",
        "Device.LocalAgent.InvalidObject.",
        "Device.LocalAgent.Controller.[EndpointID==\"proto::controller\"&&Alias==\"cpe-1\"].BootParameter.",
        "Device.LocalAgent.Subscription.*.",
        "Device.LocalAgent.Subscription.[NotifExpiration>0].",
        "Device.LocalAgent.Subscription.[Recipient==\"InvalidValue\"].",
        "Device.LocalAgent.Controller.1.BootParameter.[Enable==true].",
        "Device.LocalAgent.EndpointID",
        "Device.LocalAgent.SoftwareVersion",
        "Device.LocalAgent.",
        "Device.LocalAgent.InvalidParameter",
        "Device.LocalAgent.Subscription.*.Enable",
        "Device.LocalAgent.Subscription.[Enable==true].",
        "Device.LocalAgent.Subscription.[Enable!=true].",
        "Device.LocalAgent.Subscription.[NotifExpiration>10].",
        "Device.LocalAgent.Subscription.[NotifExpiration<10].",
        "Device.LocalAgent.Subscription.[NotifExpiration>=10].",
        "Device.LocalAgent.Subscription.[NotifExpiration<=10].",
        "Device.LocalAgent.Controller.1.ProvisioningCode",
        "Device.LocalAgent.Periodic!",
        "Device.LocalAgent.Controller.1.SendOnBoardRequest()",
        "Device.Reboot()",
        "Device.ScheduleTimer()",
        "Device.LocalAgent.Request.1.Cancel()",
        "Device.LocalAgent.Controller.",
        "Device.LocalAgent.MTP.",
        "Device.LocalAgent.Controller.*.MTP.",
        "Device.LocalAgent.Controller.[Alias==\"none\"].BootParameter.",
        "Device.LocalAgent.Controller.1.BootParameter.*.Enable",
        "Device.LocalAgent.Subscription.[Enable==false].",
        "Device.IP.Diagnostics.TraceRoute()",
        "Device.LocalAgent.Controller.[Enable==true].BootParameter.",
        "Device.LocalAgent.Subscription",
        "Device.LocalAgent.Controller.*.BootParameter",
        "Device.LocalAgent.UnsupportedObject.",
        "Device.",
        "Device.DeviceInfo.",
    })
    void valid_examples_parse_and_write_back_identically(String text) {
        PathName p = PathName.parse(text);
        assertThat(p.toString()).isEqualTo(text);
        assertThat(PathName.parse(p.toString())).isEqualTo(p);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "Device.IP.Interface.[].",
        "Device.IP.Interface.[Type==\"Normal\"&&IPv4Address.*.AddressingType==\"Static\"].Status",
        "Device.IP.Interface.{Type==\"Normal\"}.Status",
        "Device.IP.Interface.{i}.",
        "Device.LocalAgent.Subscription.0.",
        "Device.LocalAgent.Subscription.01.",
        "Device.LocalAgent.Subscription.4294967296.",
        "Device.IP.Interface.[Type==\"Normal\"||Enable==true].",
        "Device..IP.",
        ".Device.",
        "",
        "Device",
        "Device.IP.Interface.1.Reset()x",
        "Device.Boot!.",
    })
    void invalid_examples_are_7008(String text) {
        assertThatThrownBy(() -> PathName.parse(text))
                .isInstanceOf(PathSyntaxException.class)
                .satisfies(e -> assertThat(((PathSyntaxException) e).errorCode()).isEqualTo(ErrorCode.INVALID_PATH_SYNTAX));
    }

    @Test
    void search_path_with_reference_in_expression_has_the_expected_segments() {
        PathName p = PathName.parse(
                "Device.WiFi.AccessPoint.[SSIDReference+.SSID==\"MyHome\"].AssociatedDevice.[OperatingStandard==\"ac\"].SignalStrength");
        assertThat(p.kind()).isEqualTo(ElementKind.PARAMETER);
        assertThat(p.isSearchPath()).isTrue();
        PathSegment.Search search = (PathSegment.Search) p.segments().get(3);
        Comparison c = search.expression().terms().get(0);
        assertThat(c.parameter().segments()).containsExactly(
                new PathSegment.ReferenceFollow("SSIDReference", ReferenceIndex.Implicit.INSTANCE),
                new PathSegment.Name("SSID"));
        assertThat(c.operator()).isEqualTo(Operator.EQUAL);
        assertThat(c.value()).isEqualTo(new Literal("MyHome", true));
    }

    @Test
    void instance_paths_without_final_dot_are_the_same_object_path() {
        assertThat(PathName.parse("Device.IP.Interface.3")).isEqualTo(PathName.parse("Device.IP.Interface.3."));
        assertThat(PathName.parse("Device.IP.Interface.[Name==\"eth0\"]").toString())
                .isEqualTo("Device.IP.Interface.[Name==\"eth0\"].");
        assertThat(PathName.parseReference("Object.FooObject.[KeyParam==\"KeyValueForInstance5\"]").kind())
                .isEqualTo(ElementKind.OBJECT);
    }

    @Test
    void whitespace_around_operators_is_tolerated_and_not_written_back() {
        PathName p = PathName.parse("Device.IP.Interface.[ Type == \"Normal\" && Stats.ErrorsSent >\t0 ].Status");
        assertThat(p.toString()).isEqualTo("Device.IP.Interface.[Type==\"Normal\"&&Stats.ErrorsSent>0].Status");
    }

    @Test
    void supported_paths_of_get_supported_dm() {
        for (String text : List.of(
                "Device.WiFi.AccessPoint.{i}.AssociatedDevice.",
                "Device.WiFi.AccessPoint.{i}.AssociatedDevice.{i}.",
                "Device.WiFi.AccessPoint.1.AssociatedDevice.",
                "Device.LocalAgent.",
                "Device.LocalAgent.Subscription",
                "Device.Reboot()",
                "Device.Boot!",
                "Device.LocalAgent.EndpointID",
                "Device.LocalAgent.Controller.{i}.MTP.{i}.Enable")) {
            assertThat(PathName.parseSupported(text).toString()).isEqualTo(text);
        }
        for (String text : List.of(
                "Device.WiFi.AccessPoint.{i}.AssociatedDevice.1.",
                "Device.WiFi.AccessPoint.*.",
                "Device.WiFi.AccessPoint.[Enable==true].",
                "Device.NAT.PortMapping.1.Interface+.Name",
                "Device.WiFi.{i}.{i}.",
                "Device.WiFi.{j}.")) {
            assertThatThrownBy(() -> PathName.parseSupported(text)).isInstanceOf(PathSyntaxException.class);
        }
    }
}
