package io.usp4j.controller;

import static org.assertj.core.api.Assertions.assertThat;

import io.usp4j.agent.UspAgent;
import io.usp4j.core.proto.msg.GetResp;
import io.usp4j.core.transport.Destination;
import io.usp4j.mtp.mqtt.MqttSettings;
import io.usp4j.mtp.mqtt.MqttTransport;
import io.usp4j.mtp.mqtt.MqttVersion;
import io.usp4j.mtp.mqtt.testing.ArtemisBroker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The controller library on a {@link MqttTransport} against a real {@link UspAgent} on another, through an
 * embedded Artemis broker: the agent's mqtt_connect Record, requests, and a subscription's notification
 * acknowledged with NotifyResp, in MQTT 5.0 and 3.1.1.
 */
@Timeout(60)
class AgentOverMqttTest {
    static final String AGENT_TOPIC = "usp/agent/gw";
    static final String CONTROLLER_TOPIC = "usp/controller/ctl";

    @TempDir
    Path dir;
    ArtemisBroker broker;
    UspAgent agent;
    UspController controller;

    @AfterEach
    void stop() {
        if (controller != null) {
            controller.close();
        }
        if (agent != null) {
            agent.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @ParameterizedTest
    @EnumSource(MqttVersion.class)
    void requestsNotificationsAndTheConnectRecordOverMqtt(MqttVersion version) throws Exception {
        broker = ArtemisBroker.start(dir);
        MqttTransport ctlTransport = new MqttTransport(MqttSettings.builder(TestGateway.CONTROLLER_ID, "127.0.0.1", broker.port())
                .version(version).responseTopic(CONTROLLER_TOPIC).controller(TestGateway.AGENT_ID, AGENT_TOPIC)
                .connectRecords(false).connectRetry(Duration.ofMillis(300), 2000, Duration.ofSeconds(1)).build());
        controller = UspController.builder().endpointId(TestGateway.CONTROLLER_ID).transport(ctlTransport)
                .timeout(Duration.ofSeconds(10)).build();
        BlockingQueue<AgentPresence> presence = new LinkedBlockingQueue<>();
        controller.onPresence(presence::add);
        controller.start();
        RemoteAgent remote = controller.agent(TestGateway.AGENT_ID,
                new Destination(TestGateway.AGENT_ID, Map.of(MqttTransport.TOPIC, AGENT_TOPIC)));
        // The controller's own transport reports the channel up once it is subscribed.
        remote.whenReachable().get(20, TimeUnit.SECONDS);

        // The agent knows the controller's topic, so it announces itself there when it connects.
        MqttTransport agentTransport = new MqttTransport(MqttSettings.builder(TestGateway.AGENT_ID, "127.0.0.1", broker.port())
                .version(version).responseTopic(AGENT_TOPIC).controller(TestGateway.CONTROLLER_ID, CONTROLLER_TOPIC)
                .connectRetry(Duration.ofMillis(300), 2000, Duration.ofSeconds(1)).build());
        agent = TestGateway.configure(UspAgent.builder().endpointId(TestGateway.AGENT_ID).transport(agentTransport)).build();
        agent.start();
        AgentPresence hello = presence.poll(20, TimeUnit.SECONDS);
        assertThat(hello).as("the agent's mqtt_connect Record").isNotNull();
        assertThat(hello.agentEndpointId()).isEqualTo(TestGateway.AGENT_ID);
        assertThat(hello.record().hasMqttConnect()).isTrue();
        assertThat(hello.record().getMqttConnect().getSubscribedTopic()).isEqualTo(AGENT_TOPIC);

        GetResp get = remote.get("Device.LocalAgent.EndpointID").get(10, TimeUnit.SECONDS);
        assertThat(get.getReqPathResults(0).getResolvedPathResults(0).getResultParamsMap())
                .containsEntry("EndpointID", TestGateway.AGENT_ID);

        BlockingQueue<Notification> got = new LinkedBlockingQueue<>();
        Subscription sub = remote.subscribe(NotifType.VALUE_CHANGE, List.of("Device.X_TEST_Box.Name"), got::add)
                .get(10, TimeUnit.SECONDS);
        remote.set(Map.of("Device.X_TEST_Box.Name", "over-mqtt")).get(10, TimeUnit.SECONDS);
        Notification n = got.poll(15, TimeUnit.SECONDS);
        assertThat(n).as("the ValueChange").isNotNull();
        assertThat(n.subscriptionId()).isEqualTo(sub.id());
        assertThat(n.payload().getValueChange().getParamValue()).isEqualTo("over-mqtt");
        assertThat(n.payload().getSendResp()).isTrue();
        RemoteAgentTest.awaitTrue(() -> agent.call(() -> agent.notificationOutbox().pending(TestGateway.CONTROLLER_ID))
                .get(5, TimeUnit.SECONDS) == 0);
        sub.cancel().get(10, TimeUnit.SECONDS);
        assertThat(controller.pendingRequests()).isZero();
    }
}
