package io.usp4j.examples.datamodel;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A pretend Wi-Fi driver standing in for firmware: two radios (2.4 and 5 GHz, each with an enable flag and a
 * channel) and a few interfaces, each with an SSID, an enable flag and a MAC address. Real firmware would
 * talk to nl80211, a vendor SDK or a config daemon here.
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

    /** One radio's state. */
    static final class Radio {
        final String band;
        boolean enabled = true;
        int channel;
        boolean autoChannel = true;

        Radio(String band, int channel) {
            this.band = band;
            this.channel = channel;
        }
    }

    private final Map<String, Iface> ifaces = new LinkedHashMap<>();
    private final Map<String, Radio> radios = new LinkedHashMap<>();
    private int next;

    /** A driver in its factory state: radios {@code radio0} and {@code radio1}, interfaces {@code wl0} and {@code wl1}. */
    public WifiDriver() {
        factoryReset();
    }

    /** Back to the factory state: what a device's factory reset does to its Wi-Fi configuration. */
    public void factoryReset() {
        radios.clear();
        radios.put("radio0", new Radio("2.4GHz", 6));
        radios.put("radio1", new Radio("5GHz", 36));
        ifaces.clear();
        ifaces.put("wl0", new Iface("home", true, "00:d0:9e:00:00:01"));
        ifaces.put("wl1", new Iface("guest", false, "00:d0:9e:00:00:02"));
        next = 2;
    }

    public List<String> radios() {
        return new ArrayList<>(radios.keySet());
    }

    /** The radio's frequency band: {@code 2.4GHz} or {@code 5GHz}. */
    public String band(String radio) {
        return radio(radio).band;
    }

    public boolean radioEnabled(String radio) {
        return radio(radio).enabled;
    }

    public void setRadioEnabled(String radio, boolean enabled) {
        radio(radio).enabled = enabled;
    }

    public int channel(String radio) {
        return radio(radio).channel;
    }

    /** Sets the channel, refusing one the band does not have (the data model checks only 1-255). */
    public void setChannel(String radio, int channel) {
        Radio r = radio(radio);
        boolean ok = r.band.equals("2.4GHz") ? channel >= 1 && channel <= 13 : channel >= 36 && channel <= 165;
        if (!ok) {
            throw new IllegalArgumentException("channel " + channel + " is not in the " + r.band + " band");
        }
        r.channel = channel;
    }

    public boolean autoChannel(String radio) {
        return radio(radio).autoChannel;
    }

    public void setAutoChannel(String radio, boolean auto) {
        radio(radio).autoChannel = auto;
    }

    private Radio radio(String name) {
        Radio r = radios.get(name);
        if (r == null) {
            throw new IllegalArgumentException("no radio " + name);
        }
        return r;
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
