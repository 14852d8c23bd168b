package io.usp4j.examples.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.usp4j.mtp.mqtt.MqttVersion;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The gateway's command line: good flags, bad ones, and the exit code and one-line reason of a bad configuration. */
@Timeout(30)
class GatewayOptionsTest {
    @TempDir
    Path dir;

    @Test
    void readsEveryFlag() {
        GatewayOptions o = GatewayOptions.parse("--endpoint-id", "proto::gw-7", "--data-dir", "/tmp/gw", "--defaults=d.txt",
                "--mqtt", "tcp://broker.local:11883", "--mqtt-version", "3.1.1", "--agent-topic", "agents/gw-7",
                "--controller", "proto::ctl", "--controller-topic", "controllers/ctl", "--controller-url", "ws://ctl:8080/usp",
                "--ws-port", "9090");
        assertThat(o.endpointId()).isEqualTo("proto::gw-7");
        assertThat(o.dataDir()).isEqualTo(Path.of("/tmp/gw"));
        assertThat(o.defaults()).isEqualTo(Path.of("d.txt"));
        assertThat(o.mqttHost()).isEqualTo("broker.local");
        assertThat(o.mqttPort()).isEqualTo(11883);
        assertThat(o.mqttVersion()).isEqualTo(MqttVersion.V3_1_1);
        assertThat(o.agentTopic()).isEqualTo("agents/gw-7");
        assertThat(o.controller()).isEqualTo("proto::ctl");
        assertThat(o.controllerTopic()).isEqualTo("controllers/ctl");
        assertThat(o.controllerUrl()).hasToString("ws://ctl:8080/usp");
        assertThat(o.wsPort()).isEqualTo(9090);
        assertThat(o.help()).isFalse();
    }

    @Test
    void hasDefaultsForEverything() {
        GatewayOptions o = GatewayOptions.parse();
        assertThat(o.endpointId()).isEqualTo(GatewayOptions.DEFAULT_ENDPOINT_ID);
        assertThat(o.dataDir()).isEqualTo(GatewayOptions.DEFAULT_DATA_DIR);
        assertThat(o.controller()).isEqualTo(GatewayOptions.DEFAULT_CONTROLLER);
        assertThat(o.mqttHost()).isNull();
        assertThat(o.wsPort()).as("no transport at all: the WebSocket server").isEqualTo(GatewayOptions.DEFAULT_WS_PORT);

        GatewayOptions mqtt = GatewayOptions.parse("--mqtt", "tcp://127.0.0.1");
        assertThat(mqtt.mqttPort()).isEqualTo(1883);
        assertThat(mqtt.mqttVersion()).isEqualTo(MqttVersion.V5);
        assertThat(mqtt.agentTopic()).isEqualTo("usp/agent/" + GatewayOptions.DEFAULT_ENDPOINT_ID);
        assertThat(mqtt.wsPort()).isNull();
        assertThat(mqtt.cliHint(0)).isEqualTo("Gateway os::00D09E-GW0001 is running. Try: bin/usp --mqtt tcp://127.0.0.1:1883"
                + " --agent-topic usp/agent/os::00D09E-GW0001 --agent os::00D09E-GW0001 get Device.DeviceInfo.");
        assertThat(GatewayOptions.parse("--defaults", "x.txt").wsPort()).as("the defaults file may configure transports").isNull();
        assertThat(GatewayOptions.parse("--help").help()).isTrue();
    }

    @Test
    void refusesBadFlagsWithOneLineReasons() {
        assertBad("unknown option --nope (try --help)", "--nope", "x");
        assertBad("--data-dir needs a value", "--data-dir");
        assertBad("--mqtt must look like tcp://HOST:PORT: http://b:1", "--mqtt", "http://b:1");
        assertBad("--mqtt-version must be 5 or 3.1.1: 4", "--mqtt", "tcp://b", "--mqtt-version", "4");
        assertBad("--mqtt-version needs --mqtt", "--mqtt-version", "5");
        assertBad("--controller-topic needs --mqtt", "--controller-topic", "t");
        assertBad("--agent-topic must be a topic without wildcards: 'usp/#'", "--mqtt", "tcp://b", "--agent-topic", "usp/#");
        assertBad("--ws-port must be a port number 0-65535: 70000", "--ws-port", "70000");
        assertBad("--ws-port must be a port number 0-65535: http", "--ws-port", "http");
        assertBad("--controller-url must look like ws://HOST:PORT/PATH: tcp://c:1", "--controller-url", "tcp://c:1");
        assertThatThrownBy(() -> GatewayOptions.parse("--endpoint-id", "no-authority"))
                .isInstanceOf(BadConfigurationException.class).hasMessageStartingWith("--endpoint-id is not a valid Endpoint ID: ");
    }

    private static void assertBad(String reason, String... args) {
        assertThatThrownBy(() -> GatewayOptions.parse(args)).isInstanceOf(BadConfigurationException.class).hasMessage(reason);
    }

    /** Runs the program's entry point and returns its exit code, its stdout and its stderr. */
    private static String[] run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = GatewayAgent.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new String[] {Integer.toString(code), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8)};
    }

    @Test
    void aBadConfigurationEndsTheProgramWithAReasonOnOneLine() throws IOException {
        Path data = dir.resolve("data");
        String[] r = run("--mqtt", "ftp://x");
        assertThat(r[0]).isEqualTo("2");
        assertThat(r[2]).isEqualTo("gateway: --mqtt must look like tcp://HOST:PORT: ftp://x" + System.lineSeparator());

        r = run("--data-dir", data.toString(), "--defaults", dir.resolve("missing.txt").toString());
        assertThat(r[0]).isEqualTo("2");
        assertThat(r[2]).contains("missing.txt does not exist").hasLineCount(1);
        assertThat(data).as("nothing is created for a bad configuration").doesNotExist();

        Path bad = Files.writeString(dir.resolve("bad.txt"), "# fine\n\nDevice.DeviceInfo.ProvisioningCode unquoted\n");
        r = run("--data-dir", data.toString(), "--defaults", bad.toString());
        assertThat(r[0]).isEqualTo("2");
        assertThat(r[2]).startsWith("gateway: " + bad + ":3: ").contains("double quotes").hasLineCount(1);

        // A file that parses but names something the data model does not have fails when applied.
        Path unknown = Files.writeString(dir.resolve("unknown.txt"), "Device.DeviceInfo.NoSuchThing \"x\"\n");
        r = run("--data-dir", data.toString(), "--defaults", unknown.toString(), "--ws-port", "0");
        assertThat(r[0]).isEqualTo("2");
        assertThat(r[2]).hasLineCount(1);

        int port;
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = taken.getLocalPort();
            r = run("--data-dir", data.toString(), "--ws-port", String.valueOf(port));
        }
        assertThat(r[0]).isEqualTo("2");
        assertThat(r[2]).startsWith("gateway: ").contains(":" + port).hasLineCount(1);
        assertThat(r[1]).isEmpty();
    }

    @Test
    void helpPrintsTheOptions() {
        String[] r = run("--help");
        assertThat(r[0]).isEqualTo("0");
        assertThat(r[1]).contains("--endpoint-id", "--data-dir", "--defaults", "--mqtt ", "--mqtt-version", "--agent-topic",
                "--controller ", "--controller-topic", "--controller-url", "--ws-port");
    }
}
