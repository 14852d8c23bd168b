package io.usp4j.agent.transport;

import io.usp4j.agent.UspAgent;
import io.usp4j.core.transport.MessageTransport;
import io.usp4j.datamodel.binding.DataModelListener;
import io.usp4j.datamodel.instance.ModelView;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one transport per configuration row of the data model running on an agent: the machinery every
 * data-model-driven MTP binding shares. A reconciliation reads the desired configurations, keyed by row path,
 * from the agent's model view ({@code desired}) and compares them with the running transports:
 * <ul>
 * <li>a row whose configuration is equal keeps its transport;</li>
 * <li>a row whose configuration changed is first offered to the {@link Reconfigurer} (a change the live
 * transport takes without reconnecting); otherwise, and for a row no longer desired, its transport is detached
 * from the agent and closed ({@link Listener#stopping} runs first, so that a binding can begin an asynchronous
 * close);</li>
 * <li>a desired row without a transport gets one from the {@link Factory}, attached to the agent; a factory or
 * start failure leaves the row down (see {@link #failure}) until the next reconciliation.</li>
 * </ul>
 * A reconciliation runs when {@link #attach}ed, on {@link #schedule} (which a binding's change handlers call)
 * and after a data-model event on a path the {@code watch} predicate accepts. Scheduled reconciliations that
 * pile up before one runs run once.
 *
 * <p>Threads: {@link #attach}, {@link #schedule}, {@link #transport}, {@link #config}, {@link #running} and
 * {@link #failure} may be called from any thread. Reconciliation, the factory, the hooks, {@link #reconcile},
 * {@link #update} and {@link #stop} run on (or must be called on) the agent thread.
 *
 * @param <C> the configuration of one row: an immutable value whose {@code equals} says "nothing to do"
 * @param <T> the transport type
 */
public final class TransportReconciler<C, T extends MessageTransport> {
    private static final Logger LOG = LoggerFactory.getLogger(TransportReconciler.class);

    /** Makes a row's transport. Agent thread. */
    @FunctionalInterface
    public interface Factory<C, T> {
        /**
         * Makes (without starting) the transport of a row.
         *
         * @param row the row path
         * @param config its configuration
         * @return the transport
         * @throws RuntimeException when the configuration cannot run (logged; the row stays down)
         */
        T create(String row, C config);
    }

    /** Applies a changed configuration to a live transport. Agent thread. */
    @FunctionalInterface
    public interface Reconfigurer<C, T> {
        /**
         * Tries to apply a changed configuration without a new transport.
         *
         * @return true when the transport took it (it keeps running, with {@code next} as its configuration);
         *     false when a new transport is needed
         */
        boolean reconfigure(String row, T transport, C previous, C next);
    }

    /** Hears transports start and stop. Agent thread. */
    public interface Listener<C, T> {
        /** A row's transport was attached to the agent. */
        default void started(String row, C config, T transport) {}

        /**
         * A row's transport is about to be detached and closed (the agent closes it synchronously afterwards;
         * a transport that can close asynchronously may begin doing so here).
         *
         * @param replaced whether the row goes on with a new transport (a changed configuration,
         *     {@link #stop}) rather than being removed or disabled
         */
        default void stopping(String row, C config, T transport, boolean replaced) {}
    }

    /**
     * A running transport and the configuration it was made from.
     *
     * @param config the configuration
     * @param transport the transport
     */
    public record Running<C, T>(C config, T transport) {}

    private final String name;
    private final Function<ModelView, Map<String, C>> desired;
    private final Factory<C, T> factory;
    private final Reconfigurer<C, T> reconfigurer;
    private final Listener<C, T> listener;
    private final Predicate<String> watch;
    private final Map<String, Running<C, T>> running = new ConcurrentHashMap<>();
    private final Map<String, String> failures = new ConcurrentHashMap<>();
    private final AtomicBoolean pending = new AtomicBoolean();
    private volatile UspAgent agent;

    private TransportReconciler(Builder<C, T> b) {
        this.name = b.name;
        this.desired = b.desired;
        this.factory = b.factory;
        this.reconfigurer = b.reconfigurer;
        this.listener = b.listener;
        this.watch = b.watch;
    }

    /**
     * Starts a reconciler's configuration.
     *
     * @param name what the transports are, for logs ({@code MQTT}, {@code WebSocket})
     * @param desired the desired configurations of a model view, keyed by row path (ending in a dot); rows
     *     that should not run are left out. It may throw nothing: a misconfigured row is logged and left out
     * @param factory makes a row's transport
     * @return the builder
     * @throws NullPointerException when an argument is null
     */
    public static <C, T extends MessageTransport> Builder<C, T> builder(String name,
            Function<ModelView, Map<String, C>> desired, Factory<C, T> factory) {
        return new Builder<>(name, desired, factory);
    }

    /**
     * Starts running the rows' transports on the agent: reconciles now (on the agent thread), after every
     * {@link #schedule} and after data-model events on watched paths. The transports start when the agent
     * starts (at once if it has).
     *
     * @param agent the agent
     * @throws NullPointerException when the agent is null
     * @throws IllegalStateException when already attached
     * @throws RejectedExecutionException when the agent is closed
     */
    public void attach(UspAgent agent) {
        Objects.requireNonNull(agent, "agent");
        synchronized (this) {
            if (this.agent != null) {
                throw new IllegalStateException("already attached");
            }
            this.agent = agent;
        }
        agent.execute(() -> {
            if (watch != null) {
                agent.dataModel().addListener(new DataModelListener() {
                    @Override
                    public void onValueChange(String path, String value) {
                        event(path);
                    }

                    @Override
                    public void onObjectCreation(String path) {
                        event(path);
                    }

                    @Override
                    public void onObjectDeletion(String path) {
                        event(path);
                    }
                });
            }
            reconcile();
        });
    }

    private void event(String path) {
        if (watch.test(path)) {
            schedule();
        }
    }

    /** The agent attached to; null before {@link #attach}. */
    public UspAgent agent() {
        return agent;
    }

    /**
     * Schedules a reconciliation on the agent thread, after the current task (a committing transaction). Does
     * nothing before {@link #attach}, when one is scheduled already, or when the agent is closed. Any thread.
     */
    public void schedule() {
        UspAgent a = agent;
        if (a == null || !pending.compareAndSet(false, true)) {
            return;
        }
        try {
            a.execute(this::reconcile);
        } catch (RejectedExecutionException closed) {
            pending.set(false);
            LOG.debug("agent closed; the {} transports are not reconciled", name);
        }
    }

    /**
     * The transport running for a row.
     *
     * @param row the row path, with or without the final dot
     * @return the transport, or null when none runs
     */
    public T transport(String row) {
        Running<C, T> r = running.get(ModelRows.rowPath(row));
        return r == null ? null : r.transport();
    }

    /**
     * The configuration a row's transport runs with.
     *
     * @param row the row path, with or without the final dot
     * @return the configuration, or null when none runs
     */
    public C config(String row) {
        Running<C, T> r = running.get(ModelRows.rowPath(row));
        return r == null ? null : r.config();
    }

    /** The running transports by row path: a snapshot. */
    public Map<String, Running<C, T>> running() {
        return Map.copyOf(running);
    }

    /**
     * Why a desired row has no transport: its factory refused the configuration or its transport did not start.
     * Cleared when the row runs or is no longer desired.
     *
     * @param row the row path, with or without the final dot
     * @return the reason; empty when the row runs, is not desired, or was not tried yet
     */
    public Optional<String> failure(String row) {
        return Optional.ofNullable(failures.get(ModelRows.rowPath(row)));
    }

    /**
     * Records that a row's running transport now runs with another configuration (one it took without
     * reconnecting), so that the next reconciliation compares with it. Agent thread.
     *
     * @return whether {@code transport} is the row's running transport (otherwise nothing changes)
     */
    public boolean update(String row, T transport, C config) {
        Objects.requireNonNull(config, "config");
        String key = ModelRows.rowPath(row);
        Running<C, T> r = running.get(key);
        if (r == null || r.transport() != transport) {
            return false;
        }
        running.put(key, new Running<>(config, transport));
        return true;
    }

    /**
     * Detaches and closes a row's transport as if its configuration had changed, and reconciles (after the
     * current task), so a desired row gets a new one. Agent thread.
     *
     * @param row the row path, with or without the final dot
     * @return whether a transport ran for the row
     */
    public boolean stop(String row) {
        String key = ModelRows.rowPath(row);
        Running<C, T> r = running.get(key);
        if (r != null) {
            stop(key, r, true);
        }
        UspAgent a = agent;
        if (a != null) {
            a.execute(this::reconcile);
        }
        return r != null;
    }

    /** Brings the running transports in line with the data model now. Agent thread, after {@link #attach}. */
    public void reconcile() {
        pending.set(false);
        UspAgent a = agent;
        if (a == null) {
            throw new IllegalStateException("not attached");
        }
        Map<String, C> wanted = new LinkedHashMap<>(desired.apply(a.dataModel().view()));
        failures.keySet().retainAll(wanted.keySet());
        for (Map.Entry<String, Running<C, T>> e : new ArrayList<>(running.entrySet())) {
            Running<C, T> r = e.getValue();
            C next = wanted.get(e.getKey());
            if (r.config().equals(next)) {
                continue;
            }
            if (next != null && reconfigurer != null && reconfigurer.reconfigure(e.getKey(), r.transport(), r.config(), next)) {
                LOG.info("{}: the {} transport takes the change without reconnecting", e.getKey(), name);
                running.put(e.getKey(), new Running<>(next, r.transport()));
                continue;
            }
            LOG.info("{}: stopping its {} transport", e.getKey(), name);
            stop(e.getKey(), r, next != null);
        }
        for (Map.Entry<String, C> e : wanted.entrySet()) {
            String row = e.getKey();
            if (running.containsKey(row)) {
                continue;
            }
            T t;
            try {
                t = Objects.requireNonNull(factory.create(row, e.getValue()), "the factory made no transport");
            } catch (RuntimeException ex) {
                LOG.warn("{} is misconfigured: {}", row, ex.getMessage());
                failures.put(row, String.valueOf(ex.getMessage()));
                continue;
            }
            LOG.info("{}: starting {}", row, t);
            try {
                a.addTransport(t);
            } catch (RuntimeException failed) {
                if (!a.removeTransport(t)) {
                    // Not attached: the agent is closed (a transport's own start failure comes after attaching).
                    LOG.debug("agent closed; {} not started", row);
                    t.close();
                    return;
                }
                // A listener that cannot bind its port: the row stays down until the next reconciliation.
                LOG.warn("{}: {} did not start: {}", row, t, failed.getMessage());
                failures.put(row, String.valueOf(failed.getMessage()));
                continue;
            }
            failures.remove(row);
            running.put(row, new Running<>(e.getValue(), t));
            if (listener != null) {
                listener.started(row, e.getValue(), t);
            }
        }
    }

    private void stop(String row, Running<C, T> r, boolean replaced) {
        running.remove(row);
        if (listener != null) {
            listener.stopping(row, r.config(), r.transport(), replaced);
        }
        agent.removeTransport(r.transport());
    }

    /**
     * The configuration of a {@link TransportReconciler}. Not thread-safe.
     *
     * @param <C> the configuration of one row
     * @param <T> the transport type
     */
    public static final class Builder<C, T extends MessageTransport> {
        private final String name;
        private final Function<ModelView, Map<String, C>> desired;
        private final Factory<C, T> factory;
        private Reconfigurer<C, T> reconfigurer;
        private Listener<C, T> listener;
        private Predicate<String> watch;

        private Builder(String name, Function<ModelView, Map<String, C>> desired, Factory<C, T> factory) {
            this.name = Objects.requireNonNull(name, "name");
            this.desired = Objects.requireNonNull(desired, "desired");
            this.factory = Objects.requireNonNull(factory, "factory");
        }

        /** Applies changed configurations to live transports where it can (default: never; always a new transport). */
        public Builder<C, T> reconfigurer(Reconfigurer<C, T> reconfigurer) {
            this.reconfigurer = Objects.requireNonNull(reconfigurer, "reconfigurer");
            return this;
        }

        /** Hears transports start and stop (default: nobody). */
        public Builder<C, T> listener(Listener<C, T> listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * Reconciles after data-model value changes, creations and deletions on the paths this accepts (for rows
         * the binding does not bind itself, so its change handlers do not hear them; default: none).
         */
        public Builder<C, T> watch(Predicate<String> paths) {
            this.watch = Objects.requireNonNull(paths, "paths");
            return this;
        }

        /** Builds the reconciler; {@link TransportReconciler#attach} it to the agent. */
        public TransportReconciler<C, T> build() {
            return new TransportReconciler<>(this);
        }
    }
}
