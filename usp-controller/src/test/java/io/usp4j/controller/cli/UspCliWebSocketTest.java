package io.usp4j.controller.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.usp4j.agent.UspAgent;
import io.usp4j.controller.TestGateway;
import io.usp4j.core.testing.TestPki;
import io.usp4j.core.transport.TlsSettings;
import io.usp4j.mtp.websocket.WebSocketServerSettings;
import io.usp4j.mtp.websocket.WebSocketServerTransport;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * The {@code usp} CLI over WebSocket ({@code --ws}), run in-process against real agents listening on
 * 127.0.0.1: one with a plain {@code ws} server, one with a {@code wss} server whose certificate a throw-away
 * CA issued. The CLI uses its default Endpoint ID ({@code proto::usp-cli}), for which both agents have a
 * Controller row, so that subscriptions have a Recipient.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(60)
class UspCliWebSocketTest {
    Path dir;
    TestPki pki;
    UspAgent agent;
    WebSocketServerTransport server;
    UspAgent tlsAgent;
    WebSocketServerTransport tlsServer;

    @BeforeAll
    void start() throws IOException {
        dir = Files.createTempDirectory("usp-cli-ws-test");
        pki = TestPki.create(dir.resolve("pki"));
        server = new WebSocketServerTransport(WebSocketServerSettings.builder(TestGateway.AGENT_ID, "127.0.0.1", 0)
                .path("/usp").encryption(false).build());
        agent = TestGateway.configure(UspAgent.builder().endpointId(TestGateway.AGENT_ID).transport(server),
                Connection.DEFAULT_ID).build();
        agent.start();
        tlsServer = new WebSocketServerTransport(WebSocketServerSettings.builder(TestGateway.AGENT_ID, "127.0.0.1", 0)
                .path("/usp").encryption(true).tls(pki.serverTls(TlsSettings.ClientAuthentication.NONE)).build());
        tlsAgent = TestGateway.configure(UspAgent.builder().endpointId(TestGateway.AGENT_ID).transport(tlsServer),
                Connection.DEFAULT_ID).build();
        tlsAgent.start();
    }

    @AfterAll
    void stop() {
        agent.close();
        tlsAgent.close();
    }

    /** What one run printed and returned. */
    record Run(int code, String out, String err) {
        List<String> lines() {
            return out.isEmpty() ? List.of() : Arrays.asList(out.split("\\R"));
        }
    }

    String url() {
        return "ws://127.0.0.1:" + server.port() + "/usp";
    }

    String[] withConnection(String... words) {
        List<String> a = new ArrayList<>(List.of("--ws", url(), "--agent", TestGateway.AGENT_ID, "--timeout", "10s"));
        a.addAll(List.of(words));
        return a.toArray(String[]::new);
    }

    Run cli(String... words) {
        return raw(Map.of(), withConnection(words));
    }

