package io.usp4j.examples.gateway;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A pretend Ethernet switch standing in for firmware: four ports, {@code eth0} the upstream (WAN) one, each
 * with an enable flag and traffic counters that grow while it is enabled. Real firmware would read
 * {@code /sys/class/net/<port>/statistics} or ask the switch chip.
 *
 * <p>Thread-safe (its methods are synchronized): the data model reads it on the agent thread, nothing else
 * needs to, but counters are the kind of state a driver updates from its own threads.
 */
public final class EthernetSwitch {

    /** One port's state; counters as the last {@link #advance} left them. */
    private static final class Port {
        final String mac;
        final long bytesPerSecond;
        boolean enabled = true;
        long bytesSent;
        long bytesReceived;
        long lastNanos;

        Port(String mac, long bytesPerSecond, long now) {
            this.mac = mac;
            this.bytesPerSecond = bytesPerSecond;
            this.lastNanos = now;
        }
    }

    private final Map<String, Port> ports = new LinkedHashMap<>();

    /** A switch with ports {@code eth0} to {@code eth3}, all enabled. */
    public EthernetSwitch() {
        long now = System.nanoTime();
        for (int i = 0; i < 4; i++) {
            // The upstream port carries the most traffic.
            ports.put("eth" + i, new Port(String.format("00:d0:9e:00:01:%02x", i), i == 0 ? 250_000 : 40_000 / (i + 1), now));
        }
    }

    public synchronized List<String> ports() {
        return new ArrayList<>(ports.keySet());
    }

    public synchronized boolean enabled(String port) {
        return port(port).enabled;
    }

    public synchronized void setEnabled(String port, boolean enabled) {
        Port p = port(port);
        advance(p);
        p.enabled = enabled;
    }

    public synchronized String mac(String port) {
        return port(port).mac;
    }

    /** The port's counters, by TR-181 name ({@code Device.Ethernet.Interface.{i}.Stats.}). */
    public synchronized Map<String, Object> stats(String port) {
        Port p = port(port);
        advance(p);
        // Full-size frames, roughly: packets follow bytes.
        return Map.of("BytesSent", p.bytesSent, "BytesReceived", p.bytesReceived,
                "PacketsSent", p.bytesSent / 1200, "PacketsReceived", p.bytesReceived / 1200,
                "ErrorsSent", 0, "ErrorsReceived", 0);
    }

    /** Adds the traffic of the time since the last read; an enabled port receives four bytes for each it sends. */
    private static void advance(Port p) {
        long now = System.nanoTime();
        if (p.enabled) {
            long bytes = p.bytesPerSecond * (now - p.lastNanos) / 1_000_000_000L;
            p.bytesReceived += bytes;
            p.bytesSent += bytes / 4;
        }
        p.lastNanos = now;
    }

    private Port port(String name) {
        Port p = ports.get(name);
        if (p == null) {
            throw new IllegalArgumentException("no port " + name);
        }
        return p;
    }
}
