package io.usp4j.mtp.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.usp4j.core.transport.Destination;
import io.usp4j.core.transport.InboundRecord;
import io.usp4j.core.transport.RecordReceiver;
import io.usp4j.core.transport.TransportException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link MqttTransport} over a scripted client: what no real broker here does on request (refused SUBACKs, CONNACK properties). */
@Timeout(30)
class MqttTransportUnitTest {

    /** A scripted broker connection: records what the transport asked for. */
    static final class Script {
        final List<String> clientIds = new CopyOnWriteArrayList<>();
        final List<List<String>> subscribes = new CopyOnWriteArrayList<>();
        final List<List<Integer>> subscribeQos = new CopyOnWriteArrayList<>();
        final List<List<String>> unsubscribes = new CopyOnWriteArrayList<>();
        final List<String> published = new CopyOnWriteArrayList<>();
        volatile MqttClientAdapter.ConnectResult connack = new MqttClientAdapter.ConnectResult(null, null, List.of(), 2, true);
        /** How many SUBSCRIBEs are refused outright before they are granted; filters under forbidden/ always are. */
        volatile int refuseSubscribes;
        volatile MqttClientAdapter.Events events;

        MqttTransport.AdapterFactory factory() {
            return (settings, clientId, events) -> {
                clientIds.add(clientId);
                this.events = events;
                return new MqttClientAdapter() {
                    @Override
                    public ConnectResult connect() {
                        return connack;
                    }

                    @Override
                    public List<Boolean> subscribe(List<String> filters, List<Integer> qos) {
                        subscribes.add(filters);
                        subscribeQos.add(qos);
                        boolean grant = refuseSubscribes-- <= 0;
                        List<Boolean> out = new ArrayList<>(Collections.nCopies(filters.size(), grant));
                        for (int i = 0; i < filters.size(); i++) {
                            if (filters.get(i).startsWith("forbidden/")) {
                                out.set(i, false);
                            }
                        }
                        return out;
                    }

                    @Override
                    public void unsubscribe(List<String> filters) {
                        unsubscribes.add(filters);
                    }

                    @Override
                    public CompletableFuture<Void> publish(String topic, byte[] payload, int qos, boolean retain,
                            String responseTopic, String contentType) {
                        published.add(topic + " qos=" + qos + " rt=" + responseTopic + " ct=" + contentType
                                + (retain ? " retain" : ""));
                        return CompletableFuture.completedFuture(null);
                    }

                    @Override
                    public void close() {}
                };
            };
        }
    }

    static final RecordReceiver IGNORE = new RecordReceiver() {
        @Override
        public void onRecord(InboundRecord record) {}
    };

    static MqttSettings.Builder settings() {
        return MqttSettings.builder("proto::agent", "broker.invalid", 1883)
                .connectRetry(Duration.ofMillis(10), 2000, Duration.ofMillis(50));
    }

