package io.usp4j.examples.datamodel;

import io.usp4j.agent.UspAgent;
import io.usp4j.datamodel.binding.ObjectBinding;
import io.usp4j.datamodel.binding.ObjectInstance;
import io.usp4j.datamodel.binding.RowSource;
import io.usp4j.datamodel.instance.DataModel;
import io.usp4j.datamodel.schema.SupportedDataModel;
import io.usp4j.datamodel.storage.Storage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a vendor writes to expose {@code Device.DeviceInfo.} and {@code Device.WiFi.SSID.{i}.} from TR-181,
 * backed by firmware (here the {@link WifiDriver}); the walk-through is {@code docs/datamodel.md}.
 */
public final class GatewayDataModel {
    private GatewayDataModel() {}

    /** How the firmware backs the two objects. */
    public static Map<String, ObjectBinding> bindings(WifiDriver wifi) {
        long bootMillis = System.currentTimeMillis();
        Map<String, ObjectBinding> b = new LinkedHashMap<>();
        b.put("Device.DeviceInfo.", ObjectBinding.builder()
                .constant("Manufacturer", "ACME Networks")
                .constant("ManufacturerOUI", "00D09E")
                .constant("ProductClass", "HGW-1")
                .constant("SerialNumber", "GW-0001")
                .constant("SoftwareVersion", "1.0.0")
                .getter("UpTime", i -> (System.currentTimeMillis() - bootMillis) / 1000)
                .build());
        b.put("Device.WiFi.SSID.{i}.", ssids(wifi));
        return b;
    }

    /**
     * {@code Device.WiFi.SSID.{i}.} over the driver: its rows are the driver's interfaces, and the table takes
     * Add and Delete (the driver creates and removes virtual interfaces).
     */
    public static ObjectBinding ssids(WifiDriver wifi) {
        return ObjectBinding.builder()
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
                // One driver call fills four parameters.
                .group(i -> wifi.status(i.rowId()), "Name", "MACAddress", "BSSID", "Status")
                .getter("SSID", i -> wifi.ssid(i.rowId()))
                .setter("SSID", (i, v) -> wifi.setSsid(i.rowId(), v))
                .getter("Enable", i -> wifi.enabled(i.rowId()))
                .setter("Enable", (i, v) -> wifi.setEnabled(i.rowId(), Boolean.parseBoolean(v)))
                .build();
    }

    /** The gateway's data model alone, from the standard TR-181 model, the firmware and a store. */
    public static DataModel create(SupportedDataModel tr181, WifiDriver wifi, Storage storage) {
        DataModel.Builder b = DataModel.builder(tr181.select(List.of("Device.DeviceInfo.", "Device.WiFi.SSID.{i}.")))
                .storage(storage);
        bindings(wifi).forEach(b::bind);
        return b.build();
    }

    /** An agent builder with the gateway's model and bindings; the caller adds the Endpoint ID and transports. */
    public static UspAgent.Builder agentBuilder(SupportedDataModel supported, WifiDriver wifi, Storage storage) {
        UspAgent.Builder b = UspAgent.builder().supportedDataModel(supported).storage(storage);
        bindings(wifi).forEach(b::bind);
        return b;
    }
}
