package io.usp4j.datamodel.xml;

import io.usp4j.datamodel.Tr181TestData;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.usp4j.core.value.ValueType;
import io.usp4j.datamodel.schema.ActiveNotify;
import io.usp4j.datamodel.schema.CommandDef;
import io.usp4j.datamodel.schema.EventDef;
import io.usp4j.datamodel.schema.ObjectAccess;
import io.usp4j.datamodel.schema.ObjectDef;
import io.usp4j.datamodel.schema.ParameterAccess;
import io.usp4j.datamodel.schema.ParameterDef;
import io.usp4j.datamodel.schema.PathReference;
import io.usp4j.datamodel.schema.Status;
import io.usp4j.datamodel.schema.SupportedDataModel;
import io.usp4j.datamodel.schema.UniqueKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Loads the published TR-181 2.16 USP model from the shared test-data folder ({@code ../shared/datamodels}
 * next to the repository, or the folder named by the system property {@code usp4j.shared.dir}); skipped
 * when the folder is absent.
 */
class Tr181DocumentTest {
    private static SupportedDataModel model;

    @BeforeAll
    static void load() {
        model = Tr181TestData.tr181();
    }

    /**
     * The counts are those of the {@code <model>} element, deleted items left out. The folder's README
     * quotes 1,276 objects, ~10,000 parameters, 151 commands and 21 events: those are raw counts of
     * {@code <object}, {@code <parameter}, {@code <command}, {@code <event} tags, which include profile
     * references ({@code <object ref=...>} in 233 profiles), unique-key references and argument objects.
     * Counting model children only (Python ElementTree over {@code model/object}): 669 objects, of which
     * {@code Device.PPP.Interface.{i}.PPPoA.} is deleted (it has no parameters of its own); 5,320 parameters
     * directly in those objects, of which 11 are deleted; 108 commands and 17 events, none deleted
     * (the obsoleted {@code ScheduleTimer()} and {@code Timer!} are kept). A cross-check with grep:
     * {@code grep -c '<command name='} gives 108 and {@code grep -c '<event name='} gives 17.
     */
    @Test
    void loads_every_object_parameter_command_and_event_of_the_model() {
        assertThat(model.objectCount()).isEqualTo(668);
        assertThat(model.parameterCount()).isEqualTo(5309);
        assertThat(model.commandCount()).isEqualTo(108);
        assertThat(model.eventCount()).isEqualTo(17);
        assertThat(model.object("Device.PPP.Interface.{i}.PPPoA.")).isEmpty();
        assertThat(model.object("Device.WiFi.MultiAP.").orElseThrow().status()).isEqualTo(Status.DEPRECATED);
    }

    @Test
    void spot_checks_parameter_types_and_access() {
        ParameterDef upTime = param("Device.DeviceInfo.UpTime");
        assertThat(upTime.type()).isEqualTo(ValueType.UNSIGNED_INT);
        assertThat(upTime.access()).isEqualTo(ParameterAccess.READ_ONLY);
        assertThat(upTime.activeNotify()).isEqualTo(ActiveNotify.CAN_DENY);
        assertThat(upTime.syntax().units()).contains("seconds");

        ParameterDef ssid = param("Device.WiFi.SSID.{i}.SSID");
        assertThat(ssid.type()).isEqualTo(ValueType.STRING);
        assertThat(ssid.access()).isEqualTo(ParameterAccess.READ_WRITE);
        assertThat(ssid.syntax().maxLength()).hasValue(32);

        ParameterDef alias = param("Device.LocalAgent.Subscription.{i}.Alias");
        assertThat(alias.syntax().dataType()).contains("Alias");
        assertThat(alias.access()).isEqualTo(ParameterAccess.READ_WRITE);
        assertThat(alias.syntax().maxLength()).hasValue(64);

        ParameterDef lowerLayers = param("Device.IP.Interface.{i}.LowerLayers");
        assertThat(lowerLayers.syntax().isList()).isTrue();
        assertThat(lowerLayers.syntax().list().orElseThrow().maxLength()).isEqualTo(1024);
        assertThat(lowerLayers.syntax().reference().orElseThrow().targetType())
                .isEqualTo(PathReference.TargetType.ROW);

        ParameterDef bytesSent = param("Device.Cellular.Interface.{i}.Stats.BytesSent");
        assertThat(bytesSent.type()).isEqualTo(ValueType.UNSIGNED_LONG);
        assertThat(bytesSent.syntax().dataType()).contains("StatsCounter64");

        ParameterDef password = param("Device.MQTT.Client.{i}.Password");
        assertThat(password.syntax().secured()).isTrue();
        assertThat(password.access()).isEqualTo(ParameterAccess.READ_WRITE);

        ParameterDef ipAddress = param("Device.IP.Interface.{i}.IPv4Address.{i}.IPAddress");
        assertThat(ipAddress.syntax().dataType()).contains("IPv4Address");
        assertThat(ipAddress.syntax().maxLength()).hasValue(15);

        ParameterDef mac = param("Device.Ethernet.Interface.{i}.MACAddress");
        assertThat(mac.syntax().dataType()).contains("MACAddress");

        ParameterDef dscp = model.command("Device.IP.Diagnostics.IPPing()").orElseThrow().input().parameter("DSCP")
                .orElseThrow();
        assertThat(dscp.syntax().ranges()).hasSize(1);
        assertThat(dscp.syntax().ranges().get(0).max()).hasValueSatisfying(v -> assertThat(v.intValue()).isEqualTo(63));

        ParameterDef controllerId = param("Device.LocalAgent.Controller.{i}.EndpointID");
        assertThat(controllerId.type()).isEqualTo(ValueType.STRING);
        assertThat(controllerId.access()).isEqualTo(ParameterAccess.READ_WRITE);
    }

