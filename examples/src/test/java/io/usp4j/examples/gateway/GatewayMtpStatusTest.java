package io.usp4j.examples.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.usp4j.agent.UspAgent;
import io.usp4j.core.proto.msg.Get;
import io.usp4j.core.proto.msg.Msg;
import io.usp4j.core.proto.msg.Request;
import io.usp4j.datamodel.instance.Transaction;
import io.usp4j.mtp.mqtt.agent.MqttClients;
import io.usp4j.mtp.websocket.agent.WebSocketMtps;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code Device.LocalAgent.MTP.{i}.Status} with the MQTT and the WebSocket bindings both installed, as the
 * gateway installs them: read through a USP Get, a WebSocket row is Up while its listener listens, Down when
 * disabled and Error when its port is taken; an MQTT row without a broker is Down.
 */
@Timeout(60)
class GatewayMtpStatusTest {
    private static final String WS_ROW = "Device.LocalAgent.MTP.1.";
    private static final String MQTT_ROW = "Device.LocalAgent.MTP.2.";

    private final InMemoryController controller = new InMemoryController();
    private UspAgent agent;
    private WebSocketMtps webSocket;

    @AfterEach
    void stop() {
        if (agent != null) {
            agent.close();
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private void startAgent(int port) {
        UspAgent.Builder b = UspAgent.builder().endpointId(InMemoryController.AGENT).factoryDefaults(tx -> {
            tx.create("Device.LocalAgent.MTP.", 1, Map.of("Enable", "true", "Protocol", "WebSocket"));
            tx.setInternal(WS_ROW + "WebSocket.Port", Integer.toString(port));
            tx.setInternal(WS_ROW + "WebSocket.EnableEncryption", "false");
            tx.create("Device.MQTT.Client.", 1, Map.of("Enable", "true", "BrokerAddress", "127.0.0.1",
                    "BrokerPort", "1"));
            tx.create("Device.LocalAgent.MTP.", 2, Map.of("Enable", "true", "Protocol", "MQTT"));
            tx.setInternal(MQTT_ROW + "MQTT.Reference", "Device.MQTT.Client.1");
        });
        MqttClients mqtt = MqttClients.install(b);
        webSocket = WebSocketMtps.install(b, new WebSocketMtps.Options("127.0.0.1", null, null));
        controller.get().forEach(b::transport);
        agent = b.build();
        mqtt.attach(agent);
        webSocket.attach(agent);
        agent.start();
    }

    /** A USP Get of one parameter, through the in-memory Controller. */
    private String get(String path) throws Exception {
        Msg answer = controller.send(Request.newBuilder().setGet(Get.newBuilder().addParamPaths(path)).build());
        String name = path.substring(path.lastIndexOf('.') + 1);
        return answer.getBody().getResponse().getGetResp().getReqPathResults(0).getResolvedPathResults(0)
                .getResultParamsMap().get(name);
    }

    private void set(String path, String value) throws Exception {
        agent.call(() -> {
            Transaction tx = agent.dataModel().begin();
            tx.setInternal(path, value);
            tx.commit();
            return null;
        }).get(5, TimeUnit.SECONDS);
    }

    private static boolean accepts(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2000);
            return true;
        } catch (java.io.IOException refused) {
            return false;
        }
    }

    @Test
    void aWebSocketRowIsUpWhileItsListenerListens() throws Exception {
        int port = freePort();
        startAgent(port);

        assertThat(get(WS_ROW + "Status")).isEqualTo("Up");
        assertThat(accepts(port)).isTrue();
        assertThat(webSocket.server(WS_ROW).isListening()).isTrue();
        // The MQTT row of the same table: its broker does not answer.
        assertThat(get(MQTT_ROW + "Status")).isEqualTo("Down");
        assertThat(get("Device.LocalAgent.SupportedProtocols")).contains("MQTT", "WebSocket");

        set(WS_ROW + "Enable", "false");
        assertThat(get(WS_ROW + "Status")).isEqualTo("Down");
        assertThat(webSocket.server(WS_ROW)).isNull();
        assertThat(accepts(port)).isFalse();

        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            set(WS_ROW + "WebSocket.Port", Integer.toString(taken.getLocalPort()));
            set(WS_ROW + "Enable", "true");
            assertThat(get(WS_ROW + "Status")).isEqualTo("Error");
            assertThat(webSocket.server(WS_ROW)).isNull();
        }

        // Back on a free port: Up again.
        int free = freePort();
        set(WS_ROW + "WebSocket.Port", Integer.toString(free));
        assertThat(get(WS_ROW + "Status")).isEqualTo("Up");
        assertThat(accepts(free)).isTrue();
    }
}
