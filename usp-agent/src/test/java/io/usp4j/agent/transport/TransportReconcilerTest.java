package io.usp4j.agent.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.usp4j.agent.UspAgent;
import io.usp4j.agent.testing.TestController;
import io.usp4j.core.transport.Destination;
import io.usp4j.core.transport.MessageTransport;
import io.usp4j.core.transport.RecordReceiver;
import io.usp4j.datamodel.binding.ChangeHandler;
import io.usp4j.datamodel.binding.ObjectBinding;
import io.usp4j.datamodel.binding.ObjectChange;
import io.usp4j.datamodel.instance.ModelView;
import io.usp4j.datamodel.instance.Transaction;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link TransportReconciler} on the agent's own {@code Device.LocalAgent.MTP.{i}.} rows (Protocol STOMP), with
 * fake transports, and the agent's binding of those rows from {@link MtpProtocol} contributions.
 */
@Timeout(30)
class TransportReconcilerTest {
    private static final String MTPS = "Device.LocalAgent.MTP.";

    /** A row's configuration: the Alias is taken live, the EnableMDNS needs a new transport. */
    private record Config(String alias, boolean mdns) {}

    private static final class FakeTransport implements MessageTransport {
        final Config config;
        final boolean failStart;
        volatile boolean started;
        volatile int closes;

        FakeTransport(Config config, boolean failStart) {
            this.config = config;
            this.failStart = failStart;
        }

        @Override
        public String protocol() {
            return "STOMP";
        }

        @Override
        public void start(RecordReceiver receiver) {
            if (failStart) {
                throw new IllegalStateException("port taken");
            }
            started = true;
        }

        @Override
        public CompletionStage<Void> send(Destination destination, byte[] record) {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void close() {
            closes++;
        }
    }

    private final List<FakeTransport> made = new CopyOnWriteArrayList<>();
    private final List<String> events = new CopyOnWriteArrayList<>();

    private static Map<String, Config> desired(ModelView view) {
        Map<String, Config> out = new LinkedHashMap<>();
        for (String row : ModelRows.rows(view, MTPS)) {
            if (ModelRows.isTrue(view, row + "Enable") && "STOMP".equals(view.value(row + "Protocol"))) {
                out.put(row, new Config(ModelRows.string(view, row + "Alias"), ModelRows.notFalse(view, row + "EnableMDNS")));
            }
        }
        return out;
    }

    private TransportReconciler<Config, FakeTransport> reconciler() {
        return TransportReconciler.<Config, FakeTransport>builder("fake", TransportReconcilerTest::desired, (row, config) -> {
            if (config.alias().equals("bad")) {
                throw new IllegalArgumentException("a bad alias");
            }
            FakeTransport t = new FakeTransport(config, config.alias().equals("busy"));
            made.add(t);
            return t;
        }).reconfigurer((row, t, previous, next) -> previous.mdns() == next.mdns())
                .listener(new TransportReconciler.Listener<>() {
                    @Override
                    public void started(String row, Config config, FakeTransport transport) {
                        events.add("started " + row + " " + config.alias());
                    }

                    @Override
                    public void stopping(String row, Config config, FakeTransport transport, boolean replaced) {
                        events.add("stopping " + row + " " + config.alias() + (replaced ? " replaced" : ""));
                    }
                })
                .build();
    }

    private static MtpProtocol contribution(TransportReconciler<Config, FakeTransport> r) {
        return new MtpProtocol("STOMP", row -> {
            FakeTransport t = r.transport(row.path());
            return t != null ? MtpProtocol.UP : r.failure(row.path()).isPresent() ? MtpProtocol.ERROR : MtpProtocol.DOWN;
        }, new ChangeHandler() {
            @Override
            public void apply(ObjectChange change) {
                r.schedule();
            }
        });
    }

    private static void commit(TestController c, Consumer<Transaction> change) {
        c.onAgent(() -> {
            Transaction tx = c.agent().dataModel().begin();
            change.accept(tx);
            tx.commit();
            return null;
        });
    }

    private static String value(TestController c, String path) {
        return c.onAgent(() -> c.agent().dataModel().view().value(path));
    }

