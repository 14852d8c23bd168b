package io.usp4j.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.usp4j.agent.testing.TestController;
import io.usp4j.core.message.MessageCodec;
import io.usp4j.core.message.Messages;
import io.usp4j.core.proto.msg.Get;
import io.usp4j.core.proto.msg.Msg;
import io.usp4j.core.proto.msg.Request;
import io.usp4j.core.proto.record.Record;
import io.usp4j.core.record.RecordCodec;
import io.usp4j.core.transport.InMemoryTransport;
import io.usp4j.core.transport.InboundRecord;
import io.usp4j.core.transport.RecordReceiver;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Transports attached to and detached from a running agent. */
class RuntimeTransportTest {

    private static Request getEndpointId() {
        return Request.newBuilder().setGet(Get.newBuilder().addParamPaths("Device.LocalAgent.EndpointID")).build();
    }

    @Test
    void aTransportAttachedAfterStartIsAnsweredOnAndADetachedOneIsClosed() throws Exception {
        try (TestController c = TestController.start()) {
            UspAgent agent = c.agent();
            InMemoryTransport.Pair pair = InMemoryTransport.pair("MQTT", TestController.AGENT_ID, TestController.CONTROLLER_ID);
            BlockingQueue<Record> received = new LinkedBlockingQueue<>();
            pair.second().start(new RecordReceiver() {
                @Override
                public void onRecord(InboundRecord record) {
                    received.add(RecordCodec.decode(record.bytes()));
                }
            });
            agent.addTransport(pair.first());

            byte[] get = RecordCodec.encode(RecordCodec.noSessionContext(TestController.AGENT_ID, TestController.CONTROLLER_ID,
                    Messages.request("late-1", getEndpointId())));
            pair.second().send(pair.first().address(), get).toCompletableFuture().get(5, TimeUnit.SECONDS);
            Record answer = received.poll(5, TimeUnit.SECONDS);
            assertThat(answer).isNotNull();
            Msg msg = MessageCodec.decode(RecordCodec.payload(answer));
            assertThat(msg.getHeader().getMsgId()).isEqualTo("late-1");
            assertThat(msg.getBody().getResponse().getGetResp().getReqPathResults(0).getResolvedPathResults(0)
                    .getResultParamsMap()).containsEntry("EndpointID", TestController.AGENT_ID);

            assertThat(agent.removeTransport(pair.first())).isTrue();
            assertThat(agent.removeTransport(pair.first())).isFalse();
            // Closed: the agent no longer hears it.
            assertThat(pair.second().send(pair.first().address(), get).toCompletableFuture()).isCompletedExceptionally();
            // The build-time transport still works.
            assertThat(c.send(getEndpointId()).getHeader().getMsgType()).isNotNull();
        }
    }

    @Test
    void aTransportAttachedBeforeStartStartsWithTheAgent() throws Exception {
        InMemoryTransport.Pair pair = InMemoryTransport.pair("MQTT", TestController.AGENT_ID, TestController.CONTROLLER_ID);
        BlockingQueue<Record> received = new LinkedBlockingQueue<>();
        pair.second().start(new RecordReceiver() {
            @Override
            public void onRecord(InboundRecord record) {
                received.add(RecordCodec.decode(record.bytes()));
            }
        });
        UspAgent agent = UspAgent.builder().endpointId(TestController.AGENT_ID).build();
        try {
            agent.addTransport(pair.first());
            assertThatThrownBy(() -> agent.addTransport(pair.first())).isInstanceOf(IllegalArgumentException.class);
            byte[] get = RecordCodec.encode(RecordCodec.noSessionContext(TestController.AGENT_ID, TestController.CONTROLLER_ID,
                    Messages.request("early-1", getEndpointId())));
            // Not started yet: the transport has no receiver, so the send fails.
            assertThat(pair.second().send(pair.first().address(), get).toCompletableFuture()).isCompletedExceptionally();
            agent.start();
            pair.second().send(pair.first().address(), get).toCompletableFuture().get(5, TimeUnit.SECONDS);
            Record answer = received.poll(5, TimeUnit.SECONDS);
            assertThat(answer).isNotNull();
            assertThat(MessageCodec.decode(RecordCodec.payload(answer)).getHeader().getMsgId()).isEqualTo("early-1");
        } finally {
            agent.close();
        }
        assertThatThrownBy(() -> agent.addTransport(InMemoryTransport.pair("MQTT", "a", "b").first()))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aDeclaredProtocolIsListedInSupportedProtocols() throws Exception {
        try (TestController c = TestController.start(b -> b.supportedProtocol("STOMP").supportedProtocol("MQTT"))) {
            assertThat(c.onAgent(() -> c.agent().dataModel().view().value("Device.LocalAgent.SupportedProtocols")))
                    .isEqualTo("MQTT,STOMP");
        }
        try (TestController c = TestController.start()) {
            assertThat(c.onAgent(() -> c.agent().dataModel().view().value("Device.LocalAgent.SupportedProtocols")))
                    .isEqualTo("MQTT");
        }
    }
}
