package io.usp4j.examples.gateway;

import io.usp4j.core.value.ValueType;
import io.usp4j.datamodel.schema.Arguments;
import io.usp4j.datamodel.schema.CommandDef;
import io.usp4j.datamodel.schema.DefaultValue;
import io.usp4j.datamodel.schema.EventDef;
import io.usp4j.datamodel.schema.NumericRange;
import io.usp4j.datamodel.schema.ObjectAccess;
import io.usp4j.datamodel.schema.ObjectDef;
import io.usp4j.datamodel.schema.ParameterAccess;
import io.usp4j.datamodel.schema.ParameterDef;
import io.usp4j.datamodel.schema.SupportedDataModel;
import io.usp4j.datamodel.schema.Syntax;
import io.usp4j.datamodel.schema.UniqueKey;

/**
 * The embedded default model of the example gateway, declared with the schema builders so the example runs
 * without the Broadband Forum's XML files. Names and types follow TR-181; only the parameters the gateway
 * implements are declared. A real device loads TR-181 with {@code DataModelLoader} and narrows it with
 * {@code select} instead (see {@code docs/datamodel.md}).
 *
 * <p>The agent adds its own objects to this model: {@code Device.LocalAgent.}, {@code Device.MQTT.},
 * {@code Device.Reboot()}, {@code Device.FactoryReset()} and {@code Device.Boot!}.
 */
final class GatewaySchema {
    private GatewaySchema() {}

    /** The vendor extension object: vendor names start with {@code X_} and the vendor's name or OUI. */
    static final String DOORBELL = "Device.X_ACME_Doorbell.";

    static SupportedDataModel model() {
        return SupportedDataModel.builder()
                .add(ObjectDef.builder("Device.").build())
                .add(deviceInfo())
                .add(ObjectDef.builder("Device.WiFi.")
                        .parameter(readOnly("RadioNumberOfEntries", ValueType.UNSIGNED_INT))
                        .parameter(readOnly("SSIDNumberOfEntries", ValueType.UNSIGNED_INT))
                        .build())
                .add(radio())
                .add(ssid())
                .add(ObjectDef.builder("Device.Hosts.")
                        .parameter(readOnly("HostNumberOfEntries", ValueType.UNSIGNED_INT))
                        .build())
                .add(host())
                .add(ObjectDef.builder("Device.Ethernet.")
                        .parameter(readOnly("InterfaceNumberOfEntries", ValueType.UNSIGNED_INT))
                        .build())
                .add(ethernetInterface())
                .add(ObjectDef.builder("Device.Ethernet.Interface.{i}.Stats.")
                        .parameter(readOnly("BytesSent", ValueType.UNSIGNED_LONG))
                        .parameter(readOnly("BytesReceived", ValueType.UNSIGNED_LONG))
                        .parameter(readOnly("PacketsSent", ValueType.UNSIGNED_LONG))
                        .parameter(readOnly("PacketsReceived", ValueType.UNSIGNED_LONG))
                        .parameter(readOnly("ErrorsSent", ValueType.UNSIGNED_INT))
                        .parameter(readOnly("ErrorsReceived", ValueType.UNSIGNED_INT))
                        .build())
                .add(ObjectDef.builder("Device.IP.").build())
                .add(ObjectDef.builder("Device.IP.Diagnostics.")
                        .command(ipPing())
                        .build())
                .add(doorbell())
                .build();
    }

    private static ObjectDef deviceInfo() {
        return ObjectDef.builder("Device.DeviceInfo.")
                .parameter(readOnly("Manufacturer", ValueType.STRING))
                .parameter(readOnly("ManufacturerOUI", ValueType.STRING))
                .parameter(readOnly("ModelName", ValueType.STRING))
                .parameter(readOnly("ProductClass", ValueType.STRING))
                .parameter(readOnly("SerialNumber", ValueType.STRING))
                .parameter(readOnly("HardwareVersion", ValueType.STRING))
                .parameter(readOnly("SoftwareVersion", ValueType.STRING))
                .parameter(readOnly("UpTime", ValueType.UNSIGNED_INT))
                .parameter(readWrite("ProvisioningCode", Syntax.builder(ValueType.STRING).maxLength(64).build()))
                .build();
    }

