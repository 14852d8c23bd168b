package io.usp4j.agent.notify.delivery;

import static io.usp4j.agent.notify.delivery.DeliveryFixture.CONTROLLER;
import static io.usp4j.agent.notify.delivery.DeliveryFixture.valueChange;
import static io.usp4j.agent.notify.delivery.DeliveryFixture.values;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.usp4j.agent.notify.NotificationDelivery.Policy;
import io.usp4j.agent.notify.delivery.NotificationOutbox.Outcome;
import io.usp4j.agent.testing.TestController;
import io.usp4j.core.error.ErrorCode;
import io.usp4j.core.message.Messages;
import io.usp4j.core.proto.msg.GetResp;
import io.usp4j.core.proto.msg.Msg;
import io.usp4j.core.proto.msg.Notify;
import io.usp4j.core.proto.msg.Response;
import io.usp4j.core.transport.RetryInterval;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The outbox, called directly: send once, retry with the R-NOT.1 backoff until a NotifyResp, expiration,
 * queueing while the Controller is unreachable, the per-Controller bound. TP-469 1.54 and the delivery side
 * of 1.56 are here with a ValueChange notification made by hand (the subscriptions that make them are not
 * this package's).
 */
class NotificationOutboxTest {
    private static final Policy RETRY = new Policy(true, Duration.ZERO);
    private static final long DAY = Duration.ofDays(1).toMillis();

    private static Outcome outcome(NotificationOutbox.Delivery d) {
        assertThat(d.outcome().toCompletableFuture()).as("outcome of " + d.msgId()).isDone();
        return d.outcome().toCompletableFuture().join();
    }

    private static boolean open(NotificationOutbox.Delivery d) {
        return !d.outcome().toCompletableFuture().isDone();
    }

    @Test
    void sendOnceGoesOutWithSendRespFalseAndIsNeverRepeated() {
        try (DeliveryFixture f = DeliveryFixture.start(0.5)) {
            f.introduce();
            NotificationOutbox.Delivery d = f.sendOnce(valueChange("vc-1", "A"));

            Msg m = f.nextNotify();
            assertThat(m.getHeader().getMsgId()).isEqualTo(d.msgId());
            assertThat(m.getBody().getRequest().getNotify()).isEqualTo(Notify.newBuilder()
                    .setSubscriptionId("vc-1").setSendResp(false)
                    .setValueChange(Notify.ValueChange.newBuilder()
                            .setParamPath("Device.LocalAgent.Controller.1.ProvisioningCode").setParamValue("A"))
                    .build());
            assertThat(outcome(d)).isEqualTo(Outcome.SENT);

            f.advanceMillis(DAY);
            f.assertNothingSent();
            assertThat(f.stats()).isEqualTo(new DeliveryStats(1, 1, 0, 0, 0, 0, 0, 0, 0));
        }
    }

    @Test
    void everyNotificationGetsItsOwnMsgId() {
        try (DeliveryFixture f = DeliveryFixture.start(0.5)) {
            f.introduce();
            NotificationOutbox.Delivery a = f.sendOnce(valueChange("vc-1", "A"));
            NotificationOutbox.Delivery b = f.send(valueChange("vc-1", "B"), RETRY);
            assertThat(f.nextNotify().getHeader().getMsgId()).isEqualTo(a.msgId());
            assertThat(f.nextNotify().getHeader().getMsgId()).isEqualTo(b.msgId());
            assertThat(a.msgId()).isNotEqualTo(b.msgId()).isNotEmpty();
        }
    }

    @Test
    void tp469_1_54_notificationRetryWaitsInsideTheWindows() {
        // Waits always half-way: first retry 7.5 s after the send (window 5-10), second 15 s later (10-20),
        // third 30 s later (20-40).
        try (DeliveryFixture f = DeliveryFixture.start(0.5)) {
            f.introduce();
            NotificationOutbox.Delivery d = f.send(valueChange("notify54", "A"), RETRY);
            Msg first = f.sentNow();
            assertThat(first.getBody().getRequest().getNotify().getSendResp()).isTrue();

            long[] waits = {7_500, 15_000, 30_000};
            for (long wait : waits) {
                f.advanceMillis(wait - 1);
                f.assertNothingSent();
                f.advanceMillis(1);
                Msg retry = f.sentNow();
                // A retry re-sends the same Message: same msg_id, same content.
                assertThat(retry).isEqualTo(first);
            }
            assertThat(open(d)).isTrue();
            assertThat(f.stats()).isEqualTo(new DeliveryStats(1, 4, 3, 0, 0, 0, 0, 0, 1));
        }
    }

    @Test
    void tp469_1_54_seededRandomRetriesFallInsideTheirWindows() {
        // Real randomness (seeded): each gap between sends lies in [5·2^(n−1), 5·2^n] s. Time moves in 100 ms
        // steps, so each measured gap may be off by one step.
        DeliverySettings settings = DeliverySettings.defaults().withRandom(new Random(20240301));
        try (DeliveryFixture f = DeliveryFixture.start(settings, b -> { }, Map.of())) {
            f.introduce();
            f.send(valueChange("notify54", "A"), RETRY);
            f.sentNow();
            List<Long> sends = new ArrayList<>(List.of(0L));
            long now = 0;
            while (sends.size() < 7) {
                f.advanceMillis(100);
                now += 100;
                if (f.controller.poll() != null) {
                    sends.add(now);
                }
            }
            for (int n = 1; n < sends.size(); n++) {
                long gap = sends.get(n) - sends.get(n - 1);
                long lo = RetryInterval.of(Duration.ofSeconds(5), 2000).lower(n).toMillis();
                long hi = RetryInterval.of(Duration.ofSeconds(5), 2000).upper(n).toMillis();
                assertThat(gap).as("gap before retry %d", n).isBetween(lo - 100, hi + 100);
            }
        }
    }

    @Test
    void fromTheTenthRetryOnTheWindowStopsGrowing() {
        // m=1, k=2000 and waits at the bottom of each window: 1, 2, 4, ..., 512, then 512 again and again.
        try (DeliveryFixture f = DeliveryFixture.start(DeliverySettings.defaults().withRandom(FixedRandom.fraction(0)),
                b -> { }, Map.of("USPNotifRetryMinimumWaitInterval", "1"))) {
            f.introduce();
            f.send(valueChange("vc", "A"), RETRY);
            f.sentNow();
            long[] waits = {1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 512, 512};
            for (long wait : waits) {
                f.advanceMillis(wait * 1000 - 1);
                f.assertNothingSent();
                f.advanceMillis(1);
                f.sentNow();
            }
        }
    }

    @Test
    void theControllersMinimumWaitAndMultiplierAreReadAtEachRetry() {
        // m=2, k=3000, half-way: first retry after 4 s (window 2-6); then m becomes 10: second after
        // 10·3 + (10·9 − 10·3)/2 = 60 s.
        try (DeliveryFixture f = DeliveryFixture.start(DeliverySettings.defaults().withRandom(FixedRandom.fraction(0.5)),
                b -> { }, Map.of("USPNotifRetryMinimumWaitInterval", "2", "USPNotifRetryIntervalMultiplier", "3000"))) {
            f.introduce();
            f.send(valueChange("vc", "A"), RETRY);
            f.sentNow();
            f.advanceMillis(3_999);
            f.assertNothingSent();
            f.setRow("USPNotifRetryMinimumWaitInterval", 10);
            f.advanceMillis(1);
            f.sentNow();
            f.advanceMillis(59_999);
            f.assertNothingSent();
            f.advanceMillis(1);
            f.sentNow();
        }
    }

    @Test
    void aControllerWithoutRowGetsTheDefaults() {
        try (DeliveryFixture f = DeliveryFixture.start(DeliverySettings.defaults().withRandom(FixedRandom.fraction(0)),
                b -> { }, null)) {
            f.introduce();
            f.send(valueChange("vc", "A"), RETRY);
            f.sentNow();
            f.advanceMillis(4_999);
            f.assertNothingSent();
            f.advanceMillis(1);
            f.sentNow();
        }
    }

    @Test
    void notifyRespStopsTheRetries() {
        try (DeliveryFixture f = DeliveryFixture.start(0.5)) {
            f.introduce();
            NotificationOutbox.Delivery d = f.send(valueChange("vc-1", "A"), RETRY);
            String id = f.sentNow().getHeader().getMsgId();
            f.advanceMillis(7_500);
            f.sentNow();
            // The subscription_id echoed is not checked (R-NOT.9).
            f.notifyResp(id, "whatever");
            assertThat(outcome(d)).isEqualTo(Outcome.DELIVERED);

            f.advanceMillis(DAY);
            f.assertNothingSent();
            assertThat(f.stats()).isEqualTo(new DeliveryStats(1, 2, 1, 0, 1, 0, 0, 0, 0));
            assertThat(f.pending()).isZero();
        }
    }

    @Test
    void theNextNotificationStartsAtTheFirstRetryAgain() {
        // R-NOT.3: after a delivery the count is back to zero (per notification here, so trivially).
        try (DeliveryFixture f = DeliveryFixture.start(0.5)) {
            f.introduce();
            f.send(valueChange("vc-1", "A"), RETRY);
            String id = f.sentNow().getHeader().getMsgId();
            f.advanceMillis(7_500 + 15_000 + 30_000);
            f.sentNow();
            f.sentNow();
            f.sentNow();
            f.notifyResp(id, "vc-1");

            f.send(valueChange("vc-1", "B"), RETRY);
            f.sentNow();
            f.advanceMillis(7_499);
            f.assertNothingSent();
            f.advanceMillis(1);
            assertThat(values(List.of(f.sentNow()))).containsExactly("B");
        }
    }

    @Test
    void aLateNotifyRespToAnEarlierCopyStillCounts() {
        try (DeliveryFixture f = DeliveryFixture.start(0.5)) {
            f.introduce();
            NotificationOutbox.Delivery d = f.send(valueChange("vc-1", "A"), RETRY);
            String id = f.sentNow().getHeader().getMsgId();
            f.advanceMillis(7_500 + 15_000);
            assertThat(f.sentNow().getHeader().getMsgId()).isEqualTo(id);
            assertThat(f.sentNow().getHeader().getMsgId()).isEqualTo(id);
            f.notifyResp(id, "vc-1");
            assertThat(outcome(d)).isEqualTo(Outcome.DELIVERED);
            // A second answer (to another copy) matches nothing any more and is ignored.
            f.notifyResp(id, "vc-1");
            assertThat(f.stats().delivered()).isEqualTo(1);
        }
    }

    @Test
    void anErrorAnswerEndsTheRetries() {
        try (DeliveryFixture f = DeliveryFixture.start(0.5)) {
            f.introduce();
            NotificationOutbox.Delivery d = f.send(valueChange("vc-1", "A"), RETRY);
            String id = f.sentNow().getHeader().getMsgId();
            f.answer(Messages.error(id, ErrorCode.REQUEST_DENIED, "not now", List.of()));
            assertThat(outcome(d)).isEqualTo(Outcome.REJECTED);
            f.advanceMillis(DAY);
            f.assertNothingSent();
            assertThat(f.stats()).isEqualTo(new DeliveryStats(1, 1, 0, 0, 0, 1, 0, 0, 0));
        }
    }

    @Test
    void answersThatMatchNothingOutstandingAreIgnored() {
        try (DeliveryFixture f = DeliveryFixture.start(0.5)) {
            f.introduce();
            NotificationOutbox.Delivery once = f.sendOnce(valueChange("vc-1", "once"));
            String onceId = f.sentNow().getHeader().getMsgId();
            NotificationOutbox.Delivery d = f.send(valueChange("vc-1", "A"), RETRY);
            String id = f.sentNow().getHeader().getMsgId();

            f.notifyResp("no-such-msg", "vc-1");
            f.notifyResp(onceId, "vc-1"); // send_resp was false: any answer is ignored (R-NOT.8)
            f.answer(Messages.error("no-such-msg", ErrorCode.MESSAGE_FAILED, null, List.of()));
            // The right msg_id, but not a NotifyResp.
            f.answer(Messages.response(id, Response.newBuilder().setGetResp(GetResp.getDefaultInstance()).build()));

            assertThat(outcome(once)).isEqualTo(Outcome.SENT);
            assertThat(open(d)).isTrue();
            f.advanceMillis(7_500);
            assertThat(f.sentNow().getHeader().getMsgId()).isEqualTo(id);
            assertThat(f.stats().delivered()).isZero();
            assertThat(f.stats().rejected()).isZero();
        }
    }

    @Test
    void tp469_1_56_retriesStopWhenTheExpirationPasses() {
        // NotifExpiration 20 s, waits at 90% of each window: the first retry at 9.5 s is within the 20 s, the
        // second would be at 9.5 + 19 = 28.5 s, past it: never sent.
        try (DeliveryFixture f = DeliveryFixture.start(0.9)) {
            f.introduce();
            NotificationOutbox.Delivery d = f.send(valueChange("notify56", "A"), new Policy(true, Duration.ofSeconds(20)));
            f.sentNow();
            f.advanceMillis(9_499);
            f.assertNothingSent();
            f.advanceMillis(1);
            f.sentNow();
            f.advanceMillis(10_499);
            f.assertNothingSent();
            assertThat(open(d)).isTrue();
            f.advanceMillis(1);
            assertThat(outcome(d)).isEqualTo(Outcome.EXPIRED);
            f.advanceMillis(DAY);
            f.assertNothingSent();
            assertThat(f.stats()).isEqualTo(new DeliveryStats(1, 2, 1, 0, 0, 0, 1, 0, 0));
        }
    }

    @Test
    void tp469_1_56_seededRandomNoRetryAfterTheExpiration() {
        DeliverySettings settings = DeliverySettings.defaults().withRandom(new Random(56));
        for (int run = 0; run < 5; run++) {
            try (DeliveryFixture f = DeliveryFixture.start(settings, b -> { }, Map.of())) {
                f.introduce();
                f.send(valueChange("notify56", "A"), new Policy(true, Duration.ofSeconds(20)));
                f.sentNow();
                int retries = 0;
                for (long t = 100; t <= 120_000; t += 100) {
                    f.advanceMillis(100);
                    if (f.controller.poll() != null) {
                        assertThat(t).as("a retry after the expiration").isLessThanOrEqualTo(20_000);
                        retries++;
                    }
                }
                // 5-10 s then 10-20 s later: one or two retries fit in 20 s.
                assertThat(retries).isBetween(1, 2);
                assertThat(f.stats().expired()).isEqualTo(1);
            }
        }
    }

    @Test
    void waitsForAControllerThatHasNotSpokenYet() {
        try (DeliveryFixture f = DeliveryFixture.start(0.5)) {
            NotificationOutbox.Delivery d = f.sendOnce(valueChange("vc-1", "A"));
            f.assertNothingSent();
            assertThat(f.pending()).isEqualTo(1);
            assertThat(open(d)).isTrue();
            // Its first Record shows the way: the queued notification goes out before the probe is answered.
            Msg first = DeliveryFixture.notifyIn(f.controller.probe());
            assertThat(first.getHeader().getMsgId()).isEqualTo(d.msgId());
            assertThat(TestController.isProbeAnswer(f.controller.next())).isTrue();
            assertThat(outcome(d)).isEqualTo(Outcome.SENT);
        }
    }

    @Test
    void queuedWhileDisconnectedThenFlushedInOrderOnReconnect() {
        try (DeliveryFixture f = DeliveryFixture.start(0.5)) {
            f.introduce();
            f.controller.transport().disconnect();
            f.sendOnce(valueChange("vc-1", "A"));
            f.send(valueChange("vc-1", "B"), RETRY);
            f.sendOnce(valueChange("vc-1", "C"));
            f.advanceMillis(DAY); // nothing is sent, nothing expires, nothing is lost
            assertThat(f.pending()).isEqualTo(3);
            assertThat(f.stats().sent()).isZero();
            assertThat(f.stats().sendFailures()).isZero();

            f.controller.transport().reconnect();
            List<Msg> got = List.of(f.nextNotify(), f.nextNotify(), f.nextNotify());
            assertThat(values(got)).containsExactly("A", "B", "C");
            assertThat(got.stream().map(m -> m.getBody().getRequest().getNotify().getSendResp()).toList())
                    .containsExactly(false, true, false);
            f.assertNothingSent();
            assertThat(f.pending()).isEqualTo(1); // B waits for its NotifyResp
        }
    }

    @Test
    void aRetryThatFellDueWhileDisconnectedGoesOutOnReconnect() {
        try (DeliveryFixture f = DeliveryFixture.start(0.5)) {
            f.introduce();
            NotificationOutbox.Delivery d = f.send(valueChange("vc-1", "A"), RETRY);
            Msg first = f.sentNow();
            f.controller.transport().disconnect();
            f.advanceMillis(60_000); // the first retry fell due at 7.5 s
            f.controller.transport().reconnect();
            assertThat(f.nextNotify()).isEqualTo(first);
            // The next wait (retry 2: 15 s) counts from that send.
            f.advanceMillis(14_999);
            f.assertNothingSent();
            f.advanceMillis(1);
            assertThat(f.sentNow()).isEqualTo(first);
            assertThat(open(d)).isTrue();
            assertThat(f.stats().retries()).isEqualTo(2);
        }
    }

    @Test
    void aReconnectBeforeTheRetryIsDueKeepsTheSchedule() {
        try (DeliveryFixture f = DeliveryFixture.start(0.5)) {
            f.introduce();
            f.send(valueChange("vc-1", "A"), RETRY);
            f.sentNow();
            f.controller.transport().disconnect();
            f.advanceMillis(3_000);
            f.controller.transport().reconnect();
            f.assertNothingSent();
            f.advanceMillis(4_499);
            f.assertNothingSent();
            f.advanceMillis(1);
            f.sentNow();
        }
    }

    @Test
    void expirationAlsoRunsWhileDisconnected() {
        try (DeliveryFixture f = DeliveryFixture.start(0.5)) {
            f.introduce();
            f.controller.transport().disconnect();
            NotificationOutbox.Delivery d = f.send(valueChange("vc-1", "A"), new Policy(true, Duration.ofSeconds(30)));
            f.advanceMillis(30_000);
            assertThat(outcome(d)).isEqualTo(Outcome.EXPIRED);
            f.controller.transport().reconnect();
            f.assertNothingSent();
            assertThat(f.stats()).isEqualTo(new DeliveryStats(1, 0, 0, 0, 0, 0, 1, 0, 0));
        }
    }

    @Test
    void theQueueBoundDropsTheOldestAndCountsIt() {
        DeliverySettings settings = DeliverySettings.defaults().withRandom(FixedRandom.fraction(0.5)).withQueueLimit(3);
        try (DeliveryFixture f = DeliveryFixture.start(settings, b -> { }, Map.of())) {
            f.introduce();
            f.controller.transport().disconnect();
            List<NotificationOutbox.Delivery> ds = new ArrayList<>();
            for (String v : List.of("1", "2", "3", "4", "5")) {
                ds.add(f.send(valueChange("vc-1", v), v.equals("1") ? RETRY : Policy.ONCE));
            }
            assertThat(outcome(ds.get(0))).isEqualTo(Outcome.DROPPED);
            assertThat(outcome(ds.get(1))).isEqualTo(Outcome.DROPPED);
            assertThat(f.pending()).isEqualTo(3);
            assertThat(f.stats().dropped()).isEqualTo(2);

            f.controller.transport().reconnect();
            assertThat(values(List.of(f.nextNotify(), f.nextNotify(), f.nextNotify()))).containsExactly("3", "4", "5");
            f.assertNothingSent();
            assertThat(f.stats()).isEqualTo(new DeliveryStats(5, 3, 0, 0, 0, 0, 0, 2, 0));
        }
    }

    @Test
    void outstandingRetriesCountTowardsTheBound() {
        DeliverySettings settings = DeliverySettings.defaults().withRandom(FixedRandom.fraction(0.5)).withQueueLimit(2);
        try (DeliveryFixture f = DeliveryFixture.start(settings, b -> { }, Map.of())) {
            f.introduce();
            NotificationOutbox.Delivery a = f.send(valueChange("vc-1", "A"), RETRY);
            NotificationOutbox.Delivery b = f.send(valueChange("vc-1", "B"), RETRY);
            f.sentNow();
            f.sentNow();
            NotificationOutbox.Delivery c = f.send(valueChange("vc-1", "C"), RETRY);
            f.sentNow();
            assertThat(outcome(a)).isEqualTo(Outcome.DROPPED);
            assertThat(open(b)).isTrue();
            assertThat(open(c)).isTrue();
            // A is no longer retried.
            f.advanceMillis(7_500);
            assertThat(values(List.of(f.sentNow(), f.sentNow()))).containsExactly("B", "C");
            f.assertNothingSent();
        }
    }

    @Test
    void deliverIsTheSameAsSend() {
        try (DeliveryFixture f = DeliveryFixture.start(0.5)) {
            f.introduce();
            f.controller.onAgent(() -> {
                f.agent().notificationOutbox().deliver(CONTROLLER, valueChange("vc-9", "Z"), Policy.ONCE);
                return null;
            });
            assertThat(values(List.of(f.nextNotify()))).containsExactly("Z");
        }
    }

    @Test
    void aNotifyWithoutNotificationIsRefused() {
        try (DeliveryFixture f = DeliveryFixture.start(0.5)) {
            assertThatThrownBy(() -> f.controller.onAgent(() -> f.outbox().send(CONTROLLER,
                    Notify.newBuilder().setSubscriptionId("x").build(), Policy.ONCE)))
                    .hasCauseInstanceOf(IllegalArgumentException.class);
        }
    }
}
