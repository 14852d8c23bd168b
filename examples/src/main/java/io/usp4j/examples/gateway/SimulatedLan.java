package io.usp4j.examples.gateway;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A pretend home network standing in for the gateway's DHCP server and bridge tables: hosts join, leave, go
 * idle and renew their addresses. Real firmware would read the DHCP leases and the ARP table here.
 *
 * <p>Each change returns a {@link Change} saying what happened, which the gateway passes on to the data model.
 *
 * <p>Not thread-safe; the gateway calls it on the agent thread only.
 */
public final class SimulatedLan {

    /** What a change did to one host. */
    public enum Kind { JOINED, LEFT, UPDATED }

    /**
     * One change of the network.
     *
     * @param kind what happened
     * @param mac the host's MAC address, its identity
     * @param changed the parameters that changed, by TR-181 name, for {@link Kind#UPDATED}
     */
    public record Change(Kind kind, String mac, Map<String, Object> changed) {}

    /** One host's state. */
    private static final class Host {
        final String hostName;
        String ipAddress;
        boolean active = true;
        Instant activeLastChange;

        Host(String hostName, String ipAddress, Instant now) {
            this.hostName = hostName;
            this.ipAddress = ipAddress;
            this.activeLastChange = now;
        }
    }

    private static final String[] NAMES = {"phone", "laptop", "tv", "tablet", "printer", "console", "speaker", "camera"};

    private final Map<String, Host> hosts = new LinkedHashMap<>();
    private int nextAddress = 10;
    private int nextMac = 0x10;

    /** A network with three hosts already on it. */
    public SimulatedLan() {
        for (int i = 0; i < 3; i++) {
            join(NAMES[i]);
        }
    }

    /** The MAC addresses of the hosts, in the order they joined. */
    public List<String> macs() {
        return new ArrayList<>(hosts.keySet());
    }

    /** What the network knows of a host, by TR-181 parameter name (one "driver call" for several parameters). */
    public Map<String, Object> host(String mac) {
        Host h = hosts.get(mac);
        if (h == null) {
            throw new IllegalArgumentException("no host " + mac);
        }
        return Map.of("PhysAddress", mac, "IPAddress", h.ipAddress, "AddressSource", "DHCP", "HostName", h.hostName,
                "Active", h.active, "ActiveLastChange", h.activeLastChange);
    }

    /** A new host gets a lease. */
    public Change join(String hostName) {
        String mac = String.format("02:00:5e:00:00:%02x", nextMac++ & 0xff);
        hosts.put(mac, new Host(hostName, "192.168.1." + nextAddress(), Instant.now()));
        return new Change(Kind.JOINED, mac, Map.of());
    }

    /** A host's lease expires. */
    public Change leave(String mac) {
        if (hosts.remove(mac) == null) {
            throw new IllegalArgumentException("no host " + mac);
        }
        return new Change(Kind.LEFT, mac, Map.of());
    }

    /** A host goes idle or comes back. */
    public Change setActive(String mac, boolean active) {
        Host h = hosts.get(mac);
        h.active = active;
        h.activeLastChange = Instant.now();
        return new Change(Kind.UPDATED, mac, Map.of("Active", active, "ActiveLastChange", h.activeLastChange));
    }

    /** A host gets a new address from the DHCP server. */
    public Change renewAddress(String mac) {
        Host h = hosts.get(mac);
        h.ipAddress = "192.168.1." + nextAddress();
        return new Change(Kind.UPDATED, mac, Map.of("IPAddress", h.ipAddress));
    }

    /** Something a real network does every now and then, picked at random. */
    public Change randomChange(Random random) {
        List<String> macs = macs();
        int dice = random.nextInt(10);
        if (macs.size() < 2 || (dice < 3 && macs.size() < 8)) {
            return join(NAMES[random.nextInt(NAMES.length)] + "-" + random.nextInt(100));
        }
        String mac = macs.get(random.nextInt(macs.size()));
        if (dice < 5) {
            return leave(mac);
        }
        if (dice < 8) {
            return setActive(mac, !hosts.get(mac).active);
        }
        return renewAddress(mac);
    }

    private int nextAddress() {
        int a = nextAddress;
        nextAddress = nextAddress >= 250 ? 10 : nextAddress + 1;
        return a;
    }
}