    static Run raw(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        UspCli cli = new UspCli(new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), env, false);
        int code = cli.run(args);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static void await(BooleanSupplier condition, Object what) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waiting: %s", what).isLessThan(end);
            Thread.sleep(20);
        }
    }

    static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void getPrintsATableAndJson() {
        assertThat(cli("set", "Device.X_TEST_Box.Name=over ws").code()).isZero();
        Run r = cli("get", "Device.LocalAgent.EndpointID", "Device.X_TEST_Box.Name");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.lines()).containsExactly(
                "Device.LocalAgent.EndpointID  " + TestGateway.AGENT_ID,
                "Device.X_TEST_Box.Name        over ws");
        assertThat(r.err()).isEmpty();

        Run json = cli("get", "--json", "Device.X_TEST_Box.", "Device.LocalAgent.EndpointID");
        assertThat(json.code()).as(json.err()).isZero();
        assertThat(json.lines()).containsExactly(
                "{\"path\":\"Device.X_TEST_Box.Name\",\"value\":\"over ws\"}",
                "{\"path\":\"Device.LocalAgent.EndpointID\",\"value\":\"" + TestGateway.AGENT_ID + "\"}");
    }

    @Test
    void setPrintsTheValuesSetAndTheAgentKeepsThem() {
        Run set = cli("set", "Device.X_TEST_Box.Name=kitchen");
        assertThat(set.code()).as(set.err()).isZero();
        assertThat(set.lines()).containsExactly("Device.X_TEST_Box.Name  kitchen");
        assertThat(cli("get", "Device.X_TEST_Box.Name").lines()).containsExactly("Device.X_TEST_Box.Name  kitchen");
    }

    @Test
    void aUspErrorExitsWith1AndItsCode() {
        Run r = cli("get", "Device.X_TEST_Nothing.");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).startsWith("usp: error 7026 (Invalid path)").contains("[Device.X_TEST_Nothing.]");

        Run set = cli("set", "Device.X_TEST_Box.NoSuch=1");
        assertThat(set.code()).isEqualTo(1);
        assertThat(set.err()).contains("error 7010").contains("[Device.X_TEST_Box.NoSuch]");
    }

    @Test
    void subscribeReceivesANotificationOnTheSameSession() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        UspCli cli = new UspCli(new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of(), false);
        CompletableFuture<Integer> running = CompletableFuture.supplyAsync(
                () -> cli.run(withConnection("subscribe", "--json", "ValueChange", "Device.X_TEST_Box.Name", "--count", "1")));
        await(() -> err.toString(StandardCharsets.UTF_8).contains("subscribed") || running.isDone(), "subscribed");
        assertThat(running).as(err.toString(StandardCharsets.UTF_8)).isNotDone();
        // Set by another CLI run beside it, under another Endpoint ID: the agent keeps one session per peer (R-WS.4),
        // so a second run as proto::usp-cli would replace the subscriber's session.
        assertThat(cli("--id", TestGateway.CONTROLLER_ID, "set", "Device.X_TEST_Box.Name=notified").code()).isZero();
        assertThat(running.get(20, TimeUnit.SECONDS)).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8).split("\\R")).singleElement().asString()
                .matches("\\{\"subscription_id\":\"[^\"]+\",\"type\":\"ValueChange\","
                        + "\"path\":\"Device.X_TEST_Box.Name\",\"value\":\"notified\"}");
        assertThat(cli("instances", "Device.LocalAgent.Subscription.").out()).as("the row is deleted again").isEmpty();
    }

    @Test
    void aShellSubscriptionPrintsAsNotificationsArrive() throws Exception {
        PipedOutputStream typing = new PipedOutputStream();
        PipedInputStream in = new PipedInputStream(typing);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        UspCli cli = new UspCli(in, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of(), false);
        CompletableFuture<Integer> running = CompletableFuture.supplyAsync(() -> cli.run(withConnection("shell")));
        typing.write("subscribe ValueChange Device.X_TEST_Box.Name\nset Device.X_TEST_Box.Name=from-ws-shell\n"
                .getBytes(StandardCharsets.UTF_8));
        typing.flush();
        await(() -> out.toString(StandardCharsets.UTF_8).contains("ValueChange  Device.X_TEST_Box.Name  from-ws-shell"),
                out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8));
        typing.write("exit\n".getBytes(StandardCharsets.UTF_8));
        typing.flush();
        assertThat(running.get(20, TimeUnit.SECONDS)).isZero();
        assertThat(cli("instances", "Device.LocalAgent.Subscription.").out()).isEmpty();
        typing.close();
    }

    @Test
    void aRefusedConnectionExitsWith1AtOnceWithOneLine() throws Exception {
        int closed = closedPort();
        long start = System.nanoTime();
        Run r = raw(Map.of(), "--ws", "ws://127.0.0.1:" + closed + "/usp", "--agent", TestGateway.AGENT_ID, "--timeout", "8s",
                "get", "Device.");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).startsWith("usp: could not connect to the WebSocket server ws://127.0.0.1:" + closed + "/usp: ")
                .containsIgnoringCase("refused");
        assertThat(r.err().strip().lines().count()).isEqualTo(1);
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).as("not waiting out the timeout").isLessThan(6000);
    }

    @Test
    void aWrongPathIsRefusedByTheServer() {
        Run r = raw(Map.of(), "--ws", "ws://127.0.0.1:" + server.port() + "/nothing-here", "--agent", TestGateway.AGENT_ID,
                "get", "Device.");
        assertThat(r.code()).as(r.err()).isEqualTo(1);
        assertThat(r.err()).startsWith("usp: could not connect to the WebSocket server ws://127.0.0.1:" + server.port()
                + "/nothing-here");
        assertThat(r.err().strip().lines().count()).isEqualTo(1);
    }

    @Test
    void wssWithTheCaWorksAndWithoutItTheCertificateIsRefused() {
        String wss = "wss://127.0.0.1:" + tlsServer.port() + "/usp";
        Run ok = raw(Map.of(), "--ws", wss, "--ca", pki.caPem().toString(), "--agent", TestGateway.AGENT_ID,
                "get", "Device.LocalAgent.EndpointID");
        assertThat(ok.code()).as(ok.err()).isZero();
        assertThat(ok.lines()).containsExactly("Device.LocalAgent.EndpointID  " + TestGateway.AGENT_ID);

        // The JDK's default trust store does not know the test CA.
        Run refused = raw(Map.of(), "--ws", wss, "--agent", TestGateway.AGENT_ID, "get", "Device.LocalAgent.EndpointID");
        assertThat(refused.code()).isEqualTo(1);
        assertThat(refused.err()).startsWith("usp: could not connect to the WebSocket server " + wss);
        assertThat(refused.err().strip().lines().count()).isEqualTo(1);
    }

    @Test
    void theEnvironmentGivesDefaultsAndTheCommandLineChoosesTheTransport() {
        // USP_MQTT in the environment does not clash with --ws on the command line.
        Run r = raw(Map.of("USP_MQTT", "tcp://127.0.0.1:1", "USP_AGENT", TestGateway.AGENT_ID),
                "--ws", url(), "get", "Device.LocalAgent.EndpointID");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.lines()).containsExactly("Device.LocalAgent.EndpointID  " + TestGateway.AGENT_ID);
        Run fromEnv = raw(Map.of("USP_WS", url(), "USP_AGENT", TestGateway.AGENT_ID), "get", "Device.LocalAgent.EndpointID");
        assertThat(fromEnv.code()).as(fromEnv.err()).isZero();
    }

    @Test
    void badWebSocketOptionsAreUsageErrors() throws IOException {
        assertUsage(raw(Map.of(), "--ws", "http://127.0.0.1:1/usp", "--agent", "proto::x", "get", "Device."), "expected ws://");
        assertUsage(raw(Map.of(), "--ws", "ws:///usp", "--agent", "proto::x", "get", "Device."), "no host");
        assertUsage(raw(Map.of(), "--ws", "ws://127.0.0.1:1/usp?eid=x", "--agent", "proto::x", "get", "Device."), "no query");
        assertUsage(raw(Map.of(), "--ws", "ws://127.0.0.1:1/usp", "get", "Device."), "--agent ENDPOINT_ID is needed");
        assertUsage(raw(Map.of(), "--ws", "ws://127.0.0.1:1/usp", "--mqtt", "tcp://127.0.0.1:1", "--agent", "proto::x",
                "get", "Device."), "not both");
        assertUsage(raw(Map.of(), "--ws", "ws://127.0.0.1:1/usp", "--ca", pki.caPem().toString(), "--agent", "proto::x",
                "get", "Device."), "--ca is for wss:// only");
        Path notPem = Files.writeString(dir.resolve("not.pem"), "hello");
        assertUsage(raw(Map.of(), "--ws", "wss://127.0.0.1:1/usp", "--ca", notPem.toString(), "--agent", "proto::x",
                "get", "Device."), "--ca");
        assertUsage(raw(Map.of(), "--ws", "wss://127.0.0.1:1/usp", "--ca", dir.resolve("missing.pem").toString(),
                "--agent", "proto::x", "get", "Device."), "--ca: cannot read");
    }

    void assertUsage(Run r, String reason) {
        assertThat(r.code()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).startsWith("usp: ").contains(reason);
        assertThat(r.err().strip().lines().count()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
    }
}
