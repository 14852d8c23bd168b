package io.usp4j.datamodel.instance;

import static org.assertj.core.api.Assertions.assertThat;

import io.usp4j.core.path.PathName;
import io.usp4j.datamodel.binding.DataModelListener;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ValueChangePollerTest {
    private final FakeRadio radio = new FakeRadio();
    private final AtomicLong upTime = new AtomicLong(10);
    private final List<String> changes = new ArrayList<>();

    private DataModel model() {
        radio.ssids.put("wl0", "home");
        DataModel m = DataModel.builder(TestModel.schema())
                .bind("Device.DeviceInfo.", o -> o.getter("UpTime", i -> upTime.get()).getter("Status", i -> "Up").notifying("Status"))
                .bind("Device.WiFi.SSID.{i}.", o -> o.rows(radio).getter("Name", i -> i.rowId())
                        .getter("SSID", radio::ssid).setter("SSID", radio::setSsid))
                .build();
        m.addListener(new DataModelListener() {
            @Override
            public void onValueChange(String path, String value) {
                changes.add(path + "=" + value);
            }
        });
        return m;
    }

    @Test
    void reportsChangedFirmwareValuesAndSkipsPushedOnes() {
        DataModel m = model();
        ValueChangePoller poller = new ValueChangePoller(m);
        poller.watch(PathName.parse("Device.DeviceInfo."));
        poller.watch(PathName.parse("Device.WiFi.SSID.*.SSID"));
        assertThat(poller.poll()).isZero();
        changes.clear();
        upTime.set(11);
        radio.ssids.put("wl0", "home-2");
        radio.ssids.put("wl1", "new-row");
        assertThat(poller.poll()).isEqualTo(2);
        assertThat(changes).containsExactlyInAnyOrder("Device.WiFi.SSIDNumberOfEntries=2",
                "Device.DeviceInfo.UpTime=11", "Device.WiFi.SSID.1.SSID=home-2");
        assertThat(poller.poll()).isZero();
        radio.ssids.put("wl1", "renamed");
        poller.unwatch(PathName.parse("Device.DeviceInfo."));
        upTime.set(12);
        assertThat(poller.poll()).isEqualTo(1);
        assertThat(changes).last().isEqualTo("Device.WiFi.SSID.2.SSID=renamed");
        assertThat(poller.watched()).containsExactly(PathName.parse("Device.WiFi.SSID.*.SSID"));
    }
}
