package io.usp4j.examples.datamodel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.usp4j.core.error.ErrorCode;
import io.usp4j.core.path.PathName;
import io.usp4j.core.path.resolve.ResolvedPath;
import io.usp4j.datamodel.instance.DataModel;
import io.usp4j.datamodel.instance.ModelView;
import io.usp4j.datamodel.instance.ParamError;
import io.usp4j.datamodel.instance.ParamSetting;
import io.usp4j.datamodel.instance.SetResult;
import io.usp4j.datamodel.instance.Transaction;
import io.usp4j.datamodel.schema.SupportedDataModel;
import io.usp4j.datamodel.storage.FileStorage;
import io.usp4j.datamodel.xml.DataModelLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The vendor example of docs/datamodel.md against the real TR-181 2.16 model from the shared test-data folder
 * ({@code ../shared/datamodels}, or {@code -Dusp4j.shared.dir}); skipped when that folder is absent.
 */
class GatewayDataModelTest {
    private static SupportedDataModel tr181;

    @TempDir
    Path dir;

    @BeforeAll
    static void load() throws IOException {
        String prop = System.getProperty("usp4j.shared.dir");
        Path models = prop != null ? Path.of(prop, "datamodels") : Path.of("").toAbsolutePath().resolve("../../shared/datamodels").normalize();
        Path file = models.resolve("tr-181-2-16-0-usp-full.xml");
        assumeTrue(Files.isRegularFile(file), "TR-181 test data not found at " + models
                + ": set -Dusp4j.shared.dir or provide ../shared/datamodels next to the repository");
        tr181 = DataModelLoader.builder().library(models.resolve("tr-106-types.xml")).build().load(file);
    }

    private static List<String> resolve(ModelView view, String path) {
        return view.resolve(PathName.parse(path)).paths().stream().map(ResolvedPath::path).toList();
    }

    @Test
    void exposesDeviceInfoAndFirmwareSsids() {
        WifiDriver wifi = new WifiDriver();
        try (FileStorage storage = FileStorage.open(dir)) {
            DataModel model = GatewayDataModel.create(tr181, wifi, storage);
            ModelView v = model.view();
            assertThat(v.value("Device.DeviceInfo.Manufacturer")).isEqualTo("ACME Networks");
            assertThat(v.value("Device.DeviceInfo.ProvisioningCode")).isEmpty();
            assertThat(resolve(v, "Device.WiFi.SSID.[Enable==true].SSID")).containsExactly("Device.WiFi.SSID.1.SSID");
            assertThat(v.value("Device.WiFi.SSID.2.Status")).isEqualTo("Down");
            assertThat(v.value("Device.WiFi.SSID.2.Alias")).isEqualTo("cpe-2");

            Transaction tx = model.begin();
            SetResult set = tx.set("Device.WiFi.SSID.2.", List.of(
                    ParamSetting.of("SSID", "guest-5G"), ParamSetting.of("Enable", "1"),
                    ParamSetting.of("Name", "wl9"), ParamSetting.of("SSID", "x".repeat(33))));
            assertThat(set.paramErrors()).extracting(ParamError::code)
                    .containsExactly(ErrorCode.PARAMETER_READ_ONLY, ErrorCode.INVALID_VALUE);
            tx.set("Device.DeviceInfo.", List.of(ParamSetting.of("ProvisioningCode", "ISP-42")));
            tx.add("Device.WiFi.SSID.", List.of(ParamSetting.of("SSID", "iot")));
            tx.commit();
            assertThat(wifi.ssid("wl1")).isEqualTo("guest-5G");
            assertThat(wifi.enabled("wl1")).isTrue();
            assertThat(wifi.interfaces()).containsExactly("wl0", "wl1", "wl2");
        }
        try (FileStorage storage = FileStorage.open(dir)) {
            ModelView v = GatewayDataModel.create(tr181, wifi, storage).view();
            assertThat(v.value("Device.DeviceInfo.ProvisioningCode")).isEqualTo("ISP-42");
            assertThat(v.value("Device.WiFi.SSID.3.Name")).isEqualTo("wl2");
            assertThat(v.value("Device.WiFi.SSID.3.SSID")).isEqualTo("iot");
            assertThat(v.value("Device.WiFi.SSID.3.Alias")).isEqualTo("cpe-3");
        }
    }
}
