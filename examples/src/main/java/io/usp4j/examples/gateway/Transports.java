package io.usp4j.examples.gateway;

import io.usp4j.core.transport.MessageTransport;
import io.usp4j.mtp.mqtt.MqttSettings;
import io.usp4j.mtp.mqtt.MqttTransport;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the gateway's transports are made from the command line: one method per kind. Each start of the
 * agent (the first, and each after a reboot) calls {@link #create} again, because closing an agent closes
 * its transports.
 *
 * <p>MQTT connections can also come from the data model ({@code Device.MQTT.Client.{i}.} rows, for instance
 * written by a defaults file); those are run by {@code MqttClients} in {@link Gateway}, not here.
 *
 * <p>Stateless; any thread may call it.
 */
final class Transports {
    private Transports() {}

    /**
     * Every transport the options ask for.
     *
     * @throws BadConfigurationException when a transport cannot be made
     */
    static List<MessageTransport> create(GatewayOptions o) {
        List<MessageTransport> transports = new ArrayList<>();
        try {
            if (o.mqttHost() != null) {
                transports.add(mqtt(o));
            }
            if (o.wsPort() != null) {
                transports.add(webSocketServer(o));
            }
            if (o.controllerUrl() != null) {
                transports.add(webSocketClient(o));
            }
        } catch (RuntimeException e) {
            transports.forEach(MessageTransport::close); // the ones made before the failure
            throw e;
        }
        return transports;
    }

    /** An MQTT client: receives on the agent topic, and knows the Controller's topic when one was given. */
    static MessageTransport mqtt(GatewayOptions o) {
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

    /** The agent's WebSocket server, which Controllers connect to. */
    static MessageTransport webSocketServer(GatewayOptions o) {
        throw new BadConfigurationException("WebSocket transport not available yet (use --mqtt tcp://HOST:PORT)");
    }

    /** A WebSocket connection to a Controller's server. */
    static MessageTransport webSocketClient(GatewayOptions o) {
        throw new BadConfigurationException("WebSocket transport not available yet (use --mqtt tcp://HOST:PORT)");
    }
}
