package io.usp4j.mtp.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import io.usp4j.agent.UspAgent;
import io.usp4j.core.path.PathName;
import io.usp4j.core.path.resolve.ResolvedPath;
import io.usp4j.core.value.ValueType;
import io.usp4j.datamodel.binding.CommandCall;
import io.usp4j.datamodel.instance.Transaction;
import io.usp4j.datamodel.schema.Arguments;
import io.usp4j.datamodel.schema.CommandDef;
import io.usp4j.datamodel.schema.ObjectAccess;
import io.usp4j.datamodel.schema.ObjectDef;
import io.usp4j.datamodel.schema.ParameterDef;
import io.usp4j.datamodel.schema.SupportedDataModel;
import io.usp4j.datamodel.schema.Syntax;
import io.usp4j.mtp.mqtt.agent.MqttClients;
import io.usp4j.mtp.mqtt.testing.MosquittoBroker;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Interop with an independent Controller: the npm package {@code usp-js} 0.5.1 (IOPSYS), pinned in
 * {@code interop/usp-js/package.json}, run by Node as {@code interop/usp-js/controller.js} against a
 * {@link UspAgent} whose MQTT transport comes from the data model ({@link MqttClients}), through Debian's
 * mosquitto, under MQTT 3.1.1 and 5.0.
 *
 * <p>usp-js is sloppier than TR-369: under 5.0 its PUBLISHes carry no Content Type and no Response Topic,
 * under 3.1.1 its topics no {@code /reply-to=}; the agent answers on the topic of its Controller entry
 * ({@code Device.LocalAgent.Controller.1.MTP.1.MQTT.Topic}). The script runs GetSupportedProtocol, Get, Set,
 * Add, Delete, GetInstances, GetSupportedDM, a synchronous Operate and a ValueChange Subscription; the test
 * changes the subscribed parameter on the agent when the script reports the Subscription, then makes the agent
 * reconnect (a KeepAliveTime change) while usp-js stays connected, and lets the script Get once more. Every
 * step's result is checked against what the agent holds.
 *
 * <p>Needs {@code node} on the PATH and {@code npm ci} run in {@code interop/usp-js} (as {@code .ci/run}
 * does): without them the test is skipped, or fails under {@code CI=true}.
 */
@Timeout(150)
class UspJsInteropTest {
    private static final Logger LOG = LoggerFactory.getLogger(UspJsInteropTest.class);
    static final String AGENT = "proto::usp4j-interop-agent";
    static final String CONTROLLER = "proto::usp-js-controller";
    static final String ROOT = "Device.X_USP4J_Interop.";
    static final String CLIENT = "Device.MQTT.Client.1.";
    /** The whole Node run, connect to disconnect. */
    static final long SCRIPT_SECONDS = 90;

    @TempDir
    Path dir;
    MosquittoBroker broker;
    UspAgent agent;
    MqttClients clients;
    final List<CommandCall> echoes = new CopyOnWriteArrayList<>();
    Process node;
    volatile boolean reconnected;

    Path interop;
    String nodeExe;

    @BeforeEach
    void findNode() {
        interop = interopDir();
        nodeExe = onPath("node");
        requireTool(nodeExe != null, "node is not on the PATH (Node 18 or newer runs interop/usp-js)");
        requireTool(Files.isRegularFile(interop.resolve("controller.js")), "no controller.js in " + interop);
        requireTool(Files.isDirectory(interop.resolve("node_modules/usp-js")),
                "usp-js is not installed: run `npm ci --no-audit --no-fund` in " + interop);
    }

