package io.usp4j.examples.datamodel;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A pretend Wi-Fi driver standing in for firmware: a few interfaces, each with an SSID, an enable flag and
 * a MAC address. Real firmware would talk to nl80211, a vendor SDK or a config daemon here.
 *
 * <p>Not thread-safe; the data model calls it on its owner thread only.
 */
public final class WifiDriver {
    /** One interface's state. */
    public static final class Iface {
        String ssid;
        boolean enabled;
        final String mac;

        Iface(String ssid, boolean enabled, String mac) {
            this.ssid = ssid;
            this.enabled = enabled;
            this.mac = mac;
        }
    }

    private final Map<String, Iface> ifaces = new LinkedHashMap<>();
    private int next;

    /** A driver with two interfaces, {@code wl0} and {@code wl1}. */
    public WifiDriver() {
        ifaces.put("wl0", new Iface("home", true, "00:d0:9e:00:00:01"));
        ifaces.put("wl1", new Iface("guest", false, "00:d0:9e:00:00:02"));
        next = 2;
    }

    public List<String> interfaces() {
        return new ArrayList<>(ifaces.keySet());
    }

    public String ssid(String iface) {
        return get(iface).ssid;
    }

    public void setSsid(String iface, String ssid) {
        get(iface).ssid = ssid;
    }

    public boolean enabled(String iface) {
        return get(iface).enabled;
    }

    public void setEnabled(String iface, boolean enabled) {
        get(iface).enabled = enabled;
    }

    /** The status block the driver reports in one call. */
    public Map<String, Object> status(String iface) {
        Iface i = get(iface);
        return Map.of("Name", iface, "MACAddress", i.mac, "BSSID", i.mac, "Status", i.enabled ? "Up" : "Down");
    }

    /** Creates a virtual interface and returns its name. */
    public String createInterface(String ssid) {
        String name = "wl" + next;
        ifaces.put(name, new Iface(ssid, false, String.format("00:d0:9e:00:00:%02x", ++next)));
        return name;
    }

    public void removeInterface(String iface) {
        ifaces.remove(iface);
    }

    private Iface get(String iface) {
        Iface i = ifaces.get(iface);
        if (i == null) {
            throw new IllegalArgumentException("no interface " + iface);
        }
        return i;
    }
}