    static void await(BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("condition not met in time");
            }
            Thread.sleep(5);
        }
    }

    @Test
    void aRefusedSubscriptionBlocksPublishingAndIsRetried() throws Exception {
        Script script = new Script();
        script.refuseSubscribes = 3;
        try (MqttTransport t = new MqttTransport(settings().responseTopic("a/b").build(), script.factory(),
                RandomGenerator.of("L64X128MixRandom"))) {
            t.start(IGNORE);
            await(() -> t.status().failures() >= 1);
            assertThat(t.isConnected()).isFalse();
            assertThat(t.status().lastError()).contains("refused every subscription");
            assertThat(t.status().refused()).containsExactly("a/b");
            assertThatThrownBy(() -> t.send(new Destination("proto::c", Map.of(MqttTransport.TOPIC, "c")), new byte[] {1})
                    .toCompletableFuture().join()).hasCauseInstanceOf(TransportException.class);
            await(t::isConnected);
            assertThat(script.subscribes).hasSize(4);
            assertThat(t.status().failures()).isEqualTo(3);
            assertThat(script.published).isEmpty();
        }
    }

    /** R-MQTT.9/11: the assigned ClientId is reported once, used for reconnects, and counts as the one in use. */
    @Test
    void anAssignedClientIdIsReportedOnceAndKeptForReconnects() throws Exception {
        Script script = new Script();
        script.connack = new MqttClientAdapter.ConnectResult("assigned-9", null, List.of(), 2, true);
        List<String> reported = new CopyOnWriteArrayList<>();
        MqttSettings s = settings().subscribe("conf/#").build();
        try (MqttTransport t = new MqttTransport(s, reported::add, script.factory(), RandomGenerator.of("L64X128MixRandom"))) {
            t.start(IGNORE);
            await(t::isConnected);
            assertThat(script.clientIds).containsExactly("");
            assertThat(reported).containsExactly("assigned-9");
            assertThat(t.status().clientId()).isEqualTo("assigned-9");

            assertThat(t.reconfigure(s.toBuilder().clientId("someone-else").build())).isFalse();
            assertThat(t.reconfigure(s.toBuilder().clientId("assigned-9").subscribe("more/#").build())).isTrue();
            assertThat(t.settings().clientId()).isEqualTo("assigned-9");

            script.events.lost(new RuntimeException("gone"));
            await(() -> t.status().connects() == 2);
            assertThat(script.clientIds).containsExactly("", "assigned-9");
            assertThat(reported).containsExactly("assigned-9");
            // Once saved, an empty ClientId is a change: the owner asks for a new one.
            assertThat(t.reconfigure(s)).isFalse();
        }
    }

    @Test
    void aFailingClientIdListenerDoesNotStopTheConnection() throws Exception {
        Script script = new Script();
        script.connack = new MqttClientAdapter.ConnectResult("assigned-10", null, List.of(), 2, true);
        try (MqttTransport t = new MqttTransport(settings().subscribe("conf/#").build(), id -> {
            throw new IllegalStateException("listener broke (expected by the test)");
        }, script.factory(), RandomGenerator.of("L64X128MixRandom"))) {
            t.start(IGNORE);
            await(t::isConnected);
            assertThat(t.status().clientId()).isEqualTo("assigned-10");
            assertThat(t.status().failures()).isZero();
        }
    }

    @Test
    void connackPropertiesDecideTheSubscriptionsTheReplyTopicAndTheQos() throws Exception {
        Script script = new Script();
        script.connack = new MqttClientAdapter.ConnectResult("assigned-7", "usp/agents/assigned-7",
                List.of("usp/agents/#", "extra/topic"), 0, true);
        try (MqttTransport t = new MqttTransport(settings().subscribe("conf/+").responseTopic("ignored/topic").build(),
                script.factory(), RandomGenerator.of("L64X128MixRandom"))) {
            t.start(IGNORE);
            await(t::isConnected);
            // The Response Information is covered by usp/agents/#, so it is not added (R-MQTT.15).
            assertThat(script.subscribes.get(0)).containsExactly("conf/+", "usp/agents/#", "extra/topic");
            assertThat(t.status().replyTopic()).isEqualTo("usp/agents/assigned-7");
            assertThat(t.status().responseTopicDiscovered()).isEqualTo("usp/agents/assigned-7");
            assertThat(t.status().clientId()).isEqualTo("assigned-7");
            t.send(new Destination("proto::c", Map.of(MqttTransport.TOPIC, "ctrl")), new byte[] {1}).toCompletableFuture().join();
            // Maximum QoS 0 in CONNACK lowers the configured QoS 1.
            assertThat(script.published).containsExactly("ctrl qos=0 rt=usp/agents/assigned-7 ct=usp.msg");
            // The assigned ClientId is used on the next connect.
            script.events.lost(new RuntimeException("gone"));
            await(() -> script.clientIds.size() == 2 && t.isConnected());
            assertThat(script.clientIds).containsExactly("", "assigned-7");
        }
    }

    @Test
    void mqtt311SubscribesToTheConfiguredTopicAsAFilterAndPutsTheReplyToInTheTopic() throws Exception {
        Script script = new Script();
        try (MqttTransport t = new MqttTransport(settings().version(MqttVersion.V3_1_1).responseTopic("usp/agent/x")
                .qos(0).build(), script.factory(), RandomGenerator.of("L64X128MixRandom"))) {
            t.start(IGNORE);
            await(t::isConnected);
            assertThat(script.subscribes.get(0)).containsExactly("usp/agent/x/#");
            assertThat(script.clientIds).containsExactly("proto::agent");
            t.send(new Destination("proto::c", Map.of(MqttTransport.TOPIC, "usp/ctrl")), new byte[] {1}).toCompletableFuture().join();
            assertThat(script.published).containsExactly("usp/ctrl/reply-to=usp%2Fagent%2Fx qos=0 rt=null ct=null");
        }
    }

    @Test
    void aLostConnectionIsReportedAndRetriedWithGrowingWaits() throws Exception {
        Script script = new Script();
        List<String> changes = new CopyOnWriteArrayList<>();
        RecordReceiver r = new RecordReceiver() {
            @Override
            public void onRecord(InboundRecord record) {}

            @Override
            public void onConnectionChange(Destination destination, boolean up) {
                changes.add(destination.endpointId() + " " + destination.get(MqttTransport.TOPIC) + (up ? " up" : " down"));
            }
        };
        try (MqttTransport t = new MqttTransport(settings().responseTopic("a").controller("proto::c", "ctrl").build(),
                script.factory(), RandomGenerator.of("L64X128MixRandom"))) {
            t.start(r);
            await(t::isConnected);
            await(() -> changes.size() == 1);
            // mqtt_connect went to the configured Controller before it was reported reachable.
            assertThat(script.published).containsExactly("ctrl qos=1 rt=a ct=usp.msg");
            script.events.lost(new RuntimeException("gone"));
            await(() -> changes.size() == 3);
            assertThat(changes).containsExactly("proto::c ctrl up", "proto::c ctrl down", "proto::c ctrl up");
            assertThat(t.status().connects()).isEqualTo(2);
        }
    }

    @Test
    void retryWaitsUseConnectRetryTimeMultiplierAndMaxInterval() throws Exception {
        // ConnectRetryTime 100 ms, multiplier 65535, ConnectRetryMaxInterval 2 s, the random pick at the bottom of
        // each range: retry 1 waits 100 ms; retry 2 would wait 100·65.535 ≈ 6.55 s but is clipped to 2 s.
        List<Long> attempts = new CopyOnWriteArrayList<>();
        MqttTransport.AdapterFactory refusing = (settings, clientId, events) -> new MqttClientAdapter() {
            @Override
            public ConnectResult connect() throws Exception {
                attempts.add(System.nanoTime());
                throw new IOException("connection refused");
            }

            @Override
            public List<Boolean> subscribe(List<String> filters, List<Integer> qos) {
                throw new AssertionError("never connected");
            }

            @Override
            public void unsubscribe(List<String> filters) {}

            @Override
            public CompletableFuture<Void> publish(String topic, byte[] payload, int qos, boolean retain,
                    String responseTopic, String contentType) {
                throw new AssertionError("never connected");
            }

            @Override
            public void close() {}
        };
        MqttSettings s = settings().connectRetry(Duration.ofMillis(100), 65535, Duration.ofSeconds(2)).build();
        RandomGenerator bottom = () -> 0L;
        try (MqttTransport t = new MqttTransport(s, refusing, bottom)) {
            t.start(IGNORE);
            await(() -> attempts.size() >= 3);
            long first = TimeUnit.NANOSECONDS.toMillis(attempts.get(1) - attempts.get(0));
            long second = TimeUnit.NANOSECONDS.toMillis(attempts.get(2) - attempts.get(1));
            assertThat(first).as("retry 1: ConnectRetryTime").isBetween(100L, 1_500L);
            assertThat(second).as("retry 2: ConnectRetryMaxInterval").isBetween(2_000L, 5_000L);
            assertThat(t.status().failures()).isGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void topicsAndReplyTo() {
        assertThat(MqttTopics.withReplyTo("usp/agents/cid:3AA3F8:my-unique-usp-id-42", "usp/controllers/oui:00256D:my-unique-bbf-id-42"))
                .isEqualTo("usp/agents/cid:3AA3F8:my-unique-usp-id-42/reply-to=usp%2Fcontrollers%2Foui:00256D:my-unique-bbf-id-42");
        assertThat(MqttTopics.replyTo("a/b/reply-to=x/reply-to=c%2Fd")).isEqualTo("c/d");
        assertThat(MqttTopics.replyTo("a/b")).isNull();
        assertThat(MqttTopics.replyTo("a/b/reply-to=")).isNull();
        assertThat(MqttTopics.matches("a/#", "a")).isTrue();
        assertThat(MqttTopics.matches("a/#", "a/b/c")).isTrue();
        assertThat(MqttTopics.matches("a/+", "a/b")).isTrue();
        assertThat(MqttTopics.matches("a/+", "a/b/c")).isFalse();
        assertThat(MqttTopics.matches("a/b", "a/b")).isTrue();
        assertThat(MqttTopics.matches("a/b", "a/c")).isFalse();
        assertThat(MqttTopics.matches("a/b", "a/b/c")).isFalse();
        assertThat(MqttTopics.matches("+/+/x", "p/q/x")).isTrue();
    }

    @Test
    void fromIdIsReadWithoutDecodingTheRecord() {
        byte[] r = MqttTransportTest.record("proto::ctrl", "proto::agent", "x");
        assertThat(RecordPeek.fromId(r)).isEqualTo("proto::ctrl");
        assertThat(RecordPeek.fromId(new byte[] {(byte) 0xff, 1, 2})).isEmpty();
        assertThat(RecordPeek.fromId(new byte[0])).isEmpty();
        RecordPeek.Peek p = RecordPeek.peek(MqttTransportTest.connectRecord("proto::c", "proto::a", MqttVersion.V5, "t/c"));
        assertThat(p).isEqualTo(new RecordPeek.Peek("proto::c", true, 1, "t/c"));
        // 3.1.1 is the enum's zero: absent on the wire.
        p = RecordPeek.peek(MqttTransportTest.connectRecord("proto::c", "proto::a", MqttVersion.V3_1_1, ""));
        assertThat(p).isEqualTo(new RecordPeek.Peek("proto::c", true, 0, ""));
        assertThat(RecordPeek.peek(r).mqttConnect()).isFalse();
    }

    @Test
    void settingsRejectBadValues() {
        assertThatThrownBy(() -> MqttSettings.builder("a", "", 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MqttSettings.builder("a", "h", 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> settings().qos(2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> settings().responseTopic("a/#")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> settings().connectRetry(Duration.ofSeconds(1), 999, Duration.ofSeconds(2)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> settings().controller("c", "x/+")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sendBeforeStartFails() {
        try (MqttTransport t = new MqttTransport(settings().build(), new Script().factory(), RandomGenerator.getDefault())) {
            assertThatThrownBy(() -> t.send(Destination.of("x"), new byte[] {1}).toCompletableFuture().join())
                    .isInstanceOf(CompletionException.class).hasCauseInstanceOf(TransportException.class);
        }
    }

    @Test
    void reconfigureSubscribesAndUnsubscribesOnTheLiveConnectionWithEachFiltersQos() throws Exception {
        Script script = new Script();
        List<String> changes = new CopyOnWriteArrayList<>();
        RecordReceiver r = new RecordReceiver() {
            @Override
            public void onRecord(InboundRecord record) {}

            @Override
            public void onConnectionChange(Destination destination, boolean up) {
                changes.add(destination.endpointId() + (up ? " up" : " down"));
            }
        };
        try (MqttTransport t = new MqttTransport(settings().responseTopic("me").subscribe("a/#", 0).subscribe("b/#").build(),
                script.factory(), RandomGenerator.of("L64X128MixRandom"))) {
            t.start(r);
            await(t::isConnected);
            assertThat(script.subscribes.get(0)).containsExactly("a/#", "b/#", "me");
            assertThat(script.subscribeQos.get(0)).containsExactly(0, 1, 1);

            // a/# goes, b/# changes QoS, c/# comes, a Controller is added.
            assertThat(t.reconfigure(settings().responseTopic("me").subscribe("b/#", 2).subscribe("c/+", 1)
                    .controller("proto::c", "ctrl").build())).isTrue();
            await(() -> t.status().subscribed().contains("c/+") && changes.size() == 1);
            assertThat(script.unsubscribes).containsExactly(List.of("a/#"));
            assertThat(script.subscribes.get(1)).containsExactly("b/#", "c/+");
            assertThat(script.subscribeQos.get(1)).containsExactly(2, 1);
            assertThat(t.status().subscribed()).containsExactlyInAnyOrder("b/#", "me", "c/+");
            assertThat(script.clientIds).hasSize(1);
            assertThat(changes).containsExactly("proto::c up");
            assertThat(script.published).containsExactly("ctrl qos=1 rt=me ct=usp.msg");

            // A refused filter is reported and the connection stays; removing it sends no UNSUBSCRIBE.
            assertThat(t.reconfigure(settings().responseTopic("me").subscribe("b/#", 2).subscribe("c/+", 1)
                    .subscribe("forbidden/#").controller("proto::c", "ctrl").build())).isTrue();
            await(() -> t.status().refused().contains("forbidden/#"));
            assertThat(t.status().lastError()).contains("refused the subscription to [forbidden/#]");
            assertThat(t.isConnected()).isTrue();
            assertThat(t.reconfigure(settings().responseTopic("me").subscribe("b/#", 2).subscribe("c/+", 1)
                    .controller("proto::c", "ctrl").build())).isTrue();
            await(() -> t.status().refused().isEmpty());
            assertThat(script.unsubscribes).hasSize(1);

            // Nothing changed: nothing sent.
            int subscribes = script.subscribes.size();
            assertThat(t.reconfigure(t.settings())).isTrue();
            t.send(new Destination("proto::c", Map.of(MqttTransport.TOPIC, "ctrl")), new byte[] {1}).toCompletableFuture().join();
            assertThat(script.subscribes).hasSize(subscribes);
            assertThat(t.stats().subscribeSent()).isEqualTo(subscribes);
            assertThat(t.stats().unsubscribeSent()).isEqualTo(1);
            assertThat(t.status().connects()).isEqualTo(1);
        }
    }

    @Test
    void whenALiveChangeLeavesNoGrantedSubscriptionTheTransportDisconnectsAndRetries() throws Exception {
        Script script = new Script();
        try (MqttTransport t = new MqttTransport(settings().subscribe("a/#").build(), script.factory(),
                RandomGenerator.of("L64X128MixRandom"))) {
            t.start(IGNORE);
            await(t::isConnected);
            assertThat(t.reconfigure(settings().subscribe("forbidden/#").build())).isTrue();
            // R-MQTT.17: the next attempts keep being refused, so it never connects again.
            await(() -> t.status().failures() >= 2);
            assertThat(t.isConnected()).isFalse();
            assertThat(t.status().failure()).isEqualTo(MqttTransport.Failure.SUBSCRIPTION_REFUSED);
            assertThat(t.status().connects()).isEqualTo(1);
            assertThat(t.stats().connectionErrors()).isGreaterThanOrEqualTo(2);
            // And disabling every subscription disables the transport (R-MQTT.16) once it is connected again.
            assertThat(t.reconfigure(settings().subscribe("a/#").build())).isTrue();
            await(t::isConnected);
            assertThat(t.reconfigure(settings().build())).isTrue();
            await(() -> t.status().state() == MqttTransport.State.DISABLED);
            // Disabled for good: new subscriptions need a new transport.
            assertThat(t.reconfigure(settings().subscribe("a/#").build())).isFalse();
        }
    }

    /** A TCP server that accepts and never answers: CONNACK never comes. */
    @Test
    void closeAsyncReturnsAtOnceWhileConnectWaitsForASilentBroker() throws Exception {
        try (java.net.ServerSocket silent = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            List<java.net.Socket> accepted = new CopyOnWriteArrayList<>();
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        accepted.add(silent.accept());
                    }
                } catch (java.io.IOException closed) {
                    // the test is over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            MqttTransport t = new MqttTransport(MqttSettings.builder("proto::agent", "127.0.0.1", silent.getLocalPort())
                    .responseTopic("a").connectTimeout(Duration.ofSeconds(30)).build());
            t.start(IGNORE);
            await(() -> !accepted.isEmpty());
            long start = System.nanoTime();
            CompletableFuture<Void> done = t.closeAsync();
            t.close(); // after closeAsync: returns at once
            long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertThat(took).as("ms to return").isLessThan(500);
            assertThat(t.status().state()).isEqualTo(MqttTransport.State.CLOSED);
            assertThat(t.closeAsync()).isSameAs(done);
            done.get(15, TimeUnit.SECONDS);
            for (java.net.Socket s : accepted) {
                s.close();
            }
        }
    }

    static byte[] message(io.usp4j.core.proto.msg.Header.MsgType type) {
        io.usp4j.core.proto.msg.Msg msg = io.usp4j.core.proto.msg.Msg.newBuilder()
                .setHeader(io.usp4j.core.proto.msg.Header.newBuilder().setMsgId("m").setMsgType(type)).build();
        return io.usp4j.core.record.RecordCodec.encode(
                io.usp4j.core.record.RecordCodec.noSessionContext("proto::c", "proto::agent", msg));
    }

    @Test
    void retainFollowsTheControllersFlagsAndTheBrokersRetainAvailable() throws Exception {
        Script script = new Script();
        try (MqttTransport t = new MqttTransport(settings().responseTopic("me").connectRecords(false)
                .controller("proto::c", "ctrl", true, false).controller("proto::n", "ntf", false, true).build(),
                script.factory(), RandomGenerator.of("L64X128MixRandom"))) {
            t.start(IGNORE);
            await(t::isConnected);
            Destination c = new Destination("proto::c", Map.of(MqttTransport.TOPIC, "ctrl"));
            Destination n = new Destination("proto::n", Map.of(MqttTransport.TOPIC, "ntf"));
            for (io.usp4j.core.proto.msg.Header.MsgType type : List.of(io.usp4j.core.proto.msg.Header.MsgType.GET_RESP,
                    io.usp4j.core.proto.msg.Header.MsgType.ERROR, io.usp4j.core.proto.msg.Header.MsgType.NOTIFY)) {
                t.send(c, message(type)).toCompletableFuture().join();
                t.send(n, message(type)).toCompletableFuture().join();
            }
            t.send(c, new byte[] {1, 2}).toCompletableFuture().join(); // not a readable Record: not retained
            assertThat(script.published).containsExactly(
                    "ctrl qos=1 rt=me ct=usp.msg retain", "ntf qos=1 rt=me ct=usp.msg",
                    "ctrl qos=1 rt=me ct=usp.msg retain", "ntf qos=1 rt=me ct=usp.msg",
                    "ctrl qos=1 rt=me ct=usp.msg", "ntf qos=1 rt=me ct=usp.msg retain",
                    "ctrl qos=1 rt=me ct=usp.msg");

            // A 5.0 broker without Retain Available: never.
            script.published.clear();
            script.connack = new MqttClientAdapter.ConnectResult(null, null, List.of(), 2, false);
            script.events.lost(new RuntimeException("gone"));
            await(() -> script.clientIds.size() == 2 && t.isConnected());
            t.send(c, message(io.usp4j.core.proto.msg.Header.MsgType.GET_RESP)).toCompletableFuture().join();
            t.send(n, message(io.usp4j.core.proto.msg.Header.MsgType.NOTIFY)).toCompletableFuture().join();
            assertThat(script.published).containsExactly("ctrl qos=1 rt=me ct=usp.msg", "ntf qos=1 rt=me ct=usp.msg");
        }
    }
}
