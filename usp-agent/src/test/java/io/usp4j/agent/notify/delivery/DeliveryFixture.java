package io.usp4j.agent.notify.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.usp4j.agent.UspAgent;
import io.usp4j.agent.notify.NotificationDelivery.Policy;
import io.usp4j.agent.testing.ManualTime;
import io.usp4j.agent.testing.TestController;
import io.usp4j.core.message.MessageCodec;
import io.usp4j.core.message.Messages;
import io.usp4j.core.proto.msg.Header;
import io.usp4j.core.proto.msg.Msg;
import io.usp4j.core.proto.msg.Notify;
import io.usp4j.core.proto.msg.NotifyResp;
import io.usp4j.core.proto.msg.Response;
import io.usp4j.core.proto.record.Record;
import io.usp4j.core.record.RecordCodec;
import io.usp4j.datamodel.instance.DataModel;
import io.usp4j.datamodel.instance.Transaction;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * An agent on {@link ManualTime} joined to a {@link TestController}, with a Controller row for the test
 * controller ({@code Device.LocalAgent.Controller.1.}, enabled) and helpers to read the Notify Records it
 * sends and to answer them.
 */
final class DeliveryFixture implements AutoCloseable {
    static final String CONTROLLER = TestController.CONTROLLER_ID;
    static final String ROW = "Device.LocalAgent.Controller.1.";
    static final Instant START = Instant.parse("2024-03-01T00:00:00Z");

    final ManualTime time = new ManualTime(START);
    final TestController controller;

    private DeliveryFixture(DeliverySettings settings, Consumer<UspAgent.Builder> more, Map<String, String> row) {
        controller = TestController.start(b -> {
            b.clock(time).timers(time).deliverySettings(settings);
            more.accept(b);
        });
        time.runOn(controller.agent()::execute);
        if (row != null) {
            controller.onAgent(() -> {
                Map<String, String> values = new LinkedHashMap<>();
                values.put("EndpointID", CONTROLLER);
                values.put("Enable", "true");
                values.putAll(row);
                Transaction tx = model().begin();
                try {
                    assertThat(tx.create("Device.LocalAgent.Controller.", values).instancePath()).isEqualTo(ROW);
                    tx.commit();
                } finally {
                    tx.rollback();
                }
                return null;
            });
        }
    }

    /** An agent whose retry waits are always {@code fraction} of the way through their window. */
    static DeliveryFixture start(double fraction) {
        return start(DeliverySettings.defaults().withRandom(FixedRandom.fraction(fraction)), b -> { }, Map.of());
    }

    static DeliveryFixture start(DeliverySettings settings, Consumer<UspAgent.Builder> more, Map<String, String> row) {
        return new DeliveryFixture(settings, more, row);
    }

    UspAgent agent() {
        return controller.agent();
    }

    DataModel model() {
        return controller.agent().dataModel();
    }

    NotificationOutbox outbox() {
        return controller.agent().notificationOutbox();
    }

    /** Lets the agent learn the way to the controller (its first Record), checking nothing was sent before. */
    void introduce() {
        assertThat(TestController.isProbeAnswer(controller.probe())).isTrue();
    }

    /** Hands a notification to the outbox on the agent thread, to be sent once. */
    NotificationOutbox.Delivery sendOnce(Notify notify) {
        return send(notify, Policy.ONCE);
    }

    /** Hands a notification to the outbox on the agent thread. */
    NotificationOutbox.Delivery send(Notify notify, Policy policy) {
        return controller.onAgent(() -> outbox().send(CONTROLLER, notify, policy));
    }

    /** Moves time forward by {@code millis}. */
    void advanceMillis(long millis) {
        time.advance(Duration.ofMillis(millis));
    }

    /** Asserts that the agent has sent nothing (after letting it finish what it was doing). */
    void assertNothingSent() {
        controller.onAgent(() -> null);
        Record r = controller.poll();
        assertThat(r).as("a Record the agent should not have sent").isNull();
    }

    /** The next Record, which must be a Notify in a no_session_context Record to the controller. */
    Msg nextNotify() {
        return notifyIn(controller.next());
    }

    /** The Record that has arrived already (none pending otherwise), which must be a Notify. */
    Msg sentNow() {
        controller.onAgent(() -> null);
        Record r = controller.poll();
        assertThat(r).as("the Record the agent should have sent by now").isNotNull();
        return notifyIn(r);
    }

    static Msg notifyIn(Record r) {
        assertThat(r.getToId()).isEqualTo(CONTROLLER);
        assertThat(r.getFromId()).isEqualTo(TestController.AGENT_ID);
        assertThat(r.getVersion()).isEqualTo("1.4");
        assertThat(r.hasNoSessionContext()).isTrue();
        Msg m = MessageCodec.decode(RecordCodec.payload(r));
        assertThat(m.getHeader().getMsgType()).isEqualTo(Header.MsgType.NOTIFY);
        assertThat(m.getBody().getRequest().hasNotify()).isTrue();
        return m;
    }

    /** Answers a Notify with a NotifyResp and waits until the agent has processed it. */
    void notifyResp(String msgId, String subscriptionId) {
        answer(Messages.response(msgId, Response.newBuilder()
                .setNotifyResp(NotifyResp.newBuilder().setSubscriptionId(subscriptionId)).build()));
    }

    /** Sends an answer Message and waits until the agent has processed it. */
    void answer(Msg msg) {
        controller.sendRecord(RecordCodec.noSessionContext(TestController.AGENT_ID, CONTROLLER, msg));
        controller.onAgent(() -> null);
    }

    DeliveryStats stats() {
        return outbox().stats();
    }

    int pending() {
        return controller.onAgent(() -> outbox().pending(CONTROLLER));
    }

    /** Sets parameters of the Controller row directly (as firmware would). */
    void setRow(String name, Object value) {
        controller.onAgent(() -> {
            model().update(ROW + name, value);
            return null;
        });
    }

    static Notify valueChange(String subscriptionId, String value) {
        return Notify.newBuilder().setSubscriptionId(subscriptionId)
                .setValueChange(Notify.ValueChange.newBuilder()
                        .setParamPath(ROW + "ProvisioningCode").setParamValue(value))
                .build();
    }

    static List<String> values(List<Msg> msgs) {
        return msgs.stream().map(m -> m.getBody().getRequest().getNotify().getValueChange().getParamValue()).toList();
    }

    @Override
    public void close() {
        controller.close();
    }
}