    @Test
    void keepsReconfiguresReplacesAndStopsTransportsAsTheRowsChange() {
        TransportReconciler<Config, FakeTransport> r = reconciler();
        try (TestController c = TestController.start(b -> b.mtpProtocol(contribution(r)))) {
            commit(c, tx -> tx.create(MTPS, 1, Map.of("Enable", "true", "Protocol", "STOMP", "Alias", "one")));
            r.attach(c.agent());
            assertThatThrownBy(() -> r.attach(c.agent())).isInstanceOf(IllegalStateException.class);
            FakeTransport first = c.onAgent(() -> r.transport("Device.LocalAgent.MTP.1"));
            assertThat(first).isNotNull();
            assertThat(first.started).isTrue();
            assertThat(r.config(MTPS + "1.")).isEqualTo(new Config("one", true));
            assertThat(value(c, MTPS + "1.Status")).isEqualTo("Up");

            // Another row changes: the first keeps its transport.
            commit(c, tx -> tx.create(MTPS, 2, Map.of("Enable", "false", "Protocol", "STOMP", "Alias", "two")));
            assertThat(c.onAgent(() -> r.transport(MTPS + "1."))).isSameAs(first);
            assertThat(r.transport(MTPS + "2.")).isNull();
            assertThat(value(c, MTPS + "2.Status")).isEqualTo("Down");

            // A change the transport takes live.
            commit(c, tx -> tx.setInternal(MTPS + "1.Alias", "uno"));
            assertThat(c.onAgent(() -> r.transport(MTPS + "1."))).isSameAs(first);
            assertThat(r.config(MTPS + "1.")).isEqualTo(new Config("uno", true));
            assertThat(first.closes).isZero();

            // A change that needs a new transport.
            commit(c, tx -> tx.setInternal(MTPS + "1.EnableMDNS", "false"));
            FakeTransport second = c.onAgent(() -> r.transport(MTPS + "1."));
            assertThat(second).isNotSameAs(first).isNotNull();
            assertThat(second.config).isEqualTo(new Config("uno", false));
            assertThat(first.closes).isEqualTo(1);

            // stop(): replaced by a new one with the same configuration.
            assertThat(c.onAgent(() -> r.stop(MTPS + "1"))).isTrue();
            FakeTransport fourth = c.onAgent(() -> r.transport(MTPS + "1."));
            assertThat(fourth).isNotNull().isNotSameAs(second);
            assertThat(second.closes).isEqualTo(1);

            // Disabled: stopped, not replaced.
            commit(c, tx -> tx.setInternal(MTPS + "1.Enable", "false"));
            assertThat(c.onAgent(() -> r.transport(MTPS + "1."))).isNull();
            assertThat(fourth.closes).isEqualTo(1);
            assertThat(r.running()).isEmpty();
            assertThat(value(c, MTPS + "1.Status")).isEqualTo("Down");
            assertThat(events).containsExactly("started Device.LocalAgent.MTP.1. one",
                    "stopping Device.LocalAgent.MTP.1. uno replaced", "started Device.LocalAgent.MTP.1. uno",
                    "stopping Device.LocalAgent.MTP.1. uno replaced", "started Device.LocalAgent.MTP.1. uno",
                    "stopping Device.LocalAgent.MTP.1. uno");
        }
    }

    @Test
    void aRowThatCannotBeMadeOrStartedStaysDownWithItsFailure() {
        TransportReconciler<Config, FakeTransport> r = reconciler();
        try (TestController c = TestController.start(b -> b.mtpProtocol(contribution(r)))) {
            r.attach(c.agent());
            commit(c, tx -> tx.create(MTPS, 1, Map.of("Enable", "true", "Protocol", "STOMP", "Alias", "bad")));
            assertThat(c.onAgent(() -> r.transport(MTPS + "1."))).isNull();
            assertThat(r.failure(MTPS + "1.")).contains("a bad alias");
            assertThat(value(c, MTPS + "1.Status")).isEqualTo("Error");

            commit(c, tx -> tx.setInternal(MTPS + "1.Alias", "busy"));
            assertThat(c.onAgent(() -> r.transport(MTPS + "1."))).isNull();
            assertThat(r.failure(MTPS + "1.")).contains("port taken");
            FakeTransport failed = made.get(made.size() - 1);
            assertThat(failed.closes).isEqualTo(1);
            assertThat(value(c, MTPS + "1.Status")).isEqualTo("Error");

            commit(c, tx -> tx.setInternal(MTPS + "1.Alias", "fine"));
            assertThat(c.onAgent(() -> r.transport(MTPS + "1."))).isNotNull();
            assertThat(r.failure(MTPS + "1.")).isEmpty();
            assertThat(value(c, MTPS + "1.Status")).isEqualTo("Up");

            // Not desired any more: the failure is forgotten too.
            // A change the running transport cannot take: replaced, and the new one cannot be made.
            commit(c, tx -> {
                tx.setInternal(MTPS + "1.Alias", "bad");
                tx.setInternal(MTPS + "1.EnableMDNS", "false");
            });
            assertThat(c.onAgent(() -> r.failure(MTPS + "1."))).contains("a bad alias");
            assertThat(r.transport(MTPS + "1.")).isNull();
            commit(c, tx -> tx.setInternal(MTPS + "1.Enable", "false"));
            assertThat(c.onAgent(() -> r.failure(MTPS + "1."))).isEmpty();
        }
    }

