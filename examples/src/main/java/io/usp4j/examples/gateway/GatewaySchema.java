package io.usp4j.examples.gateway;

import io.usp4j.core.value.ValueType;
import io.usp4j.datamodel.schema.ObjectAccess;
import io.usp4j.datamodel.schema.ObjectDef;
import io.usp4j.datamodel.schema.ParameterAccess;
import io.usp4j.datamodel.schema.ParameterDef;
import io.usp4j.datamodel.schema.SupportedDataModel;
import io.usp4j.datamodel.schema.Syntax;
import io.usp4j.datamodel.schema.UniqueKey;

/**
 * The embedded default model of the example gateway: a few TR-181 parameters of {@code Device.DeviceInfo.}
 * and {@code Device.WiFi.SSID.{i}.}, declared with the schema builders so the example runs without the
 * Broadband Forum's XML files. A real device loads TR-181 instead (see {@code GatewayDataModel}).
 */
final class GatewaySchema {
    private GatewaySchema() {}

    static SupportedDataModel model() {
        return SupportedDataModel.builder()
                .add(ObjectDef.builder("Device.").build())
                .add(ObjectDef.builder("Device.DeviceInfo.")
                        .parameter(ParameterDef.readOnly("Manufacturer", ValueType.STRING))
                        .parameter(ParameterDef.readOnly("ManufacturerOUI", ValueType.STRING))
                        .parameter(ParameterDef.readOnly("ProductClass", ValueType.STRING))
                        .parameter(ParameterDef.readOnly("SerialNumber", ValueType.STRING))
                        .parameter(ParameterDef.readOnly("SoftwareVersion", ValueType.STRING))
                        .parameter(ParameterDef.readOnly("UpTime", ValueType.UNSIGNED_INT))
                        .parameter(ParameterDef.builder("ProvisioningCode", Syntax.builder(ValueType.STRING).maxLength(64).build())
                                .access(ParameterAccess.READ_WRITE).build())
                        .build())
                .add(ObjectDef.builder("Device.WiFi.")
                        .parameter(ParameterDef.readOnly("SSIDNumberOfEntries", ValueType.UNSIGNED_INT))
                        .build())
                .add(ObjectDef.builder("Device.WiFi.SSID.{i}.")
                        .access(ObjectAccess.ADD_DELETE)
                        .numEntriesParameter("SSIDNumberOfEntries")
                        .parameter(ParameterDef.builder("Alias", Syntax.builder(ValueType.STRING).dataType("Alias").maxLength(64).build())
                                .access(ParameterAccess.READ_WRITE).build())
                        .parameter(ParameterDef.readOnly("Name", ValueType.STRING))
                        .parameter(ParameterDef.readOnly("Status", ValueType.STRING))
                        .parameter(ParameterDef.readOnly("MACAddress", ValueType.STRING))
                        .parameter(ParameterDef.readOnly("BSSID", ValueType.STRING))
                        .parameter(ParameterDef.builder("SSID", Syntax.builder(ValueType.STRING).maxLength(32).build())
                                .access(ParameterAccess.READ_WRITE).build())
                        .parameter(ParameterDef.readWrite("Enable", ValueType.BOOLEAN))
                        .uniqueKey(UniqueKey.nonFunctional("Alias"))
                        .uniqueKey(UniqueKey.nonFunctional("Name"))
                        .build())
                .build();
    }
}
