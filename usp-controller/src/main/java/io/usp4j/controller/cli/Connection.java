package io.usp4j.controller.cli;

import io.usp4j.controller.RemoteAgent;
import io.usp4j.controller.UspController;
import io.usp4j.core.endpoint.EndpointId;
import io.usp4j.core.transport.Destination;
import io.usp4j.core.transport.MessageTransport;
import io.usp4j.core.transport.TlsSettings;
import io.usp4j.mtp.mqtt.MqttSettings;
import io.usp4j.mtp.mqtt.MqttTransport;
import io.usp4j.mtp.mqtt.MqttVersion;
import io.usp4j.mtp.websocket.WebSocketClientSettings;
import io.usp4j.mtp.websocket.WebSocketClientTransport;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The CLI's controller and the agent it talks to, made from the connection options: which transport
 * ({@code --mqtt} or {@code --ws}), the Endpoint IDs and, for MQTT, the topics. {@link #open} waits until the
 * transport reports the channel to the agent up. Used by the thread running the command line; the controller
 * behind it is thread-safe.
 */
final class Connection implements AutoCloseable {
    /** How often {@link #start} looks whether the transport has given up. */
    private static final long FAILURE_POLL_MILLIS = 25;
    /** The longest reason printed for a failed connection. */
    private static final int MAX_REASON = 300;
    /** The CLI's Endpoint ID when {@code --id} is not given. */
    static final String DEFAULT_ID = "proto::usp-cli";

    private final UspController controller;
    private final RemoteAgent agent;
    private final MessageTransport transport;

    private Connection(UspController controller, RemoteAgent agent, MessageTransport transport) {
        this.controller = controller;
        this.agent = agent;
        this.transport = transport;
    }

    UspController controller() {
        return controller;
    }

    RemoteAgent agent() {
        return agent;
    }

    /**
     * Connects as the options say.
     *
     * @throws UsageException when the options do not describe a connection
     * @throws CliFailure when the connection cannot be made in time
     */
    static Connection open(CliOptions o) throws UsageException, CliFailure {
        if (o.ws != null && o.mqtt != null) {
            throw new UsageException("give --mqtt or --ws, not both");
        }
        if (o.ws != null) {
            return webSocket(o);
        }
        if (o.mqtt == null) {
            throw new UsageException("no transport: give --mqtt tcp://HOST:PORT (or set USP_MQTT)");
        }
        String agentId = agentId(o);
        String ownId = ownId(o);
        if (o.agentTopic == null || o.agentTopic.isEmpty()) {
            throw new UsageException("--agent-topic TOPIC is needed with --mqtt (the agent's MQTT topic)");
        }
        URI broker = brokerUri(o.mqtt);
        // One topic per Endpoint ID: the agent sends notifications to where that ID's last Record came from,
        // so a `usp set` beside a running `usp subscribe` must not move them elsewhere.
        String topic = o.topic != null ? o.topic : defaultTopic(ownId);
        MqttTransport mqtt;
        try {
            mqtt = new MqttTransport(MqttSettings.builder(ownId, broker.getHost(), broker.getPort() < 0 ? 1883 : broker.getPort())
                    .version(o.mqttVersion.equals("3.1.1") ? MqttVersion.V3_1_1 : MqttVersion.V5)
                    .clientId("usp-cli-" + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffffL))
                    .responseTopic(topic)
                    .controller(agentId, o.agentTopic)
                    .connectRecords(false)
                    .connectTimeout(o.timeout.toMillis() < 1000 ? Duration.ofSeconds(1) : o.timeout)
                    .connectRetry(Duration.ofMillis(500), 2000, Duration.ofSeconds(2))
                    .build());
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        UspController controller = UspController.builder().endpointId(ownId).transport(mqtt).timeout(o.timeout).build();
        Connection c = new Connection(controller,
                controller.agent(agentId, new Destination(agentId, Map.of(MqttTransport.TOPIC, o.agentTopic))), mqtt);
        c.start("the MQTT broker " + broker.getHost() + ":" + (broker.getPort() < 0 ? 1883 : broker.getPort()), o.timeout,
                () -> mqtt.status().lastError(), () -> false);
        return c;
    }

    /**
     * {@code --ws ws[s]://host[:port][/path]}: dials the agent's WebSocket server as {@code eid} = our Endpoint
     * ID, expecting the agent's; no connect Record of our own (a Controller sends none). {@code wss} checks the
     * server's certificate and host name against the JDK's trust store, or against {@code --ca} alone.
     */
    private static Connection webSocket(CliOptions o) throws UsageException, CliFailure {
        String agentId = agentId(o);
        String ownId = ownId(o);
        URI u = wsUri(o.ws);
        boolean tls = u.getScheme().equalsIgnoreCase("wss");
        String host = u.getHost();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port = u.getPort() < 0 ? (tls ? 443 : 80) : u.getPort();
        String path = u.getRawPath() == null || u.getRawPath().isEmpty() ? "/" : u.getRawPath();
        WebSocketClientTransport ws;
        try {
            WebSocketClientSettings.Builder b = WebSocketClientSettings.builder(ownId, host, port)
                    .peerEndpointId(agentId)
                    .path(path)
                    .encryption(tls)
                    .connectRecords(false)
                    .connectTimeout(o.timeout.toMillis() < 1000 ? Duration.ofSeconds(1) : o.timeout)
                    // A shell whose session drops dials again soon.
                    .sessionRetry(Duration.ofSeconds(1), 2000);
            if (o.ca != null) {
                if (!tls) {
                    throw new UsageException("--ca is for wss:// only");
                }
                b.tls(TlsSettings.builder().trustPem(Path.of(o.ca)).build());
            }
            ws = new WebSocketClientTransport(b.build());
        } catch (UncheckedIOException e) {
            throw new UsageException("--ca: cannot read " + o.ca + ": " + e.getCause().getMessage());
        } catch (IllegalArgumentException e) {
            throw new UsageException((o.ca != null ? "--ca " + o.ca + " or " : "") + "--ws " + o.ws + ": " + e.getMessage());
        }
        UspController controller = UspController.builder().endpointId(ownId).transport(ws).timeout(o.timeout).build();
        Connection c = new Connection(controller, controller.agent(agentId, ws.destination()), ws);
        // The first failed attempt ends the wait: the next one is a retry interval away.
        c.start("the WebSocket server " + u.getScheme().toLowerCase(Locale.ROOT) + "://" + u.getHost() + ":" + port + path,
                o.timeout, () -> ws.status().lastError(), () -> ws.status().connects() == 0 && ws.status().failures() > 0);
        return c;
    }

    private static URI wsUri(String text) throws UsageException {
        try {
            URI u = new URI(text);
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("ws") && !scheme.equals("wss")) {
                throw new UsageException("--ws: expected ws://HOST:PORT/PATH or wss://HOST:PORT/PATH, not '" + text + "'");
            }
            if (u.getHost() == null || u.getHost().isEmpty()) {
                throw new UsageException("--ws: no host in '" + text + "'");
            }
            if (u.getRawQuery() != null || u.getRawFragment() != null) {
                throw new UsageException("--ws: no query or fragment please (the eid parameter is added): '" + text + "'");
            }
            return u;
        } catch (URISyntaxException e) {
            throw new UsageException("--ws: not a WebSocket URL: '" + text + "'");
        }
    }

    /**
     * {@code usp/controllers/} and the Endpoint ID with every character but letters, digits, {@code .},
     * {@code -} and {@code _} as {@code _} (brokers give some characters meaning: Artemis reads {@code ::} as
     * a queue name, MQTT {@code +} and {@code #} are wildcards).
     */
    static String defaultTopic(String endpointId) {
        return "usp/controllers/" + endpointId.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    private static String agentId(CliOptions o) throws UsageException {
        if (o.agent == null || o.agent.isEmpty()) {
            throw new UsageException("--agent ENDPOINT_ID is needed (or set USP_AGENT)");
        }
        if (!EndpointId.isValid(o.agent)) {
            throw new UsageException("--agent: '" + o.agent + "' is not a USP Endpoint ID");
        }
        return o.agent;
    }

    private static String ownId(CliOptions o) throws UsageException {
        String id = o.id == null ? DEFAULT_ID : o.id;
        if (!EndpointId.isValid(id)) {
            throw new UsageException("--id: '" + id + "' is not a USP Endpoint ID");
        }
        return id;
    }

    private static URI brokerUri(String text) throws UsageException {
        String t = text.contains("://") ? text : "tcp://" + text;
        try {
            URI u = new URI(t);
            String scheme = u.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("tcp") && !scheme.equals("mqtt")) {
                throw new UsageException("--mqtt: only tcp://HOST:PORT (plain MQTT) is supported, not " + scheme);
            }
            if (u.getHost() == null || u.getHost().isEmpty()) {
                throw new UsageException("--mqtt: no host in '" + text + "'");
            }
            return u;
        } catch (URISyntaxException e) {
            throw new UsageException("--mqtt: not a broker URL: '" + text + "'");
        }
    }

    /** A failure to report with exit code 1 (not a usage error). */
    static final class CliFailure extends Exception {
        private static final long serialVersionUID = 1L;

        CliFailure(String message) {
            super(message);
        }
    }

    /**
     * Starts the controller and waits until the agent is reachable: the transport reports the channel up, or a
     * connect Record arrives. Gives up after the timeout (at least a second), or at once when
     * {@code failedForGood} says so.
     */
    private void start(String what, Duration timeout, Supplier<String> lastError, BooleanSupplier failedForGood) throws CliFailure {
        controller.start();
        CompletableFuture<Void> reachable = agent.whenReachable();
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Math.max(timeout.toMillis(), 1000));
        try {
            while (true) {
                long left = end - System.nanoTime();
                if (left <= 0) {
                    throw new TimeoutException();
                }
                try {
                    reachable.get(Math.min(left, TimeUnit.MILLISECONDS.toNanos(FAILURE_POLL_MILLIS)), TimeUnit.NANOSECONDS);
                    return;
                } catch (TimeoutException e) {
                    if (failedForGood.getAsBoolean() && !reachable.isDone()) {
                        String why = lastError.get();
                        close();
                        throw new CliFailure("could not connect to " + what + oneLine(why));
                    }
                }
            }
        } catch (TimeoutException e) {
            String why = lastError.get();
            close();
            throw new CliFailure("could not connect to " + what + " within " + timeout.toMillis() + " ms" + oneLine(why));
        } catch (ExecutionException e) {
            close();
            throw new CliFailure("could not connect to " + what + ": " + e.getCause());
        } catch (InterruptedException e) {
            close();
            Thread.currentThread().interrupt();
            throw new CliFailure("interrupted while connecting to " + what);
        }
    }

    /**
     * {@code ": " + why} on one line without the exception class names
     * ({@code io.netty.channel.AbstractChannel$AnnotatedConnectException: Connection refused} reads
     * {@code Connection refused}), long hex dumps cut short, at most {@value #MAX_REASON} characters; or nothing
     * when there is no reason.
     */
    static String oneLine(String why) {
        if (why == null || why.isBlank()) {
            return "";
        }
        String r = why.strip().replaceAll("\\s*\\R\\s*", " ")
                .replaceAll("\\b(?:[a-z_]\\w*\\.)+[A-Z]\\w*(?:\\$\\w+)*(?:Exception|Error):\\s+", "")
                // Netty shows what a TLS client got instead of a TLS record (a plain server's answer) in hex.
                .replaceAll("\\b([0-9a-fA-F]{16})[0-9a-fA-F]{48,}\\b", "$1...");
        return ": " + (r.length() > MAX_REASON ? r.substring(0, MAX_REASON) + "..." : r);
    }

    @Override
    public void close() {
        controller.close();
    }

    @Override
    public String toString() {
        return agent + " over " + transport;
    }
}
