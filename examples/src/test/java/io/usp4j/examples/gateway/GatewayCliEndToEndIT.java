package io.usp4j.examples.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What README promises a newcomer, through real processes: the packaged {@code gateway.jar} started as its own
 * JVM with the embedded default (its WebSocket server), and the {@code bin/usp} launcher run against the line it
 * prints: reading {@code Device.DeviceInfo.}, JSON output, and a ValueChange notification in the interactive
 * shell. Runs after the package phase (failsafe), when {@code examples/target/gateway.jar} and
 * {@code usp-controller/target/usp.jar} exist.
 */
@Timeout(180)
class GatewayCliEndToEndIT {
    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    private static final Path GATEWAY_JAR = Path.of("target", "gateway.jar").toAbsolutePath();
    private static final Path USP = ROOT.resolve("bin").resolve("usp");
    private static final Pattern HINT = Pattern.compile("Try: bin/usp (--ws ws://127\\.0\\.0\\.1:\\d+/usp) --agent (\\S+) ");

    @TempDir
    Path dir;

    private Process gateway;
    private final BlockingQueue<String> gatewayOut = new LinkedBlockingQueue<>();
    private String ws;
    private String agent;

    @BeforeEach
    void startTheGateway() throws Exception {
        boolean ci = "true".equals(System.getenv("CI"));
        boolean built = Files.isRegularFile(GATEWAY_JAR) && Files.isRegularFile(ROOT.resolve("usp-controller/target/usp.jar"));
        if (ci) {
            assertThat(built).as("gateway.jar and usp.jar are built before the integration tests").isTrue();
        }
        assumeTrue(built, "gateway.jar or usp.jar not built (run mvn verify from the root)");
        gateway = new ProcessBuilder(java(), "-jar", GATEWAY_JAR.toString(), "--ws-port", "0",
                "--data-dir", dir.resolve("data").toString())
                .redirectError(dir.resolve("gateway.log").toFile())
                .start();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(gateway.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    gatewayOut.add(line);
                }
            } catch (IOException e) {
                gatewayOut.add("(gateway output ended: " + e + ")");
            }
        }, "gateway-stdout");
        reader.setDaemon(true);
        reader.start();
        String first = gatewayOut.poll(60, TimeUnit.SECONDS);
        assertThat(first).as("the gateway's first line; its log is in " + dir.resolve("gateway.log")).isNotNull();
        Matcher m = HINT.matcher(first);
        assertThat(m.find()).as(first).isTrue();
        ws = m.group(1).substring("--ws ".length());
        agent = m.group(2);
    }

    @AfterEach
    void stopTheGateway() throws Exception {
        if (gateway != null) {
            gateway.destroy(); // SIGTERM: the shutdown hook closes the agent and the store
            assertThat(gateway.waitFor(30, TimeUnit.SECONDS)).as("the gateway stops on SIGTERM").isTrue();
        }
    }

    @Test
    void theCliReadsDeviceInfoAsATableAndAsJson() throws Exception {
        Run table = usp("", "get", "Device.DeviceInfo.");
        assertThat(table.code).as(table.err).isZero();
        assertThat(table.out).containsPattern("(?m)^Device\\.DeviceInfo\\.Manufacturer +\\S")
                .containsPattern("(?m)^Device\\.DeviceInfo\\.SerialNumber +\\S");

        Run json = usp("", "--json", "get", "Device.WiFi.SSID.1.SSID");
        assertThat(json.code).as(json.err).isZero();
        assertThat(json.out.strip()).startsWith("{").contains("\"Device.WiFi.SSID.1.SSID\"");

        Run missing = usp("", "get", "Device.NoSuchObject.");
        assertThat(missing.code).isEqualTo(1);
        assertThat(missing.err).contains("7026");
    }

    @Test
    void aValueChangeNotificationArrivesInTheShell() throws Exception {
        Process shell = start("shell");
        StringBuilder seen = new StringBuilder();
        Thread reader = collect(shell, seen);
        try (OutputStream typing = shell.getOutputStream()) {
            typing.write(("subscribe ValueChange Device.WiFi.SSID.1.SSID\n"
                    + "set Device.WiFi.SSID.1.SSID=end-to-end\n").getBytes(StandardCharsets.UTF_8));
            typing.flush();
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!text(seen).contains("ValueChange  Device.WiFi.SSID.1.SSID  end-to-end")) {
                assertThat(System.nanoTime()).as("the notification in the shell's output:\n" + text(seen)).isLessThan(end);
                Thread.sleep(50);
            }
            typing.write("exit\n".getBytes(StandardCharsets.UTF_8));
        }
        assertThat(shell.waitFor(60, TimeUnit.SECONDS)).isTrue();
        reader.join(5000);
        assertThat(shell.exitValue()).as(text(seen)).isZero();

        Run after = usp("", "get", "Device.WiFi.SSID.1.SSID");
        assertThat(after.out).containsPattern("(?m)^Device\\.WiFi\\.SSID\\.1\\.SSID +end-to-end$");
    }

    private record Run(int code, String out, String err) {}

    private Run usp(String input, String... args) throws Exception {
        Process p = start(args);
        StringBuilder out = new StringBuilder();
        Thread reader = collect(p, out);
        try (OutputStream in = p.getOutputStream()) {
            in.write(input.getBytes(StandardCharsets.UTF_8));
        }
        assertThat(p.waitFor(90, TimeUnit.SECONDS)).as("usp " + String.join(" ", args) + " ends").isTrue();
        reader.join(5000);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Run(p.exitValue(), text(out), err);
    }

    private Process start(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(USP.toString(), "--ws", ws, "--agent", agent, "--timeout", "30s"));
        command.addAll(List.of(args));
        ProcessBuilder b = new ProcessBuilder(command);
        b.environment().put("JAVA_HOME", System.getProperty("java.home"));
        return b.start();
    }

    private static Thread collect(Process p, StringBuilder into) {
        Thread t = new Thread(() -> {
            try {
                byte[] chunk = new byte[4096];
                for (int n = p.getInputStream().read(chunk); n >= 0; n = p.getInputStream().read(chunk)) {
                    synchronized (into) {
                        into.append(new String(chunk, 0, n, StandardCharsets.UTF_8));
                    }
                }
            } catch (IOException e) {
                synchronized (into) {
                    into.append("(output ended: ").append(e).append(')');
                }
            }
        }, "usp-stdout");
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static String text(StringBuilder b) {
        synchronized (b) {
            return b.toString();
        }
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
