package io.usp4j.controller.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.usp4j.agent.UspAgent;
import io.usp4j.controller.TestGateway;
import io.usp4j.mtp.mqtt.MqttSettings;
import io.usp4j.mtp.mqtt.MqttTransport;
import io.usp4j.mtp.mqtt.testing.ArtemisBroker;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * The {@code usp} CLI run in-process ({@link UspCli#run}) against a real agent over MQTT through an embedded
 * Artemis broker: what it prints, as a table and as JSON, and its exit codes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(60)
class UspCliTest {
    static final String AGENT_TOPIC = "usp/agent/cli-test";

    Path dir;
    ArtemisBroker broker;
    UspAgent agent;

    @BeforeAll
    void start() throws Exception {
        dir = Files.createTempDirectory("usp-cli-test");
        broker = ArtemisBroker.start(dir);
        MqttTransport t = new MqttTransport(MqttSettings.builder(TestGateway.AGENT_ID, "127.0.0.1", broker.port())
                .responseTopic(AGENT_TOPIC).connectRetry(Duration.ofMillis(300), 2000, Duration.ofSeconds(1)).build());
        agent = TestGateway.configure(UspAgent.builder().endpointId(TestGateway.AGENT_ID).transport(t)).build();
        agent.start();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!t.isConnected()) {
            assertThat(System.nanoTime()).as("agent connected").isLessThan(end);
            Thread.sleep(20);
        }
    }

    @AfterAll
    void stop() throws IOException {
        agent.close();
        broker.close();
    }

    /** What one run printed and returned. */
    record Run(int code, String out, String err) {
        List<String> lines() {
            return out.isEmpty() ? List.of() : Arrays.asList(out.split("\\R"));
        }
    }

    /** The connection options for the test agent, then the words given. */
    String[] withConnection(String... words) {
        List<String> a = new ArrayList<>(List.of("--mqtt", "tcp://127.0.0.1:" + broker.port(), "--agent", TestGateway.AGENT_ID,
                "--agent-topic", AGENT_TOPIC, "--id", TestGateway.CONTROLLER_ID, "--timeout", "10s"));
        a.addAll(List.of(words));
        return a.toArray(String[]::new);
    }

    Run cli(String... words) {
        return raw("", withConnection(words));
    }

    static Run raw(String input, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        UspCli cli = new UspCli(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), Map.of(), false);
        int code = cli.run(args);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void getPrintsAnAlignedTable() {
        cli("set", "Device.X_TEST_Box.Name=table-test");
        Run r = cli("get", "Device.LocalAgent.EndpointID", "Device.X_TEST_Box.Name");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.lines()).containsExactly(
                "Device.LocalAgent.EndpointID  " + TestGateway.AGENT_ID,
                "Device.X_TEST_Box.Name        table-test");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void depthLimitsTheGet() {
        Run r = cli("get", "--depth", "1", "Device.LocalAgent.");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.lines()).anyMatch(l -> l.matches("Device\\.LocalAgent\\.EndpointID +" + Pattern.quote(TestGateway.AGENT_ID)))
                .noneMatch(l -> l.startsWith("Device.LocalAgent.Controller."));
        Run deep = cli("get", "Device.LocalAgent.");
        assertThat(deep.lines()).anyMatch(l -> l.startsWith("Device.LocalAgent.Controller.1.EndpointID "));
    }

    @Test
    void getAsJsonPrintsOneObjectPerParameter() {
        cli("set", "Device.X_TEST_Box.Name=say \"hi\"");
        Run r = cli("get", "--json", "Device.X_TEST_Box.", "Device.LocalAgent.EndpointID");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.lines()).containsExactly(
                "{\"path\":\"Device.X_TEST_Box.Name\",\"value\":\"say \\\"hi\\\"\"}",
                "{\"path\":\"Device.LocalAgent.EndpointID\",\"value\":\"" + TestGateway.AGENT_ID + "\"}");
    }

    @Test
    void anUnknownPathIsAUspErrorWithExitCode1() {
        Run r = cli("get", "Device.X_TEST_Nothing.");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).startsWith("usp: error 7026 (Invalid path)").contains("[Device.X_TEST_Nothing.]");

        Run json = cli("--json", "get", "Device.X_TEST_Nothing.");
        assertThat(json.code()).isEqualTo(1);
        assertThat(json.out()).startsWith("{\"path\":\"Device.X_TEST_Nothing.\",\"err_code\":7026,\"err_msg\":");
    }

    @Test
    void aRefusedSetExitsWith1AndNamesTheParameter() {
        Run r = cli("set", "Device.X_TEST_Box.NoSuch=1");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("error 7010").contains("[Device.X_TEST_Box.NoSuch]");
    }

    @Test
    void setAddInstancesOperateAndDelete() {
        Run set = cli("set", "Device.X_TEST_Box.Name=lounge");
        assertThat(set.code()).as(set.err()).isZero();
        assertThat(set.lines()).containsExactly("Device.X_TEST_Box.Name  lounge");

        Run add = cli("add", "Device.X_TEST_Box.Item.", "Label=lamp");
        assertThat(add.code()).as(add.err()).isZero();
        Matcher m = Pattern.compile("^(Device\\.X_TEST_Box\\.Item\\.\\d+\\.)  created$", Pattern.MULTILINE).matcher(add.out());
        assertThat(m.find()).as(add.out()).isTrue();
        String item = m.group(1);

        Run inst = cli("instances", "--json", "Device.X_TEST_Box.Item.");
        assertThat(inst.code()).isZero();
        assertThat(inst.lines()).contains("{\"path\":\"" + item + "\",\"unique_keys\":{}}");
        Run label = cli("get", item + "Label");
        assertThat(label.lines()).containsExactly(item + "Label  lamp");

        Run op = cli("operate", "Device.X_TEST_Box.Echo()", "Text=ping");
        assertThat(op.code()).as(op.err()).isZero();
        assertThat(op.lines()).containsExactly("Device.X_TEST_Box.Echo()  Text  ping");
        Run opJson = cli("operate", "--json", "Device.X_TEST_Box.Echo()", "Text=pong");
        assertThat(opJson.lines()).containsExactly(
                "{\"command\":\"Device.X_TEST_Box.Echo()\",\"output_args\":{\"Text\":\"pong\"}}");

        Run del = cli("delete", item);
        assertThat(del.code()).as(del.err()).isZero();
        assertThat(del.lines()).containsExactly(item + "  deleted");
        assertThat(cli("instances", "Device.X_TEST_Box.Item.").out()).doesNotContain(item);
    }

    @Test
    void supportedDmAndProtocol() {
        Run dm = cli("supported-dm", "Device.X_TEST_Box.");
        assertThat(dm.code()).as(dm.err()).isZero();
        assertThat(dm.lines()).containsExactly(
                "Device.X_TEST_Box.                object   READ_ONLY",
                "Device.X_TEST_Box.Name            param    READ_WRITE STRING",
                "Device.X_TEST_Box.Echo()          command  SYNC in(Text) out(Text)",
                "Device.X_TEST_Box.Item.{i}.       object   ADD_DELETE multi-instance",
                "Device.X_TEST_Box.Item.{i}.Label  param    READ_WRITE STRING");
        Run proto = cli("protocol");
        assertThat(proto.code()).isZero();
        assertThat(proto.lines()).hasSize(1);
        assertThat(proto.lines().get(0)).startsWith("AgentSupportedProtocolVersions  ").contains("1.4");
        Run json = cli("protocol", "--json", "1.4");
        assertThat(json.out()).contains("\"agent_supported_protocol_versions\":[").contains("\"1.4\"");
    }

    @Test
    void subscribePrintsNotificationsUntilTheCountAndDeletesTheRow() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        UspCli cli = new UspCli(new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of(), false);
        CompletableFuture<Integer> running = CompletableFuture.supplyAsync(
                () -> cli.run(withConnection("subscribe", "--json", "ValueChange", "Device.X_TEST_Box.Name", "--count", "2")));
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!err.toString(StandardCharsets.UTF_8).contains("subscribed")) {
            assertThat(running).as(err.toString(StandardCharsets.UTF_8)).isNotDone();
            assertThat(System.nanoTime()).isLessThan(end);
            Thread.sleep(20);
        }
        assertThat(cli("set", "Device.X_TEST_Box.Name=first").code()).isZero();
        assertThat(cli("set", "Device.X_TEST_Box.Name=second").code()).isZero();
        assertThat(running.get(20, TimeUnit.SECONDS)).as(err.toString(StandardCharsets.UTF_8)).isZero();
        List<String> lines = Arrays.asList(out.toString(StandardCharsets.UTF_8).split("\\R"));
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).matches("\\{\"subscription_id\":\"[^\"]+\",\"type\":\"ValueChange\","
                + "\"path\":\"Device.X_TEST_Box.Name\",\"value\":\"first\"}");
        assertThat(lines.get(1)).endsWith("\"value\":\"second\"}");
        // The subscription row is gone again.
        assertThat(cli("instances", "Device.LocalAgent.Subscription.").out()).isEmpty();
    }

    @Test
    void aStoppedSubscribeDeletesItsRow() throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        UspCli cli = new UspCli(new ByteArrayInputStream(new byte[0]), new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of(), false);
        CompletableFuture<Integer> running = CompletableFuture.supplyAsync(
                () -> cli.run(withConnection("subscribe", "ObjectCreation", "Device.X_TEST_Box.Item.")));
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!err.toString(StandardCharsets.UTF_8).contains("subscribed")) {
            assertThat(System.nanoTime()).isLessThan(end);
            Thread.sleep(20);
        }
        assertThat(cli("instances", "Device.LocalAgent.Subscription.").lines()).hasSize(1);
        cli.stop();
        assertThat(running.get(20, TimeUnit.SECONDS)).isZero();
        assertThat(cli("instances", "Device.LocalAgent.Subscription.").out()).isEmpty();
    }

    @Test
    void theShellRunsLinesWithHistory() {
        Run r = raw(String.join("\n", "get Device.LocalAgent.EndpointID", "!!", "history", "frobnicate", "get", "exit",
                "get Device.LocalAgent.EndpointID") + "\n", withConnection("shell"));
        assertThat(r.code()).isZero();
        assertThat(r.lines()).containsExactly(
                "Device.LocalAgent.EndpointID  " + TestGateway.AGENT_ID,
                "Device.LocalAgent.EndpointID  " + TestGateway.AGENT_ID,
                "   1  get Device.LocalAgent.EndpointID",
                "   2  get Device.LocalAgent.EndpointID",
                "   3  history");
        assertThat(r.err()).contains("usp: unknown command 'frobnicate'").contains("usp: usage: usp get PATH...");
    }

    @Test
    void aShellSubscriptionPrintsAsNotificationsArriveAndIsDeletedOnExit() throws Exception {
        java.io.PipedOutputStream typing = new java.io.PipedOutputStream();
        java.io.PipedInputStream in = new java.io.PipedInputStream(typing);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        UspCli cli = new UspCli(in, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of(), false);
        CompletableFuture<Integer> running = CompletableFuture.supplyAsync(() -> cli.run(withConnection("shell")));
        typing.write("subscribe ValueChange Device.X_TEST_Box.Name\nset Device.X_TEST_Box.Name=from-shell\n"
                .getBytes(StandardCharsets.UTF_8));
        typing.flush();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!out.toString(StandardCharsets.UTF_8).contains("ValueChange  Device.X_TEST_Box.Name  from-shell")) {
            assertThat(System.nanoTime()).as(out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8))
                    .isLessThan(end);
            Thread.sleep(20);
        }
        assertThat(cli("instances", "Device.LocalAgent.Subscription.").lines()).hasSize(1);
        typing.write("exit\n".getBytes(StandardCharsets.UTF_8));
        typing.flush();
        assertThat(running.get(20, TimeUnit.SECONDS)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("Device.X_TEST_Box.Name  from-shell");
        assertThat(cli("instances", "Device.LocalAgent.Subscription.").out()).isEmpty();
        typing.close();
    }

    @Test
    void badUsageExitsWith2AndOneLine() {
        assertUsage(raw("", "get", "Device."), "no transport: give --mqtt");
        assertUsage(raw("", "--mqtt", "tcp://127.0.0.1:1", "--agent-topic", "t", "get", "Device."), "--agent ENDPOINT_ID is needed");
        assertUsage(raw("", "--agent", "proto::x", "get", "Device."), "no transport");
        assertUsage(raw("", "--ws", "ftp://127.0.0.1:1/usp", "--agent", "proto::x", "get", "Device."), "expected ws://");
        assertUsage(raw("", "frobnicate"), "unknown command 'frobnicate'");
        assertUsage(raw(""), "no command given");
        assertUsage(raw("", "--timeout", "soon", "get"), "--timeout must be a positive duration");
        assertUsage(raw("", "--bogus", "get"), "unknown option --bogus");
        assertUsage(cli("get"), "usage: usp get PATH...");
        assertUsage(cli("set", "Device.X_TEST_Box.Name"), "expected PATH=VALUE");
        assertUsage(cli("subscribe", "Sometimes", "Device."), "not a NotifType");
        Run help = raw("", "--help");
        assertThat(help.code()).isZero();
        assertThat(help.out()).startsWith("usage: usp");
    }

    void assertUsage(Run r, String reason) {
        assertThat(r.code()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).startsWith("usp: ").contains(reason);
        assertThat(r.err().strip().lines().count()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
    }

    @Test
    void anUnreachableBrokerIsAFailureWithExitCode1() throws Exception {
        int closed;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        Run r = raw("", "--mqtt", "tcp://127.0.0.1:" + closed, "--agent", TestGateway.AGENT_ID, "--agent-topic", AGENT_TOPIC,
                "--timeout", "1s", "get", "Device.");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).startsWith("usp: could not connect to the MQTT broker 127.0.0.1:" + closed);
    }
}