    @Test
    void reads_tables_and_unique_keys() {
        ObjectDef sub = model.object("Device.LocalAgent.Subscription.{i}.").orElseThrow();
        assertThat(sub.access()).isEqualTo(ObjectAccess.ADD_DELETE);
        assertThat(sub.numEntriesParameter()).contains("SubscriptionNumberOfEntries");
        assertThat(sub.uniqueKeys()).containsExactly(
                UniqueKey.nonFunctional("Alias"), new UniqueKey(List.of("Recipient", "ID"), false));
        assertThat(model.parameter("Device.LocalAgent.SubscriptionNumberOfEntries")).isPresent();
        assertThat(model.childObjects("Device.WiFi.")).extracting(ObjectDef::name)
                .contains("Radio", "SSID", "AccessPoint", "EndPoint");
    }

    @Test
    void reads_commands_and_events() {
        CommandDef ping = model.command("Device.IP.Diagnostics.IPPing()").orElseThrow();
        assertThat(ping.async()).isTrue();
        assertThat(ping.input().parameters()).extracting(ParameterDef::name)
                .containsExactly("Interface", "ProtocolVersion", "Host", "NumberOfRepetitions", "Timeout",
                        "DataBlockSize", "DSCP");
        assertThat(ping.output().parameter("SuccessCount").orElseThrow().type()).isEqualTo(ValueType.UNSIGNED_INT);

        CommandDef reboot = model.command("Device.Reboot()").orElseThrow();
        assertThat(reboot.async()).isFalse();

        EventDef boot = model.event("Device.Boot!").orElseThrow();
        assertThat(boot.arguments().parameters()).extracting(ParameterDef::name)
                .containsExactly("CommandKey", "Cause", "FirmwareUpdated", "ParameterMap");

        assertThat(model.command("Device.DeviceInfo.FirmwareImage.{i}.Download()").orElseThrow().async()).isTrue();
    }

    @Test
    void selects_what_a_device_implements() {
        SupportedDataModel small = model.select(List.of("Device.LocalAgent.Subscription.{i}.", "Device.Reboot()",
                "Device.DeviceInfo.UpTime"));

        assertThat(small.objects()).extracting(ObjectDef::path).containsExactly(
                "Device.", "Device.DeviceInfo.", "Device.LocalAgent.", "Device.LocalAgent.Subscription.{i}.");
        assertThat(small.object("Device.LocalAgent.").orElseThrow().parameters().keySet())
                .containsExactly("SubscriptionNumberOfEntries");
        assertThat(small.command("Device.Reboot()")).isPresent();
    }

    private static ParameterDef param(String path) {
        return model.parameter(path).orElseThrow(() -> new AssertionError("missing " + path));
    }
}
