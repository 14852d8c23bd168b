package io.usp4j.controller.cli;

import io.usp4j.controller.RemoteAgent;
import io.usp4j.controller.UspController;
import io.usp4j.core.endpoint.EndpointId;
import io.usp4j.core.transport.Destination;
import io.usp4j.core.transport.MessageTransport;
import io.usp4j.mtp.mqtt.MqttSettings;
import io.usp4j.mtp.mqtt.MqttTransport;
import io.usp4j.mtp.mqtt.MqttVersion;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The CLI's controller and the agent it talks to, made from the connection options: which transport
 * ({@code --mqtt}; {@code --ws} once the WebSocket transport is wired in), the Endpoint IDs and the topics.
 * {@link #open} waits until the transport reports the channel to the agent up.
 */
final class Connection implements AutoCloseable {
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
                () -> mqtt.status().lastError());
        return c;
    }

    /**
     * The hook for {@code --ws ws://host:port/path}: the WebSocket client transport goes here once
     * usp-mtp-websocket is a dependency of this module (build a {@link UspController} on it exactly as
     * {@link #open} does for MQTT, with the agent's Destination as that transport defines it).
     */
    private static Connection webSocket(CliOptions o) throws UsageException {
        throw new UsageException("--ws " + o.ws + ": the WebSocket transport is not available in this build yet; use --mqtt");
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

    private void start(String what, Duration timeout, java.util.function.Supplier<String> lastError) throws CliFailure {
        controller.start();
        try {
            agent.whenReachable().get(Math.max(timeout.toMillis(), 1000), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            String why = lastError.get();
            close();
            throw new CliFailure("could not connect to " + what + " within " + timeout.toMillis() + " ms"
                    + (why == null || why.isEmpty() ? "" : ": " + why));
        } catch (ExecutionException e) {
            close();
            throw new CliFailure("could not connect to " + what + ": " + e.getCause());
        } catch (InterruptedException e) {
            close();
            Thread.currentThread().interrupt();
            throw new CliFailure("interrupted while connecting to " + what);
        }
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
