package io.usp4j.examples.gateway;

import io.usp4j.core.endpoint.EndpointId;
import io.usp4j.core.endpoint.EndpointIdException;
import io.usp4j.mtp.mqtt.MqttVersion;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;

/**
 * The gateway's command line, checked: each field is a valid value or null when not given. Options take
 * their value as the next argument ({@code --data-dir DIR}) or after {@code =} ({@code --data-dir=DIR}).
 *
 * @param endpointId the agent's Endpoint ID
 * @param dataDir where the agent keeps its state
 * @param defaults a factory-defaults file, or null
 * @param mqttHost the MQTT broker's host, or null for no MQTT
 * @param mqttPort the MQTT broker's port
 * @param mqttVersion the MQTT version
 * @param agentTopic the topic the agent receives on
 * @param controller the Controller given an entry in the Controller table
 * @param controllerTopic the Controller's MQTT topic, or null (learned from its first Record then)
 * @param controllerUrl a Controller's WebSocket URL the agent connects to, or null
 * @param wsPort the port of the agent's WebSocket server, or null for none
 * @param help whether {@code --help} was given
 */
record GatewayOptions(String endpointId, Path dataDir, Path defaults, String mqttHost, int mqttPort, MqttVersion mqttVersion,
        String agentTopic, String controller, String controllerTopic, URI controllerUrl, Integer wsPort, boolean help) {

    static final String DEFAULT_ENDPOINT_ID = "os::00D09E-GW0001";
    /**
     * The Controller given an entry when none is named: the CLI's Endpoint ID, so that its subscriptions
     * bring notifications without any configuration.
     */
    static final String DEFAULT_CONTROLLER = "proto::usp-cli";
    static final Path DEFAULT_DATA_DIR = Path.of("gateway-data");
    /** The WebSocket server port used when no transport is configured at all. */
    static final int DEFAULT_WS_PORT = 8080;

    static final String USAGE = """
            Usage: gateway [options]
              --endpoint-id ID         the agent's Endpoint ID (default %s)
              --data-dir DIR           where rows, subscriptions and settings are kept (default ./%s)
              --defaults FILE          factory defaults, one 'Device.Path.Param "value"' per line, applied
                                       on the first start and after FactoryReset() (docs/defaults-file.md)
              --mqtt tcp://HOST:PORT   connect to this MQTT broker
              --mqtt-version 5|3.1.1   MQTT version (default 5)
              --agent-topic TOPIC      the topic the agent receives on (default usp/agent/<endpoint-id>)
              --controller ID          a Controller to notify: given an entry in Device.LocalAgent.Controller.
                                       at each start (default %s, the CLI)
              --controller-topic TOPIC that Controller's MQTT topic (default: learned from its first message)
              --controller-url URL     connect to a Controller's WebSocket server (ws://HOST:PORT/PATH)
              --ws-port N              run a WebSocket server on port N (default %d when no other transport)
              --help                   this text
            """.formatted(DEFAULT_ENDPOINT_ID, DEFAULT_DATA_DIR, DEFAULT_CONTROLLER, DEFAULT_WS_PORT);

    /**
     * Reads the command line.
     *
     * @throws BadConfigurationException naming the first thing wrong, in one line
     */
    static GatewayOptions parse(String... args) {
        String endpointId = DEFAULT_ENDPOINT_ID;
        Path dataDir = DEFAULT_DATA_DIR;
        Path defaults = null;
        String mqtt = null;
        String mqttVersion = null;
        String agentTopic = null;
        String controller = DEFAULT_CONTROLLER;
        String controllerTopic = null;
        String controllerUrl = null;
        String wsPort = null;
        boolean help = false;
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            String value = null;
            int eq = name.indexOf('=');
            if (name.startsWith("--") && eq > 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            if (name.equals("--help") || name.equals("-h")) {
                help = true;
                continue;
            }
            if (value == null) {
                if (i + 1 >= args.length) {
                    throw new BadConfigurationException(name.startsWith("--") && isOption(name)
                            ? name + " needs a value" : "unknown option " + name + " (try --help)");
                }
                value = args[++i];
            }
            switch (name) {
                case "--endpoint-id" -> endpointId = value;
                case "--data-dir" -> dataDir = Path.of(value);
                case "--defaults" -> defaults = Path.of(value);
                case "--mqtt" -> mqtt = value;
                case "--mqtt-version" -> mqttVersion = value;
                case "--agent-topic" -> agentTopic = value;
                case "--controller" -> controller = value;
                case "--controller-topic" -> controllerTopic = value;
                case "--controller-url" -> controllerUrl = value;
                case "--ws-port" -> wsPort = value;
                default -> throw new BadConfigurationException("unknown option " + name + " (try --help)");
            }
        }
        checkEndpointId("--endpoint-id", endpointId);
        checkEndpointId("--controller", controller);
        if (mqtt == null) {
            for (String[] needsMqtt : new String[][] {{"--mqtt-version", mqttVersion}, {"--agent-topic", agentTopic},
                    {"--controller-topic", controllerTopic}}) {
                if (needsMqtt[1] != null) {
                    throw new BadConfigurationException(needsMqtt[0] + " needs --mqtt");
                }
            }
        }
        String host = null;
        int port = 0;
        if (mqtt != null) {
            URI broker = uri("--mqtt", mqtt);
            if (!"tcp".equals(broker.getScheme()) && !"mqtt".equals(broker.getScheme()) || broker.getHost() == null) {
                throw new BadConfigurationException("--mqtt must look like tcp://HOST:PORT: " + mqtt);
            }
            host = broker.getHost();
            port = broker.getPort() < 0 ? 1883 : broker.getPort();
        }
        MqttVersion version = MqttVersion.V5;
        if (mqttVersion != null) {
            version = switch (mqttVersion) {
                case "5", "5.0" -> MqttVersion.V5;
                case "3.1.1" -> MqttVersion.V3_1_1;
                default -> throw new BadConfigurationException("--mqtt-version must be 5 or 3.1.1: " + mqttVersion);
            };
        }
        if (agentTopic == null) {
            agentTopic = "usp/agent/" + endpointId;
        }
        for (String[] topic : new String[][] {{"--agent-topic", agentTopic}, {"--controller-topic", controllerTopic}}) {
            if (topic[1] != null && (topic[1].isEmpty() || topic[1].contains("+") || topic[1].contains("#"))) {
                throw new BadConfigurationException(topic[0] + " must be a topic without wildcards: '" + topic[1] + "'");
            }
        }
        URI url = null;
        if (controllerUrl != null) {
            url = uri("--controller-url", controllerUrl);
            if (!"ws".equals(url.getScheme()) && !"wss".equals(url.getScheme()) || url.getHost() == null) {
                throw new BadConfigurationException("--controller-url must look like ws://HOST:PORT/PATH: " + controllerUrl);
            }
        }
        Integer ws = null;
        if (wsPort != null) {
            try {
                ws = Integer.parseInt(wsPort);
            } catch (NumberFormatException e) {
                ws = -1;
            }
            if (ws < 0 || ws > 65535) {
                throw new BadConfigurationException("--ws-port must be a port number 0-65535: " + wsPort);
            }
        } else if (mqtt == null && controllerUrl == null && defaults == null) {
            ws = DEFAULT_WS_PORT; // no transport at all: serve WebSocket, which needs no other server
        }
        return new GatewayOptions(endpointId, dataDir, defaults, host, port, version, agentTopic, controller,
                controllerTopic, url, ws, help);
    }

    private static boolean isOption(String name) {
        return USAGE.contains(name + " ");
    }

    private static void checkEndpointId(String option, String value) {
        try {
            EndpointId.parse(value);
        } catch (EndpointIdException e) {
            throw new BadConfigurationException(option + " is not a valid Endpoint ID: " + e.getMessage(), e);
        }
    }

    private static URI uri(String option, String value) {
        try {
            return new URI(value);
        } catch (URISyntaxException e) {
            throw new BadConfigurationException(option + " is not a URL: " + value, e);
        }
    }

    /** The one line telling how to point the CLI at this gateway. */
    String cliHint(int wsPortBound) {
        String target;
        if (mqttHost != null) {
            target = "--mqtt tcp://" + mqttHost + ":" + mqttPort
                    + (mqttVersion == MqttVersion.V3_1_1 ? " --mqtt-version 3.1.1" : "")
                    + " --agent-topic " + agentTopic;
        } else if (wsPort != null) {
            target = "--ws ws://127.0.0.1:" + wsPortBound + "/usp";
        } else {
            return "Gateway " + endpointId + " is running with the transports of its defaults file.";
        }
        return "Gateway " + endpointId + " is running. Try: bin/usp " + target + " --agent " + endpointId
                + " get Device.DeviceInfo.";
    }
}
