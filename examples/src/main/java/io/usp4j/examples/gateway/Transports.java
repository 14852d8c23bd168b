package io.usp4j.examples.gateway;

import io.usp4j.core.transport.MessageTransport;
import io.usp4j.mtp.mqtt.MqttSettings;
import io.usp4j.mtp.mqtt.MqttTransport;
import io.usp4j.mtp.websocket.WebSocketClientSettings;
import io.usp4j.mtp.websocket.WebSocketClientTransport;
import io.usp4j.mtp.websocket.WebSocketServerSettings;
import io.usp4j.mtp.websocket.WebSocketServerTransport;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the gateway's transports are made from the command line: one method per kind. Each start of the
 * agent (the first, and each after a reboot) calls {@link #create} again, because closing an agent closes
 * its transports.
 *
 * <p>MQTT connections and WebSocket MTPs can also come from the data model ({@code Device.MQTT.Client.{i}.},
 * {@code Device.LocalAgent.MTP.{i}.WebSocket.}, for instance written by a defaults file); those are run by
 * {@code MqttClients} and {@code WebSocketMtps} in {@link Gateway}, not here.
 *
 * <p>Thread-safe: the gateway's thread and the main thread may both call it.
 */
final class Transports {
    /** The WebSocket server listens here only: the example is for trying out on one machine. */
    static final String BIND_ADDRESS = "127.0.0.1";
    /** The resource path of the WebSocket server. */
    static final String WS_PATH = "/usp";

    private final GatewayOptions options;
    private int wsPort;
    private WebSocketServerTransport server;

    Transports(GatewayOptions options) {
        this.options = options;
        this.wsPort = options.wsPort() == null ? -1 : options.wsPort();
    }

    /**
     * Every transport the options ask for.
     *
     * @throws BadConfigurationException when a transport cannot be made
     */
    synchronized List<MessageTransport> create() {
        webSocketPort(); // a port picked at the last start is the one to listen on again
        List<MessageTransport> transports = new ArrayList<>();
        try {
            if (options.mqttHost() != null) {
                transports.add(mqtt());
            }
            if (wsPort >= 0) {
                transports.add(webSocketServer());
            }
            if (options.controllerUrl() != null) {
                transports.add(webSocketClient());
            }
        } catch (RuntimeException e) {
            transports.forEach(MessageTransport::close); // the ones made before the failure
            throw e;
        }
        return transports;
    }

    /**
     * The port the WebSocket server listens on, or -1 for none. Once the server has started on a port the
     * system picked (option 0), that port is kept for the restarts after a reboot, where the CLI expects it.
     */
    synchronized int webSocketPort() {
        if (server != null && server.port() > 0) {
            wsPort = server.port();
        }
        return wsPort;
    }

    /** An MQTT client: receives on the agent topic, and knows the Controller's topic when one was given. */
    private MessageTransport mqtt() {
        GatewayOptions o = options;
        MqttSettings.Builder settings = MqttSettings.builder(o.endpointId(), o.mqttHost(), o.mqttPort())
                .version(o.mqttVersion())
                .subscribe(o.agentTopic())
                // Where Controllers reply: the agent topic (a 5.0 broker may give its own through Response Information).
                .responseTopic(o.agentTopic());
        if (o.controllerTopic() != null) {
            // Lets the agent send to the Controller (Boot!, notifications) before the Controller has spoken.
            settings.controller(o.controller(), o.controllerTopic());
        }
        return new MqttTransport(settings.build());
    }

    /** The agent's WebSocket server, which Controllers connect to; it listens once the agent starts. */
    private MessageTransport webSocketServer() {
        server = new WebSocketServerTransport(
                WebSocketServerSettings.builder(options.endpointId(), BIND_ADDRESS, wsPort).path(WS_PATH).build());
        return server;
    }

    /** A WebSocket connection to a Controller's server, kept up and redialled when it drops. */
    private MessageTransport webSocketClient() {
        URI url = options.controllerUrl();
        boolean tls = "wss".equals(url.getScheme());
        int port = url.getPort() > 0 ? url.getPort() : tls ? 443 : 80;
        return new WebSocketClientTransport(WebSocketClientSettings.builder(options.endpointId(), url.getHost(), port)
                .peerEndpointId(options.controller())
                .path(url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath())
                .encryption(tls)
                .build());
    }
}
