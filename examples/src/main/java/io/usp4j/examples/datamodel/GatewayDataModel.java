package io.usp4j.examples.datamodel;

import io.usp4j.datamodel.binding.ObjectInstance;
import io.usp4j.datamodel.binding.RowSource;
import io.usp4j.datamodel.instance.DataModel;
import io.usp4j.datamodel.schema.SupportedDataModel;
import io.usp4j.datamodel.storage.Storage;
import java.util.List;
import java.util.Map;

/**
 * What a vendor writes to expose {@code Device.DeviceInfo.} and {@code Device.WiFi.SSID.{i}.} from TR-181,
 * backed by firmware (here the {@link WifiDriver}); the walk-through is {@code docs/datamodel.md}.
 */
public final class GatewayDataModel {
    private GatewayDataModel() {}

    /** Builds the gateway's data model from the standard TR-181 model, the firmware and a store. */
    public static DataModel create(SupportedDataModel tr181, WifiDriver wifi, Storage storage) {
        long bootMillis = System.currentTimeMillis();
        SupportedDataModel supported = tr181.select(List.of("Device.DeviceInfo.", "Device.WiFi.SSID.{i}."));
        return DataModel.builder(supported)
                .storage(storage)
                .bind("Device.DeviceInfo.", o -> o
                        .constant("Manufacturer", "ACME Networks")
                        .constant("ManufacturerOUI", "00D09E")
                        .constant("ProductClass", "HGW-1")
                        .constant("SerialNumber", "GW-0001")
                        .constant("SoftwareVersion", "1.0.0")
                        .getter("UpTime", i -> (System.currentTimeMillis() - bootMillis) / 1000))
                .bind("Device.WiFi.SSID.{i}.", o -> o
                        .rows(new RowSource() {
                            @Override
                            public List<String> rowIds(ObjectInstance parent) {
                                return wifi.interfaces();
                            }

                            @Override
                            public String create(ObjectInstance parent, Map<String, String> values) {
                                return wifi.createInterface(values.getOrDefault("SSID", ""));
                            }

                            @Override
                            public void delete(ObjectInstance row) {
                                wifi.removeInterface(row.rowId());
                            }
                        })
                        .group(i -> wifi.status(i.rowId()), "Name", "MACAddress", "BSSID", "Status")
                        .getter("SSID", i -> wifi.ssid(i.rowId()))
                        .setter("SSID", (i, v) -> wifi.setSsid(i.rowId(), v))
                        .getter("Enable", i -> wifi.enabled(i.rowId()))
                        .setter("Enable", (i, v) -> wifi.setEnabled(i.rowId(), Boolean.parseBoolean(v))))
                .build();
    }
}