    private static ObjectDef radio() {
        return ObjectDef.builder("Device.WiFi.Radio.{i}.")
                .numEntriesParameter("RadioNumberOfEntries")
                .parameter(readWrite("Alias", alias()))
                .parameter(ParameterDef.readWrite("Enable", ValueType.BOOLEAN))
                .parameter(readOnly("Status", Syntax.builder(ValueType.STRING).enumeration("Up", "Down").build()))
                .parameter(readOnly("Name", ValueType.STRING))
                .parameter(readOnly("OperatingFrequencyBand", Syntax.builder(ValueType.STRING)
                        .enumeration("2.4GHz", "5GHz", "6GHz").build()))
                .parameter(readWrite("Channel", Syntax.builder(ValueType.UNSIGNED_INT).range(NumericRange.of(1L, 255L)).build()))
                .parameter(ParameterDef.readWrite("AutoChannelEnable", ValueType.BOOLEAN))
                .uniqueKey(UniqueKey.nonFunctional("Alias"))
                .uniqueKey(UniqueKey.functional("Name"))
                .build();
    }

    private static ObjectDef ssid() {
        return ObjectDef.builder("Device.WiFi.SSID.{i}.")
                .access(ObjectAccess.ADD_DELETE)
                .numEntriesParameter("SSIDNumberOfEntries")
                .parameter(readWrite("Alias", alias()))
                .parameter(readOnly("Name", ValueType.STRING))
                .parameter(readOnly("Status", ValueType.STRING))
                .parameter(readOnly("MACAddress", ValueType.STRING))
                .parameter(readOnly("BSSID", ValueType.STRING))
                .parameter(readWrite("SSID", Syntax.builder(ValueType.STRING).maxLength(32).build()))
                .parameter(ParameterDef.readWrite("Enable", ValueType.BOOLEAN))
                .uniqueKey(UniqueKey.nonFunctional("Alias"))
                .uniqueKey(UniqueKey.nonFunctional("Name"))
                .build();
    }

    private static ObjectDef host() {
        // Read-only table: Controllers cannot add or delete hosts, the LAN does.
        return ObjectDef.builder("Device.Hosts.Host.{i}.")
                .numEntriesParameter("HostNumberOfEntries")
                .parameter(readWrite("Alias", alias()))
                .parameter(readOnly("PhysAddress", Syntax.builder(ValueType.STRING).maxLength(64).build()))
                .parameter(readOnly("IPAddress", Syntax.builder(ValueType.STRING).maxLength(45).build()))
                .parameter(readOnly("AddressSource", Syntax.builder(ValueType.STRING)
                        .enumeration("DHCP", "Static", "AutoIP", "None").build()))
                .parameter(readOnly("HostName", Syntax.builder(ValueType.STRING).maxLength(64).build()))
                .parameter(readOnly("Active", ValueType.BOOLEAN))
                .parameter(readOnly("ActiveLastChange", ValueType.DATE_TIME))
                .uniqueKey(UniqueKey.nonFunctional("Alias"))
                .uniqueKey(UniqueKey.functional("PhysAddress"))
                .build();
    }

    private static ObjectDef ethernetInterface() {
        return ObjectDef.builder("Device.Ethernet.Interface.{i}.")
                .numEntriesParameter("InterfaceNumberOfEntries")
                .parameter(readWrite("Alias", alias()))
                .parameter(ParameterDef.readWrite("Enable", ValueType.BOOLEAN))
                .parameter(readOnly("Status", Syntax.builder(ValueType.STRING).enumeration("Up", "Down").build()))
                .parameter(readOnly("Name", ValueType.STRING))
                .parameter(readOnly("MACAddress", ValueType.STRING))
                .parameter(readOnly("Upstream", ValueType.BOOLEAN))
                .uniqueKey(UniqueKey.nonFunctional("Alias"))
                .uniqueKey(UniqueKey.functional("Name"))
                .build();
    }

