package io.usp4j.examples.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.usp4j.core.message.MessageCodec;
import io.usp4j.core.message.Messages;
import io.usp4j.core.proto.msg.Body;
import io.usp4j.core.proto.msg.Get;
import io.usp4j.core.proto.msg.Msg;
import io.usp4j.core.proto.msg.Request;
import io.usp4j.core.record.RecordCodec;
import io.usp4j.core.transport.Destination;
import io.usp4j.core.transport.InboundRecord;
import io.usp4j.core.transport.RecordReceiver;
import io.usp4j.mtp.mqtt.MqttSettings;
import io.usp4j.mtp.mqtt.MqttTransport;
import io.usp4j.mtp.mqtt.testing.MosquittoBroker;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway as {@link GatewayAgent} starts it from flags, over a real MQTT broker ({@link MosquittoBroker}:
 * Debian's mosquitto on a free port; skipped when it is not installed, failed under {@code CI=true}), answering a
 * Controller built on the same MQTT transport.
 */
@Timeout(60)
class GatewayOverMqttTest {
    private static final String CONTROLLER = "proto::mqtt-test-controller";
    private static final String CONTROLLER_TOPIC = "usp/controller/test";

    @TempDir
    Path dir;

    private MosquittoBroker broker;
    private GatewayAgent.Running gateway;
    private MqttTransport controller;

    @BeforeEach
    void startBroker() throws Exception {
        broker = MosquittoBroker.start(dir);
    }

    @AfterEach
    void stop() {
        if (controller != null) {
            controller.close();
        }
        if (gateway != null) {
            gateway.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void answersAControllerOverMqttInBothVersions() throws InterruptedException {
        for (String version : new String[] {"5", "3.1.1"}) {
            GatewayOptions options = GatewayOptions.parse("--data-dir", dir.resolve("data-" + version).toString(),
                    "--mqtt", "tcp://127.0.0.1:" + broker.port(), "--mqtt-version", version, "--controller", CONTROLLER,
                    "--controller-topic", CONTROLLER_TOPIC);

            BlockingQueue<Msg> inbox = new LinkedBlockingQueue<>();
            java.util.concurrent.CountDownLatch agentReady = new java.util.concurrent.CountDownLatch(1);
            controller = new MqttTransport(MqttSettings.builder(CONTROLLER, "127.0.0.1", broker.port())
                    .version(options.mqttVersion())
                    .subscribe(CONTROLLER_TOPIC)
                    .responseTopic(CONTROLLER_TOPIC)
                    .connectRecords(false)
                    .build());
            controller.start(new RecordReceiver() {
                @Override
                public void onRecord(InboundRecord record) {
                    var r = RecordCodec.decode(record.bytes());
                    if (r.hasNoSessionContext()) {
                        inbox.add(MessageCodec.decode(RecordCodec.payload(r)));
                    } else if (r.hasMqttConnect()) {
                        agentReady.countDown(); // the agent is subscribed: what we send now reaches it
                    }
                }
            });
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!controller.isConnected() && System.nanoTime() < end) {
                Thread.sleep(20);
            }
            assertThat(controller.isConnected()).as("controller connected to the broker").isTrue();
            // The Controller listens before the gateway starts, so it hears the agent's connect record.
            gateway = GatewayAgent.start(options, new Transports(options));
            // The agent announces itself to the Controller whose topic it was given once it has subscribed.
            assertThat(agentReady.await(15, TimeUnit.SECONDS)).as("the agent's MQTT connect record").isTrue();

            Msg get = Messages.request("get-1", Request.newBuilder()
                    .setGet(Get.newBuilder().addParamPaths("Device.DeviceInfo.Manufacturer")).build());
            Destination agent = new Destination(options.endpointId(), Map.of(MqttTransport.TOPIC, options.agentTopic()));
            controller.send(agent, RecordCodec.encode(RecordCodec.noSessionContext(options.endpointId(), CONTROLLER, get)))
                    .toCompletableFuture().join();
            Msg answer = awaitMessage(inbox, "get-1");
            assertThat(answer.getBody().getResponse().getGetResp().getReqPathResults(0).getResolvedPathResults(0)
                    .getResultParamsMap()).containsEntry("Manufacturer", "ACME Networks");

            controller.close();
            controller = null;
            gateway.close();
            gateway = null;
        }
    }

    private static Msg awaitMessage(BlockingQueue<Msg> inbox, String msgId) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        for (long left; (left = end - System.nanoTime()) > 0; ) {
            Msg m = inbox.poll(left, TimeUnit.NANOSECONDS);
            if (m != null && m.getHeader().getMsgId().equals(msgId) && m.getBody().getMsgBodyCase() == Body.MsgBodyCase.RESPONSE) {
                return m;
            }
        }
        throw new AssertionError("no answer to " + msgId);
    }
}
