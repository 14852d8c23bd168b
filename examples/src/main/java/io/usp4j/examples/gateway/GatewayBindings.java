package io.usp4j.examples.gateway;

import io.usp4j.agent.UspAgent;
import io.usp4j.datamodel.binding.ObjectBinding;
import io.usp4j.datamodel.binding.ObjectInstance;
import io.usp4j.datamodel.binding.RowSource;
import io.usp4j.examples.datamodel.GatewayDataModel;
import io.usp4j.examples.datamodel.WifiDriver;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * How the gateway's firmware backs each object of {@link GatewaySchema}: the part of the example a vendor
 * rewrites for their own device. Every callback here runs on the agent thread.
 *
 * <p>What is not bound is kept by the library: {@code ProvisioningCode}, the {@code Alias} of every row, the
 * doorbell's counters (which {@link Gateway} pushes with {@code DataModel.update}).
 */
final class GatewayBindings {
    /** How long one simulated ping takes. */
    static final Duration PING_TIME = Duration.ofMillis(300);

    private GatewayBindings() {}

    /**
     * Binds every object on the agent's builder.
     *
     * @param device the thread the device's own work runs on (here: finishing pings)
     * @param bootTime when this start of the device happened, for {@code UpTime}
     */
    static void bind(UspAgent.Builder b, String serialNumber, WifiDriver wifi, SimulatedLan lan, EthernetSwitch ethernet,
            ScheduledExecutorService device, Instant bootTime) {
        b.bind("Device.DeviceInfo.", ObjectBinding.builder()
                .constant("Manufacturer", "ACME Networks")
                .constant("ManufacturerOUI", "00D09E")
                .constant("ModelName", "HGW-1 Simulated")
                .constant("ProductClass", "HGW-1")
                .constant("SerialNumber", serialNumber)
                .constant("HardwareVersion", "rev-A")
                .constant("SoftwareVersion", "1.0.0")
                .getter("UpTime", i -> Duration.between(bootTime, Instant.now()).toSeconds())
                .build());

        // Firmware tables: the rows are what the driver lists, each known by the driver's own name.
        b.bind("Device.WiFi.Radio.{i}.", ObjectBinding.builder()
                .rows(parent -> wifi.radios())
                .getter("Name", ObjectInstance::rowId)
                .getter("OperatingFrequencyBand", i -> wifi.band(i.rowId()))
                .getter("Status", i -> wifi.radioEnabled(i.rowId()) ? "Up" : "Down")
                .getter("Enable", i -> wifi.radioEnabled(i.rowId()))
                .setter("Enable", (i, v) -> wifi.setRadioEnabled(i.rowId(), Boolean.parseBoolean(v)))
                // The driver refuses channels outside the band: the Set fails and nothing is changed.
                .getter("Channel", i -> wifi.channel(i.rowId()))
                .setter("Channel", (i, v) -> wifi.setChannel(i.rowId(), Integer.parseInt(v)))
                .getter("AutoChannelEnable", i -> wifi.autoChannel(i.rowId()))
                .setter("AutoChannelEnable", (i, v) -> wifi.setAutoChannel(i.rowId(), Boolean.parseBoolean(v)))
                .build());

        // The same SSID table as the TR-181 guide's (docs/datamodel.md), which also takes Add and Delete.
        b.bind("Device.WiFi.SSID.{i}.", GatewayDataModel.ssids(wifi));

        b.bind("Device.Hosts.Host.{i}.", ObjectBinding.builder()
                .rows(parent -> lan.macs())
                .group(i -> lan.host(i.rowId()), "PhysAddress", "IPAddress", "AddressSource", "HostName", "Active",
                        "ActiveLastChange")
                // The gateway reports changes of these itself (DataModel.valueChanged), so they are not polled.
                .notifying("IPAddress", "Active", "ActiveLastChange")
                .build());

        b.bind("Device.Ethernet.Interface.{i}.", ObjectBinding.builder()
                .rows(parent -> ethernet.ports())
                .getter("Name", ObjectInstance::rowId)
                .getter("MACAddress", i -> ethernet.mac(i.rowId()))
                .getter("Upstream", i -> i.rowId().equals("eth0"))
                .getter("Enable", i -> ethernet.enabled(i.rowId()))
                .setter("Enable", (i, v) -> ethernet.setEnabled(i.rowId(), Boolean.parseBoolean(v)))
                .getter("Status", i -> ethernet.enabled(i.rowId()) ? "Up" : "Down")
                .build());
        // A sub-object of a firmware row reaches its row through parent().
        b.bind("Device.Ethernet.Interface.{i}.Stats.", ObjectBinding.builder()
                .group(i -> ethernet.stats(i.parent().rowId()),
                        "BytesSent", "BytesReceived", "PacketsSent", "PacketsReceived", "ErrorsSent", "ErrorsReceived")
                .build());

        b.bind("Device.IP.Diagnostics.", ObjectBinding.builder()
                .command("IPPing()", call -> ping(call.input(), device))
                .build());
    }

    /**
     * Starts the pings and returns at once; the result comes later, from the device's thread, the way firmware
     * completes when its ping tool exits. The agent sends it to the Controller as OperationComplete.
     */
    private static CompletableFuture<Map<String, ?>> ping(Map<String, String> input, ScheduledExecutorService device) {
        String host = input.get("Host");
        int repetitions = Integer.parseInt(input.getOrDefault("NumberOfRepetitions", "3"));
        CompletableFuture<Map<String, ?>> done = new CompletableFuture<>();
        ScheduledFuture<?> pinging = device.schedule(() -> done.complete(pingResult(host, repetitions)),
                PING_TIME.toMillis() * Math.min(repetitions, 10), TimeUnit.MILLISECONDS);
        // A Controller may cancel the command (Device.LocalAgent.Request.{i}.Cancel()): stop pinging then.
        done.whenComplete((result, failure) -> pinging.cancel(false));
        return done;
    }

    /** What a ping tool would report: names under {@code .invalid} do not resolve, others answer in a few ms. */
    private static Map<String, Object> pingResult(String host, int repetitions) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (host.endsWith(".invalid")) {
            out.put("Status", "Error_CannotResolveHostName");
            out.put("SuccessCount", 0);
            out.put("FailureCount", repetitions);
            return out;
        }
        Random random = new Random();
        long min = Long.MAX_VALUE;
        long max = 0;
        long sum = 0;
        for (int n = 0; n < repetitions; n++) {
            long micros = 2_000 + random.nextInt(18_000);
            min = Math.min(min, micros);
            max = Math.max(max, micros);
            sum += micros;
        }
        long average = sum / repetitions;
        out.put("Status", "Complete");
        out.put("IPAddressUsed", "192.168.1.1");
        out.put("SuccessCount", repetitions);
        out.put("FailureCount", 0);
        out.put("AverageResponseTime", average / 1000);
        out.put("MinimumResponseTime", min / 1000);
        out.put("MaximumResponseTime", max / 1000);
        out.put("AverageResponseTimeDetailed", average);
        out.put("MinimumResponseTimeDetailed", min);
        out.put("MaximumResponseTimeDetailed", max);
        return out;
    }
}