    /** {@code IPPing()}: asynchronous, so the Controller gets an OperationComplete when the pings are done. */
    private static CommandDef ipPing() {
        Arguments input = Arguments.of(
                ParameterDef.builder("Interface", Syntax.builder(ValueType.STRING).maxLength(256).build()).build(),
                ParameterDef.builder("ProtocolVersion", Syntax.builder(ValueType.STRING).enumeration("Any", "IPv4", "IPv6")
                        .defaultValue(new DefaultValue(DefaultValue.Kind.OBJECT, "Any")).build()).build(),
                ParameterDef.builder("Host", Syntax.builder(ValueType.STRING).maxLength(256).build()).mandatory(true).build(),
                ParameterDef.builder("NumberOfRepetitions", Syntax.builder(ValueType.UNSIGNED_INT)
                        .range(NumericRange.of(1L, null)).defaultValue(new DefaultValue(DefaultValue.Kind.OBJECT, "3")).build()).build(),
                ParameterDef.builder("Timeout", Syntax.builder(ValueType.UNSIGNED_INT).range(NumericRange.of(1L, null))
                        .defaultValue(new DefaultValue(DefaultValue.Kind.OBJECT, "1000")).units("milliseconds").build()).build(),
                ParameterDef.builder("DataBlockSize", Syntax.builder(ValueType.UNSIGNED_INT)
                        .range(NumericRange.of(1L, 65535L)).defaultValue(new DefaultValue(DefaultValue.Kind.OBJECT, "64")).build()).build(),
                ParameterDef.builder("DSCP", Syntax.builder(ValueType.UNSIGNED_INT).range(NumericRange.of(0L, 63L)).build()).build());
        Arguments output = Arguments.of(
                readOnly("Status", Syntax.builder(ValueType.STRING).enumeration("Complete", "Error_CannotResolveHostName",
                        "Error_NoRouteToHost", "Error_Internal", "Error_Other").build()),
                readOnly("IPAddressUsed", ValueType.STRING),
                readOnly("SuccessCount", ValueType.UNSIGNED_INT),
                readOnly("FailureCount", ValueType.UNSIGNED_INT),
                readOnly("AverageResponseTime", ValueType.UNSIGNED_INT),
                readOnly("MinimumResponseTime", ValueType.UNSIGNED_INT),
                readOnly("MaximumResponseTime", ValueType.UNSIGNED_INT),
                readOnly("AverageResponseTimeDetailed", ValueType.UNSIGNED_INT),
                readOnly("MinimumResponseTimeDetailed", ValueType.UNSIGNED_INT),
                readOnly("MaximumResponseTimeDetailed", ValueType.UNSIGNED_INT));
        return CommandDef.async("IPPing()", input, output);
    }

    /** A vendor object: a doorbell wired to the gateway, with a counter and an event. */
    private static ObjectDef doorbell() {
        return ObjectDef.builder(DOORBELL)
                .parameter(readOnly("PressCount", ValueType.UNSIGNED_INT))
                .parameter(readOnly("LastPressed", ValueType.DATE_TIME))
                .event(EventDef.of("Pressed!", Arguments.of(
                        readOnly("Button", ValueType.STRING),
                        readOnly("PressCount", ValueType.UNSIGNED_INT))))
                .build();
    }

    private static Syntax alias() {
        return Syntax.builder(ValueType.STRING).dataType("Alias").maxLength(64).build();
    }

    private static ParameterDef readOnly(String name, ValueType type) {
        return ParameterDef.readOnly(name, type);
    }

    private static ParameterDef readOnly(String name, Syntax syntax) {
        return ParameterDef.builder(name, syntax).build();
    }

    private static ParameterDef readWrite(String name, Syntax syntax) {
        return ParameterDef.builder(name, syntax).access(ParameterAccess.READ_WRITE).build();
    }
}
