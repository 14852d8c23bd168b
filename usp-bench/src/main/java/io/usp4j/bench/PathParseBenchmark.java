package io.usp4j.bench;

import io.usp4j.core.path.PathName;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** Parsing and writing back ten paths of the kinds a Controller sends. Target: a typical path well under 1 µs. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class PathParseBenchmark {

    @Param({
        "Device.DeviceInfo.SoftwareVersion",
        "Device.WiFi.SSID.1.SSID",
        "Device.LocalAgent.",
        "Device.WiFi.AccessPoint.*.AssociatedDevice.*.MACAddress",
        "Device.IP.Interface.[Name==\"eth0\"].IPv4Address.",
        "Device.NAT.PortMapping.[Enable==true&&ExternalPort>1024].InternalClient",
        "Device.IP.Diagnostics.IPPing()",
        "Device.Boot!",
        "Device.NAT.PortMapping.1.Interface+.Name",
        "Device.WiFi.AccessPoint.2.Security.RadiusServerIPAddr",
    })
    public String path;

    private PathName parsed;

    @Setup
    public void setUp() {
        parsed = PathName.parse(path);
    }

    @Benchmark
    public PathName parse() {
        return PathName.parse(path);
    }

    @Benchmark
    public String format() {
        return parsed.toString();
    }
}
