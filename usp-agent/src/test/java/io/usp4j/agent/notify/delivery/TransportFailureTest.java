package io.usp4j.agent.notify.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.usp4j.agent.UspAgent;
import io.usp4j.agent.notify.NotificationDelivery.Policy;
import io.usp4j.agent.notify.delivery.NotificationOutbox.Outcome;
import io.usp4j.agent.testing.ManualTime;
import io.usp4j.core.message.MessageCodec;
import io.usp4j.core.message.Messages;
import io.usp4j.core.proto.msg.GetSupportedProtocol;
import io.usp4j.core.proto.msg.Msg;
import io.usp4j.core.proto.msg.Request;
import io.usp4j.core.proto.record.Record;
import io.usp4j.core.record.RecordCodec;
import io.usp4j.core.transport.Destination;
import io.usp4j.core.transport.InboundRecord;
import io.usp4j.core.transport.MessageTransport;
import io.usp4j.core.transport.RecordReceiver;
import io.usp4j.core.transport.TransportException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Sends the transport refuses while the route looks up (a broker that rejects a publish, a socket that fails
 * before anyone noticed), and sends that complete later on the transport's own thread.
 */
class TransportFailureTest {
    private static final String AGENT = "proto::agent-under-test";
    private static final String CONTROLLER = "proto::test-controller";

    /** A transport that never reports connection changes and refuses, holds or takes each send as told. */
    private static final class FakeTransport implements MessageTransport {
        enum Mode { TAKE, REFUSE, HOLD }

        volatile RecordReceiver receiver;
        volatile Mode mode = Mode.TAKE;
        final List<Record> taken = new CopyOnWriteArrayList<>();
        final LinkedBlockingQueue<CompletableFuture<Void>> held = new LinkedBlockingQueue<>();

        @Override
        public String protocol() {
            return "MQTT";
        }

        @Override
        public void start(RecordReceiver r) {
            this.receiver = r;
        }

        @Override
        public CompletionStage<Void> send(Destination destination, byte[] record) {
            switch (mode) {
                case REFUSE:
                    return CompletableFuture.failedFuture(new TransportException("broker refused the publish"));
                case HOLD:
                    CompletableFuture<Void> f = new CompletableFuture<>();
                    held.add(f);
                    return f;
                default:
                    taken.add(RecordCodec.decode(record));
                    return CompletableFuture.completedFuture(null);
            }
        }

        void inbound(Msg msg) {
            receiver.onRecord(new InboundRecord(RecordCodec.encode(RecordCodec.noSessionContext(AGENT, CONTROLLER, msg)),
                    this, Destination.of(CONTROLLER), CONTROLLER));
        }

        @Override
        public void close() {
        }
    }

    private final ManualTime time = new ManualTime(DeliveryFixture.START);
    private final FakeTransport transport = new FakeTransport();

    private UspAgent start() {
        UspAgent agent = UspAgent.builder().endpointId(AGENT).transport(transport).clock(time).timers(time)
                .deliverySettings(DeliverySettings.defaults().withRandom(FixedRandom.fraction(0.5)))
                .build();
        agent.start();
        time.runOn(agent::execute);
        // The Controller speaks first, so the agent knows the way; its answer goes out.
        transport.inbound(Messages.request("hello", Request.newBuilder()
                .setGetSupportedProtocol(GetSupportedProtocol.newBuilder().setControllerSupportedProtocolVersions("1.4"))
                .build()));
        sync(agent);
        assertThat(transport.taken).hasSize(1);
        transport.taken.clear();
        return agent;
    }

    private static <T> T on(UspAgent agent, java.util.concurrent.Callable<T> task) {
        try {
            return agent.call(task).get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static void sync(UspAgent agent) {
        on(agent, () -> null);
    }

    @Test
    void aRefusedOnceNotificationIsTriedAgainLater() {
        try (UspAgent agent = start()) {
            transport.mode = FakeTransport.Mode.REFUSE;
            NotificationOutbox.Delivery d = on(agent, () -> agent.notificationOutbox()
                    .send(CONTROLLER, DeliveryFixture.valueChange("vc", "A"), Policy.ONCE));
            assertThat(agent.notificationOutbox().stats().sendFailures()).isEqualTo(1);
            assertThat(d.outcome().toCompletableFuture()).isNotDone();
            // Re-attempts with the notification backoff: 7.5 s, then 15 s later.
            time.advance(Duration.ofMillis(7_500));
            assertThat(agent.notificationOutbox().stats().sendFailures()).isEqualTo(2);
            transport.mode = FakeTransport.Mode.TAKE;
            time.advance(Duration.ofMillis(14_999));
            assertThat(transport.taken).isEmpty();
            time.advance(Duration.ofMillis(1));
            assertThat(transport.taken).hasSize(1);
            Msg m = MessageCodec.decode(RecordCodec.payload(transport.taken.get(0)));
            assertThat(m.getHeader().getMsgId()).isEqualTo(d.msgId());
            assertThat(m.getBody().getRequest().getNotify().getSendResp()).isFalse();
            assertThat(d.outcome().toCompletableFuture().join()).isEqualTo(Outcome.SENT);
            // Sent once: nothing more, ever.
            time.advance(Duration.ofDays(1));
            assertThat(transport.taken).hasSize(1);
        }
    }

    @Test
    void aRefusedSendOfARetriedNotificationCountsAsAnAttempt() {
        try (UspAgent agent = start()) {
            transport.mode = FakeTransport.Mode.REFUSE;
            NotificationOutbox.Delivery d = on(agent, () -> agent.notificationOutbox()
                    .send(CONTROLLER, DeliveryFixture.valueChange("vc", "A"), new Policy(true, Duration.ZERO)));
            transport.mode = FakeTransport.Mode.TAKE;
            time.advance(Duration.ofMillis(7_499));
            assertThat(transport.taken).isEmpty();
            time.advance(Duration.ofMillis(1));
            assertThat(transport.taken).hasSize(1);
            assertThat(d.outcome().toCompletableFuture()).isNotDone();
            assertThat(agent.notificationOutbox().stats()).isEqualTo(new DeliveryStats(1, 1, 1, 1, 0, 0, 0, 0, 1));
        }
    }

    @Test
    void aSendThatCompletesLaterIsAccountedOnTheAgentThread() throws Exception {
        try (UspAgent agent = start()) {
            transport.mode = FakeTransport.Mode.HOLD;
            NotificationOutbox.Delivery d = on(agent, () -> agent.notificationOutbox()
                    .send(CONTROLLER, DeliveryFixture.valueChange("vc", "A"), Policy.ONCE));
            CompletableFuture<Void> pendingSend = transport.held.poll(5, TimeUnit.SECONDS);
            assertThat(pendingSend).isNotNull();
            assertThat(d.outcome().toCompletableFuture()).isNotDone();
            // The transport's thread reports success; the outbox hears it on the agent thread.
            Thread t = new Thread(() -> pendingSend.complete(null), "transport-thread");
            t.start();
            t.join();
            assertThat(d.outcome().toCompletableFuture().get(5, TimeUnit.SECONDS)).isEqualTo(Outcome.SENT);
            sync(agent);
            assertThat(agent.notificationOutbox().stats().sent()).isEqualTo(1);
            assertThat(agent.notificationOutbox().stats().pending()).isZero();
        }
    }
}