    @AfterEach
    void stopAll() {
        if (node != null && node.isAlive()) {
            node.destroyForcibly();
        }
        if (agent != null) {
            agent.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    // ------------------------------------------------------------------ the test

    @ParameterizedTest
    @EnumSource(MqttVersion.class)
    void uspJsDrivesTheAgentThroughEveryMessageType(MqttVersion version) throws Exception {
        broker = MosquittoBroker.start(dir);
        String agentTopic = "usp4j/interop/agent-" + version.name();
        String controllerTopic = "usp4j/interop/usp-js-" + version.name();
        startAgent(version, agentTopic, controllerTopic);
        awaitClientStatus("Connected");

        int rnd = ThreadLocalRandom.current().nextInt(1_000_000);
        String label = "label-" + rnd;
        String text = "hello usp-js " + rnd;
        String counter = Integer.toString(1000 + rnd);
        List<String> names = List.of("first-" + rnd, "second-" + rnd);

        Run run = runController(version, agentTopic, controllerTopic, label, names, text, counter);

        assertThat(run.exitCode).as(run.describe()).isZero();
        Map<String, Map<String, Object>> steps = run.steps();
        StringBuilder timing = new StringBuilder();
        steps.forEach((name, s) -> timing.append(' ').append(name).append('@')
                .append(((Number) s.get("ms")).longValue()).append(" ms"));
        LOG.info("usp-js over MQTT {} finished in {} ms:{}", version.label(), run.millis(), timing);
        assertThat(steps.keySet()).as(run.describe()).contains("connect", "supportedProto", "get", "set", "getLabel", "add",
                "del", "instances", "supportedDM", "operate", "subscribe", "notify", "reconnect", "getAfterReconnect",
                "disconnect");
        steps.forEach((name, s) -> assertThat(s.get("ok")).as(name + ": " + run.describe()).isEqualTo(Boolean.TRUE));

        // GetSupportedProtocol: what the agent announces.
        assertThat(strings(steps.get("supportedProto").get("versions"))).as(run.describe()).contains("1.4");

        // Get: the agent's own Endpoint ID.
        assertThat(steps.get("get").get("value")).as(run.describe()).isEqualTo(agent.endpointId());

        // Set: the value now held by the agent, and read back by usp-js.
        assertThat(value(ROOT + "Label")).isEqualTo(label);
        assertThat(steps.get("getLabel").get("value")).as(run.describe()).isEqualTo(label);
        assertThat(list(steps.get("set").get("response"))).as(run.describe()).singleElement().satisfies(r -> {
            assertThat(object(r)).containsEntry("affectedPath", ROOT);
            assertThat(object(object(r).get("updatedParams"))).isEqualTo(Map.of("Label", label));
        });

        // Add: the instances the agent made, with the names usp-js gave; Delete removed the first one.
        List<String> added = strings(steps.get("add").get("paths"));
        assertThat(added).as(run.describe()).hasSize(2).allSatisfy(p -> assertThat(p).startsWith(ROOT + "Item."));
        assertThat(steps.get("del").get("requested")).isEqualTo(added.get(0));
        assertThat(strings(flatten(steps.get("del").get("affected")))).as(run.describe()).containsExactly(added.get(0));
        List<String> rows = rows(ROOT + "Item.");
        assertThat(rows).containsExactly(added.get(1));
        assertThat(value(added.get(1) + "Name")).isEqualTo(names.get(1));

        // GetInstances: exactly the agent's rows.
        assertThat(list(steps.get("instances").get("response"))).as(run.describe()).singleElement().satisfies(r -> {
            assertThat(object(r)).containsEntry("requestedPath", ROOT + "Item.");
            assertThat(list(object(r).get("currInsts"))).extracting(i -> object(i).get("instantiatedObjPath"))
                    .isEqualTo(rows);
        });

        // GetSupportedDM: the vendor object, its table, parameters and command.
        Map<String, Map<String, Object>> objs = new LinkedHashMap<>();
        for (Object r : list(steps.get("supportedDM").get("response"))) {
            for (Object o : list(object(r).get("supportedObjs"))) {
                objs.put((String) object(o).get("supportedObjPath"), object(o));
            }
        }
        assertThat(objs.keySet()).as(run.describe()).containsExactly(ROOT, ROOT + "Item.{i}.");
        assertThat(list(objs.get(ROOT).get("supportedParams"))).extracting(p -> object(p).get("paramName"))
                .containsExactly("Label", "Counter");
        assertThat(list(objs.get(ROOT).get("supportedCommands"))).singleElement().satisfies(c -> {
            assertThat(object(c)).containsEntry("commandName", "Echo()").containsEntry("commandType", "CMD_SYNC");
            assertThat(list(object(c).get("outputArgNames"))).containsExactly("Reply", "Length");
        });
        assertThat(objs.get(ROOT + "Item.{i}.")).containsEntry("access", "OBJ_ADD_DELETE")
                .containsEntry("isMultiInstance", Boolean.TRUE);

        // Operate: the firmware ran Echo() once with usp-js's input; usp-js got its output.
        assertThat(echoes).singleElement().satisfies(c -> assertThat(c.input()).containsEntry("Text", text));
        // usp-js resolves a synchronous Operate with the OperationResult's req_output_args ({outputArgs: {...}}).
        Map<String, Object> output = object(object(steps.get("operate").get("output")).get("outputArgs"));
        assertThat(output).as(run.describe()).containsEntry("Reply", "echo: " + text)
                .containsEntry("Length", Integer.toString(text.length()));

        // Subscribe + Notify: the agent's change reached usp-js, which acknowledged it.
        Map<String, Object> notify = steps.get("notify");
        assertThat(notify.get("subscriptionId")).as(run.describe()).asString().startsWith("NOTIFY@");
        Map<String, Object> change = object(notify.get("valueChange"));
        assertThat(change).as(run.describe()).containsEntry("paramPath", ROOT + "Counter").containsEntry("paramValue", counter);
        assertThat(value(ROOT + "Counter")).isEqualTo(counter);
        // The row usp-js added (it does not delete it when it disconnects), with the Recipient the agent filled in.
        List<String> subscriptions = rows("Device.LocalAgent.Subscription.");
        assertThat(subscriptions).hasSize(1);
        String subscription = subscriptions.get(0);
        assertThat(value(subscription + "ID")).isEqualTo(notify.get("subscriptionId"));
        assertThat(value(subscription + "NotifType")).isEqualTo("ValueChange");
        assertThat(value(subscription + "ReferenceList")).isEqualTo(ROOT + "Counter");
        assertThat(value(subscription + "Recipient")).isEqualTo("Device.LocalAgent.Controller.1");
        // After the agent reconnected, usp-js is still answered.
        assertThat(reconnected).isTrue();
        assertThat(steps.get("getAfterReconnect").get("value")).as(run.describe()).isEqualTo(label);
        // usp-js reads every Record on its topic as a Message: the agent's mqtt_connect Record (R-MTP.6) after the
        // reconnect reaches it as an onError ("illegal buffer"), harmless. Reported, not asserted: a later usp-js may
        // read it.
        LOG.info("usp-js over MQTT {}: {} error event(s) (Records it could not read as a Message)", version.label(),
                run.errorEvents());

        // NotifRetry=true (usp-js's default) makes the agent ask for a NotifyResp, which usp-js sends.
        assertThat(notify.get("sendResp")).isEqualTo(Boolean.TRUE);
        MqttTransportTest.await(() -> pending(CONTROLLER) == 0);
    }

    // ------------------------------------------------------------------ the agent

    /** The vendor object usp-js works on: a writable Label, a Counter the agent changes, a table and a command. */
    static SupportedDataModel vendorModel() {
        return SupportedDataModel.builder()
                .add(ObjectDef.builder("Device.").build())
                .add(ObjectDef.builder(ROOT)
                        .parameter(ParameterDef.readWrite("Label", ValueType.STRING))
                        .parameter(ParameterDef.readOnly("Counter", ValueType.UNSIGNED_INT))
                        .command(CommandDef.sync("Echo()",
                                Arguments.of(ParameterDef.builder("Text", Syntax.of(ValueType.STRING)).mandatory(true).build()),
                                Arguments.of(ParameterDef.readOnly("Reply", ValueType.STRING),
                                        ParameterDef.readOnly("Length", ValueType.UNSIGNED_INT))))
                        .build())
                .add(ObjectDef.builder(ROOT + "Item.{i}.")
                        .access(ObjectAccess.ADD_DELETE)
                        .parameter(ParameterDef.readWrite("Name", ValueType.STRING))
                        .build())
                .build();
    }

    void startAgent(MqttVersion version, String agentTopic, String controllerTopic) {
        UspAgent.Builder b = UspAgent.builder().endpointId(AGENT).supportedDataModel(vendorModel()).factoryDefaults(tx -> {
            String client = tx.create("Device.MQTT.Client.", Map.of("Enable", "true", "BrokerAddress", "127.0.0.1",
                    "BrokerPort", Integer.toString(broker.port()), "ProtocolVersion", version.label(),
                    "ConnectRetryTime", "1", "ConnectRetryMaxInterval", "2")).instancePath();
            String mtp = tx.create("Device.LocalAgent.MTP.", Map.of("Enable", "true", "Protocol", "MQTT")).instancePath();
            tx.setInternal(mtp + "MQTT.Reference", client.substring(0, client.length() - 1));
            tx.setInternal(mtp + "MQTT.ResponseTopicConfigured", agentTopic);
            // usp-js sends no reply-to: answers and notifications go to this Controller entry's topic.
            String c = tx.create("Device.LocalAgent.Controller.", Map.of("EndpointID", CONTROLLER, "Enable", "true"))
                    .instancePath();
            String cm = tx.create(c + "MTP.", Map.of("Enable", "true", "Protocol", "MQTT")).instancePath();
            tx.setInternal(cm + "MQTT.Topic", controllerTopic);
            tx.setInternal(ROOT + "Label", "factory");
            tx.setInternal(ROOT + "Counter", "0");
        }).bind(ROOT, o -> o.syncCommand("Echo()", call -> {
            echoes.add(call);
            String t = call.input().get("Text");
            return Map.of("Reply", "echo: " + t, "Length", t.length());
        }));
        clients = MqttClients.install(b);
        agent = b.build();
        clients.attach(agent);
        agent.start();
    }

    String value(String path) throws Exception {
        return agent.call(() -> agent.dataModel().view().value(path)).get(5, TimeUnit.SECONDS);
    }

    /** How many Notify Messages to a Controller await their NotifyResp. */
    int pending(String controller) {
        try {
            return agent.call(() -> agent.notificationOutbox().pending(controller)).get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the outbox", e);
        }
    }

    /** The instance paths of a table on the agent. */
    List<String> rows(String table) throws Exception {
        return agent.call(() -> {
            List<String> out = new ArrayList<>();
            for (ResolvedPath p : agent.dataModel().view().resolve(PathName.parse(table + "*.")).paths()) {
                out.add(p.path());
            }
            return out;
        }).get(5, TimeUnit.SECONDS);
    }

    void setOnAgent(String path, String v) throws Exception {
        agent.call(() -> {
            Transaction tx = agent.dataModel().begin();
            tx.setInternal(path, v);
            tx.commit();
            return null;
        }).get(5, TimeUnit.SECONDS);
    }

    /** A changed KeepAliveTime: the running transport is replaced by a new one, which connects. */
    void reconnectAgent() throws Exception {
        MqttTransport before = clients.transport(CLIENT);
        setOnAgent(CLIENT + "KeepAliveTime", "61");
        MqttTransportTest.await(() -> {
            MqttTransport now = clients.transport(CLIENT);
            return now != null && now != before && now.isConnected();
        });
        assertThat(before.status().state()).isEqualTo(MqttTransport.State.CLOSED);
        reconnected = true;
    }

    void awaitClientStatus(String status) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        String now;
        while (!status.equals(now = value(CLIENT + "Status"))) {
            if (System.nanoTime() > end) {
                throw new AssertionError(CLIENT + "Status is " + now + ", not " + status);
            }
            Thread.sleep(20);
        }
    }

    // ------------------------------------------------------------------ the Node controller

    /** What one run of controller.js printed. */
    record Run(int exitCode, List<String> lines, String stderr, long millis) {
        Map<String, Map<String, Object>> steps() {
            Map<String, Map<String, Object>> out = new LinkedHashMap<>();
            for (String line : lines) {
                Map<String, Object> step = MiniJson.object(line);
                String name = (String) step.get("step");
                if (!"error-event".equals(name)) {
                    out.put(name, step);
                }
            }
            return out;
        }

        long errorEvents() {
            return lines.stream().filter(l -> l.startsWith("{\"step\":\"error-event\"")).count();
        }

        String describe() {
            return "controller.js exited " + exitCode + "\n--- stdout\n" + String.join("\n", lines) + "\n--- stderr\n"
                    + (stderr.length() > 8000 ? stderr.substring(stderr.length() - 8000) : stderr);
        }
    }

    Run runController(MqttVersion version, String agentTopic, String controllerTopic, String label, List<String> names,
            String text, String counter) throws Exception {
        File stderr = dir.resolve("usp-js-" + version.name() + ".stderr").toFile();
        List<String> cmd = List.of(nodeExe, "controller.js",
                "--host", "127.0.0.1", "--port", Integer.toString(broker.port()),
                "--mqtt", version.label(), "--to", AGENT, "--from", CONTROLLER,
                "--publish", agentTopic, "--subscribe", subscribeFilter(version, controllerTopic),
                "--root", ROOT, "--label", label, "--names", String.join(",", names), "--text", text,
                "--await-reconnect", "true",
                "--deadline-ms", Long.toString(TimeUnit.SECONDS.toMillis(SCRIPT_SECONDS - 5)));
        long t0 = System.nanoTime();
        node = new ProcessBuilder(cmd).directory(interop.toFile())
                .redirectError(ProcessBuilder.Redirect.to(stderr))
                .start();
        BlockingQueue<String> stdout = new LinkedBlockingQueue<>();
        String eof = new String("<eof>"); // identity marks the end of the stream
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    stdout.add(line);
                }
            } catch (IOException e) {
                stdout.add("{\"step\":\"test-reader\",\"ok\":false,\"error\":\"" + e.getMessage() + "\"}");
            } finally {
                stdout.add(eof);
            }
        }, "usp-js-stdout");
        reader.setDaemon(true);
        reader.start();

        List<String> lines = new ArrayList<>();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(SCRIPT_SECONDS);
        while (true) {
            String line = stdout.poll(Math.max(1, end - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (line == null) {
                node.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                lines.add("{\"step\":\"test-timeout\",\"ok\":false}");
                return new Run(-1, lines, Files.readString(stderr.toPath()),
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
            }
            if (line == eof) {
                break;
            }
            lines.add(line);
            if (line.startsWith("{\"step\":\"subscribe\",\"ok\":true")) {
                // The Subscription exists: the agent's own change of the referenced parameter.
                setOnAgent(ROOT + "Counter", counter);
            } else if (line.startsWith("{\"step\":\"notify\",")) {
                // usp-js answers the Notify with a NotifyResp: let it reach the agent first, since a Record on
                // its way while the agent's connection is replaced is lost with the old session (clean start).
                MqttTransportTest.await(() -> pending(CONTROLLER) == 0);
                // A data-model change that makes the agent reconnect: a new MQTT connection, whose mqtt_connect
                // Record reaches usp-js, which is still connected; then usp-js goes on.
                reconnectAgent();
                node.getOutputStream().write("reconnected\n".getBytes(StandardCharsets.UTF_8));
                node.getOutputStream().flush();
            }
        }
        boolean exited = node.waitFor(Math.max(1, end - System.nanoTime()), TimeUnit.NANOSECONDS);
        if (!exited) {
            node.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
        return new Run(exited ? node.exitValue() : -1, lines, Files.readString(stderr.toPath()),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
    }

    /**
     * What usp-js subscribes to. Under 5.0 its exact topic. Under 3.1.1 the agent publishes to
     * {@code <topic>/reply-to=<its topic, "/" as %2F>} (R-MQTT.24), which an exact subscription to the
     * Controller's topic does not match, and usp-js neither sends nor expects {@code /reply-to=}: it is given
     * {@code <topic>/#}, which matches both the topic and the topic with the suffix.
     */
    static String subscribeFilter(MqttVersion version, String controllerTopic) {
        return version == MqttVersion.V3_1_1 ? controllerTopic + "/#" : controllerTopic;
    }

    @SuppressWarnings("unchecked") // JSON arrays from the script
    static List<String> strings(Object jsonArray) {
        assertThat(jsonArray).isInstanceOf(List.class);
        List<String> out = new ArrayList<>();
        for (Object o : (List<Object>) jsonArray) {
            out.add(String.valueOf(o));
        }
        return out;
    }

    @SuppressWarnings("unchecked") // a JSON object from the script
    static Map<String, Object> object(Object json) {
        assertThat(json).isInstanceOf(Map.class);
        return (Map<String, Object>) json;
    }

    @SuppressWarnings("unchecked") // a JSON array from the script
    static List<Object> list(Object json) {
        assertThat(json).isInstanceOf(List.class);
        return (List<Object>) json;
    }

    /** A JSON value that may be a string, or arrays of them nested, as a flat list. */
    static List<Object> flatten(Object json) {
        List<Object> out = new ArrayList<>();
        if (json instanceof List<?> l) {
            l.forEach(o -> out.addAll(flatten(o)));
        } else {
            out.add(json);
        }
        return out;
    }

    // ------------------------------------------------------------------ environment

    /** {@code interop/usp-js} next to the module directory the tests run in. */
    static Path interopDir() {
        Path module = Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
        return module.resolve("../interop/usp-js").normalize().toAbsolutePath();
    }

    static String onPath(String exe) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String d : path.split(File.pathSeparator)) {
            File f = new File(d, exe);
            if (f.canExecute()) {
                return f.getAbsolutePath();
            }
        }
        return null;
    }

    /** As {@link MosquittoBroker}: a missing tool skips the test, but fails it under {@code CI=true}. */
    static void requireTool(boolean present, String why) {
        if (present) {
            return;
        }
        if ("true".equals(System.getenv("CI"))) {
            throw new IllegalStateException(why);
        }
        Assumptions.abort(why);
    }

    // ------------------------------------------------------------------ JSON

    /** Just enough JSON to read the script's lines: objects, arrays, strings, numbers, booleans, null. */
    static final class MiniJson {
        private final String s;
        private int i;

        private MiniJson(String s) {
            this.s = s;
        }

        @SuppressWarnings("unchecked") // the top level of every line is an object
        static Map<String, Object> object(String line) {
            MiniJson p = new MiniJson(line);
            Object v = p.value();
            p.ws();
            if (p.i != line.length() || !(v instanceof Map)) {
                throw new IllegalArgumentException("not one JSON object: " + line);
            }
            return (Map<String, Object>) v;
        }

        private Object value() {
            ws();
            char c = s.charAt(i);
            switch (c) {
                case '{': {
                    Map<String, Object> m = new LinkedHashMap<>();
                    i++;
                    ws();
                    if (s.charAt(i) == '}') {
                        i++;
                        return m;
                    }
                    while (true) {
                        ws();
                        String k = string();
                        ws();
                        expect(':');
                        m.put(k, value());
                        ws();
                        if (s.charAt(i) == ',') {
                            i++;
                        } else {
                            expect('}');
                            return m;
                        }
                    }
                }
                case '[': {
                    List<Object> l = new ArrayList<>();
                    i++;
                    ws();
                    if (s.charAt(i) == ']') {
                        i++;
                        return l;
                    }
                    while (true) {
                        l.add(value());
                        ws();
                        if (s.charAt(i) == ',') {
                            i++;
                        } else {
                            expect(']');
                            return l;
                        }
                    }
                }
                case '"':
                    return string();
                case 't':
                    return literal("true", Boolean.TRUE);
                case 'f':
                    return literal("false", Boolean.FALSE);
                case 'n':
                    return literal("null", null);
                default: {
                    int start = i;
                    while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) {
                        i++;
                    }
                    if (start == i) {
                        throw new IllegalArgumentException("unexpected '" + c + "' at " + i + " in " + s);
                    }
                    return Double.valueOf(s.substring(start, i));
                }
            }
        }

        private Object literal(String word, Object v) {
            if (!s.startsWith(word, i)) {
                throw new IllegalArgumentException("bad literal at " + i + " in " + s);
            }
            i += word.length();
            return v;
        }

        private String string() {
            expect('"');
            StringBuilder b = new StringBuilder();
            while (true) {
                char c = s.charAt(i++);
                if (c == '"') {
                    return b.toString();
                }
                if (c != '\\') {
                    b.append(c);
                    continue;
                }
                char e = s.charAt(i++);
                switch (e) {
                    case 'n' -> b.append('\n');
                    case 't' -> b.append('\t');
                    case 'r' -> b.append('\r');
                    case 'b' -> b.append('\b');
                    case 'f' -> b.append('\f');
                    case 'u' -> {
                        b.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                        i += 4;
                    }
                    default -> b.append(e);
                }
            }
        }

        private void expect(char c) {
            if (s.charAt(i) != c) {
                throw new IllegalArgumentException("expected '" + c + "' at " + i + " in " + s);
            }
            i++;
        }

        private void ws() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
        }
    }
}
