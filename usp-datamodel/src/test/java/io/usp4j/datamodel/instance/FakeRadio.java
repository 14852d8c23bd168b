package io.usp4j.datamodel.instance;

import io.usp4j.datamodel.binding.ObjectInstance;
import io.usp4j.datamodel.binding.RowSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A pretend Wi-Fi driver: interfaces by name, each with an SSID, recording what it was told to do. */
final class FakeRadio implements RowSource {
    final Map<String, String> ssids = new LinkedHashMap<>();
    final List<String> calls = new ArrayList<>();
    int listings;
    String refuseSsid;
    int created;

    @Override
    public List<String> rowIds(ObjectInstance parent) {
        listings++;
        return new ArrayList<>(ssids.keySet());
    }

    @Override
    public String create(ObjectInstance parent, Map<String, String> values) {
        String name = "wl" + (10 + created++);
        ssids.put(name, values.getOrDefault("SSID", ""));
        calls.add("create " + name);
        return name;
    }

    @Override
    public void delete(ObjectInstance row) {
        ssids.remove(row.rowId());
        calls.add("delete " + row.rowId());
    }

    String ssid(ObjectInstance row) {
        return ssids.get(row.rowId());
    }

    void setSsid(ObjectInstance row, String value) {
        if (value.equals(refuseSsid)) {
            throw new IllegalStateException("driver refuses " + value);
        }
        calls.add("ssid " + row.rowId() + "=" + value);
        ssids.put(row.rowId(), value);
    }
}