    @Test
    void theMtpTableIsBoundOnceForEveryContributedProtocol() {
        List<String> heard = new ArrayList<>();
        ChangeHandler stomp = new ChangeHandler() {
            @Override
            public void apply(ObjectChange change) {
                heard.add("STOMP " + change.instance().path());
            }
        };
        ChangeHandler ws = new ChangeHandler() {
            @Override
            public void apply(ObjectChange change) {
                heard.add("WebSocket " + change.instance().path());
            }
        };
        try (TestController c = TestController.start(b -> b
                .mtpProtocol(new MtpProtocol("STOMP", row -> MtpProtocol.ERROR, stomp))
                .mtpProtocol(new MtpProtocol("WebSocket", row -> MtpProtocol.UP, ws)))) {
            assertThat(value(c, "Device.LocalAgent.SupportedProtocols")).isEqualTo("MQTT,STOMP,WebSocket");
            commit(c, tx -> {
                tx.create(MTPS, 1, Map.of("Enable", "true", "Protocol", "STOMP"));
                tx.create(MTPS, 2, Map.of("Enable", "true", "Protocol", "WebSocket"));
                tx.create(MTPS, 3, Map.of("Enable", "true", "Protocol", "MQTT"));
                tx.create(MTPS, 4, Map.of("Enable", "false", "Protocol", "WebSocket"));
            });
            assertThat(value(c, MTPS + "1.Status")).isEqualTo("Error");
            assertThat(value(c, MTPS + "2.Status")).isEqualTo("Up");
            // A protocol no binding contributed: its transport is the application's.
            assertThat(value(c, MTPS + "3.Status")).isEqualTo("Up");
            assertThat(value(c, MTPS + "4.Status")).isEqualTo("Down");
            assertThat(c.onAgent(() -> List.copyOf(heard))).contains("STOMP " + MTPS + "1.", "WebSocket " + MTPS + "1.",
                    "STOMP " + MTPS + "4.", "WebSocket " + MTPS + "4.");
        }
    }

    @Test
    void aProtocolContributedTwiceOrTheTableBoundByTheApplicationIsRefused() {
        ChangeHandler none = new ChangeHandler() { };
        UspAgent.Builder b = UspAgent.builder().endpointId(TestController.AGENT_ID)
                .mtpProtocol(new MtpProtocol("STOMP", row -> MtpProtocol.UP, none));
        assertThatThrownBy(() -> b.mtpProtocol(new MtpProtocol("STOMP", row -> MtpProtocol.UP, none)))
                .isInstanceOf(IllegalArgumentException.class);
        b.bind(MTPS + "{i}.", ObjectBinding.builder().build());
        assertThatThrownBy(b::build).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("STOMP");
        assertThatThrownBy(() -> new MtpProtocol("", row -> MtpProtocol.UP, none)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void modelRowsNormaliseRowPaths() {
        assertThat(ModelRows.rowPath("Device.MQTT.Client.1")).isEqualTo("Device.MQTT.Client.1.");
        assertThat(ModelRows.rowPath("Device.MQTT.Client.1.")).isEqualTo("Device.MQTT.Client.1.");
        assertThat(ModelRows.rowPath(null)).isEmpty();
        assertThat(ModelRows.rowPath("")).isEmpty();
    }
}
