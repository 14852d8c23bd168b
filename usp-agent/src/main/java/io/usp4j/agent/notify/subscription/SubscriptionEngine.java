package io.usp4j.agent.notify.subscription;

import io.usp4j.agent.device.BootRecord;
import io.usp4j.agent.message.WriteDefaults;
import io.usp4j.agent.notify.NotificationDelivery;
import io.usp4j.agent.notify.NotificationSink;
import io.usp4j.agent.time.Timers;
import io.usp4j.core.error.ErrorCode;
import io.usp4j.core.error.UspException;
import io.usp4j.core.path.ElementKind;
import io.usp4j.core.path.PathName;
import io.usp4j.core.path.PathSegment;
import io.usp4j.core.path.resolve.ResolvedPath;
import io.usp4j.core.proto.msg.Notify;
import io.usp4j.core.value.DateTime;
import io.usp4j.core.value.JsonText;
import io.usp4j.core.value.ValueType;
import io.usp4j.datamodel.binding.DataModelListener;
import io.usp4j.datamodel.binding.ObjectBinding;
import io.usp4j.datamodel.binding.ObjectChange;
import io.usp4j.datamodel.instance.DataModel;
import io.usp4j.datamodel.instance.ModelView;
import io.usp4j.datamodel.instance.ParamSetting;
import io.usp4j.datamodel.instance.Transaction;
import io.usp4j.datamodel.instance.ValueChangePoller;
import io.usp4j.datamodel.schema.ObjectDef;
import io.usp4j.datamodel.schema.ParameterAccess;
import io.usp4j.datamodel.schema.ParameterDef;
import io.usp4j.datamodel.schema.UniqueKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's subscriptions (TR-369 "Notifications and Subscription Mechanism", TR-181
 * {@code Device.LocalAgent.Subscription.{i}.}): matches every enabled Subscription against what happens in
 * the data model and hands a Notify for each match to the {@link NotificationDelivery}, addressed to the
 * {@code EndpointID} of the Subscription's Recipient Controller, with {@code subscription_id} = its {@code ID}
 * and the policy of its {@code NotifRetry} and {@code NotifExpiration}.
 *
 * <ul>
 *   <li><b>ValueChange</b>: every change the data model reports (Controllers' writes, the agent's own,
 *       firmware's pushes), and the firmware-read parameters nobody pushes, polled every
 *       {@code pollInterval} by a {@link ValueChangePoller} watching the ReferenceLists of enabled
 *       ValueChange Subscriptions (R-NOT.0a wants a notification within 10 s). Values of secured, hidden and
 *       write-only parameters are sent as "".</li>
 *   <li><b>ObjectCreation</b> with the new instance's unique keys, <b>ObjectDeletion</b> (also of instances
 *       deleted with an ancestor), <b>Event</b> ({@link DataModel#emit}, {@code Device.Boot!},
 *       {@code Device.LocalAgent.Periodic!}) and <b>OperationComplete</b> ({@link #operationComplete}).</li>
 *   <li><b>Boot!</b> at {@link #start}: to each enabled Event Subscription selecting it, with the
 *       {@link BootRecord} and a {@code ParameterMap} (a JSON object) of the values the Recipient's enabled
 *       {@code BootParameter.{i}.ParameterName}s name (parameter paths, wildcards and searches allowed).</li>
 *   <li><b>Periodic!</b>: for each Controller with {@code PeriodicNotifInterval} &gt; 0, at
 *       {@code PeriodicNotifTime} plus whole intervals (the Unknown Time or no value: counted from when the
 *       interval was seen), to that Controller's enabled Event Subscriptions selecting it.</li>
 *   <li><b>The table itself</b>: an Add by a Controller gets {@code Recipient} (the Controller's entry, by
 *       the sender's Endpoint ID) and {@code CreationDate} ({@link #writeDefaults()}); {@code ReferenceList}
 *       cannot change once non-empty ({@link #binding()}); rows with {@code Persistent=false} are removed
 *       when the engine is made (an agent start); {@code TimeToLive} removes a row that many seconds after
 *       its {@code CreationDate}; a row whose Recipient is deleted is removed with it.</li>
 *   <li><b>TriggerAction</b> {@code Config} and {@code NotifyAndConfig}: the {@code TriggerConfigSettings}
 *       ({@code Param=Value}, the value quoted or not) are set, in one transaction, each time the
 *       Subscription fires.</li>
 * </ul>
 * A Subscription is not processed while {@code Enable} is false, nor is a Notify sent to a disabled
 * Controller (except the ValueChange that disables it). A new Subscription hears nothing of the change that
 * created it, its own creation included. Notifications are handed to the delivery after the message that
 * caused them has been answered.
 *
 * <p>Not yet: access control on what is notified (the Recipient's {@code n} permission);
 * {@code MaxSubscriptionChangeAdoptionTime} (changes apply at once).
 *
 * <p><b>Threads.</b> Everything runs on the agent thread: the data model's reports from other threads
 * ({@link DataModel#valueChanged}, {@link DataModel#emit}) are handed to it. The constructor may run on
 * the thread building the agent, before the agent thread touches the data model.
 */
public final class SubscriptionEngine implements NotificationSink, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SubscriptionEngine.class);

    /** The Subscription table as the Supported Data Model names it. */
    public static final String SUBSCRIPTION_OBJECT = "Device.LocalAgent.Subscription.{i}.";
    /** How often firmware-read parameters nobody pushes are polled when no interval is given. */
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(5);

    static final String SUBSCRIPTIONS = "Device.LocalAgent.Subscription.";
    static final String CONTROLLERS = "Device.LocalAgent.Controller.";
    private static final PathName BOOT = PathName.parse("Device.Boot!");
    private static final PathName PERIODIC = PathName.parse("Device.LocalAgent.Periodic!");

    private final DataModel model;
    private final Executor agentThread;
    private final Clock clock;
    private final Timers timers;
    private final NotificationDelivery delivery;
    private final Duration pollInterval;
    private final ValueChangePoller poller;

    private volatile Thread owner;
    private volatile boolean closed;
    private final Queue<Event> foreign = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();

    // ---- agent thread only
    private boolean started;
    private boolean dirty = true;
    private boolean refreshScheduled;
    private Map<String, Subscription> subscriptions = Map.of();
    private Map<String, ControllerEntry> controllers = Map.of();
    private final Set<String> pending = new HashSet<>();
    private final Map<String, Instant> firstSeen = new HashMap<>();
    private final Map<String, Scheduled> expiries = new HashMap<>();
    private final Map<String, Periodic> periodics = new HashMap<>();
    private final Map<PathName, Set<String>> deletionSnapshots = new HashMap<>();
    private Timers.Timer pollTimer;
    private long periodicGeneration;

    /** A Controller entry as the engine last read it; {@code path} without its final dot. */
    private record ControllerEntry(String path, String endpointId, boolean enabled, long periodicInterval,
            String periodicTime) {}

    /** A timer with the time it was set for. */
    private record Scheduled(Instant due, Timers.Timer timer) {}

    /** A Controller's Periodic! schedule: the settings it follows, its phase, and the next timer. */
    private record Periodic(long interval, String time, Instant reference, long generation, Timers.Timer timer) {}

    /** What the data model reported. */
    private sealed interface Event {}

    private record ValueChanged(String path, String value) implements Event {}

    private record Created(String path) implements Event {}

    private record Deleted(String path) implements Event {}

    private record Fired(String path, Map<String, String> arguments) implements Event {}

    private record Completed(Notify.OperationComplete completion) implements Event {}

    /**
     * Makes the engine over an agent's data model: removes the Subscriptions that do not survive a restart
     * ({@code Persistent=false}; their removal is not notified), then listens to the data model. Nothing is
     * sent before {@link #start}.
     *
     * @param model the data model, holding the agent's own {@code Device.LocalAgent.} objects
     * @param agentThread the agent thread, which owns the data model
     * @param clock the agent's clock ({@code CreationDate}, TimeToLive, Periodic!)
     * @param timers the agent's timers, running tasks on the agent thread
     * @param delivery where Notify messages go
     * @param pollInterval how often parameters that are neither stored nor pushed are polled for ValueChange
     * @throws IllegalArgumentException when {@code pollInterval} is not positive
     */
    public SubscriptionEngine(DataModel model, Executor agentThread, Clock clock, Timers timers,
            NotificationDelivery delivery, Duration pollInterval) {
        this.model = Objects.requireNonNull(model, "model");
        this.agentThread = Objects.requireNonNull(agentThread, "agentThread");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.timers = Objects.requireNonNull(timers, "timers");
        this.delivery = Objects.requireNonNull(delivery, "delivery");
        if (pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("the poll interval must be positive: " + pollInterval);
        }
        this.pollInterval = pollInterval;
        this.poller = new ValueChangePoller(model);
        purgeNonPersistent();
        model.addListener(new Listener());
    }

    /**
     * The binding of {@link #SUBSCRIPTION_OBJECT} that refuses to change a non-empty {@code ReferenceList}
     * (TR-181: such a Subscription is deleted and created anew): the transaction fails with 7013.
     */
    public static ObjectBinding binding() {
        return ObjectBinding.builder().onChange(new io.usp4j.datamodel.binding.ChangeHandler() {
            @Override
            public void validate(ObjectChange change) {
                String before = change.previous().get("ReferenceList");
                if (change.kind() == ObjectChange.Kind.UPDATE && before != null && !before.isEmpty()) {
                    throw new UspException(ErrorCode.PARAMETER_READ_ONLY, change.instance().path()
                            + "ReferenceList cannot change once set; delete the Subscription and add another");
                }
            }
        }).build();
    }

    /**
     * The values the agent writes into each Subscription a Controller adds: {@code CreationDate} (now) and
     * {@code Recipient}, the path of the {@code Device.LocalAgent.Controller.{i}.} entry whose
     * {@code EndpointID} is the sender's. A sender without an entry leaves Recipient empty (logged): such a
     * Subscription notifies nobody, though its TriggerAction Config still applies.
     */
    public WriteDefaults writeDefaults() {
        return (ctx, tablePath) -> SUBSCRIPTIONS.equals(tablePath) ? newSubscription(ctx.controllerEndpointId()) : Map.of();
    }

    /**
     * Starts the engine on the agent thread: removes Subscriptions whose TimeToLive ran out while the agent
     * was down, sends {@code Device.Boot!}, and starts the TimeToLive, Periodic! and polling timers.
     *
     * @param boot why this start happened
     */
    public void start(BootRecord boot) {
        Objects.requireNonNull(boot, "boot");
        owner = Thread.currentThread();
        if (started || closed) {
            return;
        }
        started = true;
        dirty = true;
        Instant now = clock.instant();
        List<String> expired = new ArrayList<>();
        for (Subscription s : current().values()) {
            Instant due = deadline(s);
            if (due != null && !due.isAfter(now)) {
                expired.add(s.path());
            }
        }
        if (!expired.isEmpty()) {
            remove(expired, "its TimeToLive ran out while the agent was down");
        }
        ModelView view = model.view();
        Supplier<ModelView> views = () -> view;
        for (Subscription s : active(NotifType.EVENT)) {
            if (selectsElement(s, BOOT, BOOT.toString(), views)) {
                trigger(s, Notify.newBuilder().setEvent(bootEvent(boot, s.recipientPath(), view)), false);
            }
        }
        dirty = true;
        current();
        LOG.info("subscriptions started: {} row(s)", subscriptions.size());
    }

    /**
     * Stops: nothing is matched or sent afterwards, and the timers are called off (on the agent thread, if
     * it still runs). Any thread; closing twice does nothing.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            agentThread.execute(() -> {
                expiries.values().forEach(s -> s.timer().cancel());
                periodics.values().forEach(p -> p.timer().cancel());
                if (pollTimer != null) {
                    pollTimer.cancel();
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.debug("agent thread stopped; its timers die with it");
        }
    }

    /** An asynchronous command finished: notifies the OperationComplete Subscriptions selecting it. */
    @Override
    public void operationComplete(Notify.OperationComplete completion) {
        accept(new Completed(completion));
    }

    // ------------------------------------------------------------------ events

    private final class Listener implements DataModelListener {
        @Override
        public void onValueChange(String path, String value) {
            accept(new ValueChanged(path, value));
        }

        @Override
        public void onObjectCreation(String path) {
            accept(new Created(path));
        }

        @Override
        public void onObjectDeletion(String path) {
            accept(new Deleted(path));
        }

        @Override
        public void onEvent(String path, Map<String, String> arguments) {
            accept(new Fired(path, arguments));
        }
    }

    private boolean onAgentThread() {
        return Thread.currentThread() == owner;
    }

    /** Handles an event now on the agent thread (the data model state is that of the event), else later there. */
    private void accept(Event e) {
        if (closed) {
            return;
        }
        if (onAgentThread()) {
            handleSafely(e);
            return;
        }
        foreign.add(e);
        if (drainScheduled.compareAndSet(false, true)) {
            execute(() -> {
                drainScheduled.set(false);
                for (Event next = foreign.poll(); next != null; next = foreign.poll()) {
                    handleSafely(next);
                }
            });
        }
    }

    private void handleSafely(Event e) {
        try {
            handle(e);
        } catch (RuntimeException ex) {
            LOG.error("subscriptions failed on {}", e, ex);
        }
    }

    private void handle(Event e) {
        ModelView[] view = new ModelView[1];
        Supplier<ModelView> views = () -> view[0] == null ? (view[0] = model.view()) : view[0];
        String changed;
        if (e instanceof ValueChanged v) {
            changed = v.path();
            valueChanged(v, views);
        } else if (e instanceof Created c) {
            changed = c.path();
            created(c, views);
        } else if (e instanceof Deleted d) {
            changed = d.path();
            deleted(d);
        } else if (e instanceof Fired f) {
            changed = null;
            fired(f, views);
        } else {
            changed = null;
            completed(((Completed) e).completion(), views);
        }
        if (changed != null) {
            if (changed.startsWith(SUBSCRIPTIONS) || changed.startsWith(CONTROLLERS)) {
                dirty = true;
                if (e instanceof Created && References.tableOf(changed).equals(SUBSCRIPTIONS)) {
                    pending.add(changed);
                    execute(() -> pending.remove(changed));
                }
            }
            if (dirty || !deletionSnapshots.isEmpty()) {
                scheduleRefresh();
            }
        }
    }

    private void valueChanged(ValueChanged v, Supplier<ModelView> views) {
        List<Subscription> subs = active(NotifType.VALUE_CHANGE);
        if (subs.isEmpty()) {
            return;
        }
        PathName p = parse(v.path());
        if (p == null) {
            return;
        }
        boolean disabling = v.path().startsWith(CONTROLLERS) && v.path().endsWith(".Enable") && !isTrue(v.value());
        for (Subscription s : subs) {
            if (selects(s, item -> References.selectsParameter(item, p, v.path(), views))) {
                trigger(s, Notify.newBuilder().setValueChange(Notify.ValueChange.newBuilder()
                        .setParamPath(v.path()).setParamValue(masked(v.path()) ? "" : v.value())),
                        disabling && v.path().equals(s.recipientPath() + ".Enable"));
            }
        }
    }

    private void created(Created c, Supplier<ModelView> views) {
        List<Subscription> subs = active(NotifType.OBJECT_CREATION);
        PathName p = subs.isEmpty() ? null : parse(c.path());
        if (p == null) {
            return;
        }
        Map<String, String> keys = null;
        for (Subscription s : subs) {
            if (!s.path().equals(c.path()) && selects(s, item -> References.selectsCreated(item, p, c.path(), views))) {
                keys = keys == null ? uniqueKeys(views.get(), c.path()) : keys;
                trigger(s, Notify.newBuilder().setObjCreation(Notify.ObjectCreation.newBuilder()
                        .setObjPath(c.path()).putAllUniqueKeys(keys)), false);
            }
        }
    }

    private void deleted(Deleted d) {
        List<Subscription> subs = active(NotifType.OBJECT_DELETION);
        PathName p = subs.isEmpty() ? null : parse(d.path());
        if (p == null) {
            return;
        }
        for (Subscription s : subs) {
            if (selects(s, item -> References.selectsDeleted(item, p, d.path(), deletionSnapshots.get(item)))) {
                trigger(s, Notify.newBuilder().setObjDeletion(Notify.ObjectDeletion.newBuilder().setObjPath(d.path())), false);
            }
        }
    }

    private void fired(Fired f, Supplier<ModelView> views) {
        List<Subscription> subs = active(NotifType.EVENT);
        PathName p = subs.isEmpty() ? null : parse(f.path());
        if (p == null || p.kind() != ElementKind.EVENT) {
            return;
        }
        int cut = f.path().lastIndexOf('.');
        Notify.Event.Builder event = Notify.Event.newBuilder()
                .setObjPath(f.path().substring(0, cut + 1))
                .setEventName(f.path().substring(cut + 1))
                .putAllParams(f.arguments());
        for (Subscription s : subs) {
            if (selectsElement(s, p, f.path(), views)) {
                trigger(s, Notify.newBuilder().setEvent(event), false);
            }
        }
    }

    private void completed(Notify.OperationComplete c, Supplier<ModelView> views) {
        List<Subscription> subs = active(NotifType.OPERATION_COMPLETE);
        String name = c.getCommandName().endsWith("()") ? c.getCommandName() : c.getCommandName() + "()";
        String path = c.getObjPath() + name;
        PathName p = subs.isEmpty() ? null : parse(path);
        if (p == null || p.kind() != ElementKind.COMMAND) {
            return;
        }
        for (Subscription s : subs) {
            if (selectsElement(s, p, path, views)) {
                trigger(s, Notify.newBuilder().setOperComplete(c), false);
            }
        }
    }

    private static boolean selectsElement(Subscription s, PathName element, String text, Supplier<ModelView> views) {
        return selects(s, item -> References.selectsElement(item, element, text, views));
    }

    private static boolean selects(Subscription s, java.util.function.Predicate<PathName> test) {
        for (PathName item : s.references()) {
            if (test.test(item)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Acts on a Subscription that fired: a Notify to the Recipient (handed to the delivery after the current
     * task), and its configuration settings.
     *
     * @param evenIfDisabled send even though the Recipient is disabled (the ValueChange that disables it)
     */
    private void trigger(Subscription s, Notify.Builder notify, boolean evenIfDisabled) {
        if (s.triggerAction().notifies()) {
            if (s.recipientEndpointId() == null || s.recipientEndpointId().isEmpty()) {
                LOG.debug("{} fired but has no Recipient to notify", s.path());
            } else if (!s.recipientEnabled() && !evenIfDisabled) {
                LOG.debug("{} fired but its Recipient {} is disabled", s.path(), s.recipientPath());
            } else {
                Notify n = notify.setSubscriptionId(s.id()).build();
                NotificationDelivery.Policy policy = new NotificationDelivery.Policy(s.notifRetry(),
                        Duration.ofSeconds(s.notifExpiration()));
                String to = s.recipientEndpointId();
                execute(() -> delivery.deliver(to, n, policy));
            }
        }
        if (s.triggerAction().configures() && !s.triggerConfigSettings().isEmpty()) {
            List<String> settings = s.triggerConfigSettings();
            String path = s.path();
            execute(() -> configure(path, settings));
        }
    }

    // ------------------------------------------------------------------ the Subscription table

    /** The enabled, active Subscriptions of a type. */
    private List<Subscription> active(NotifType type) {
        List<Subscription> out = new ArrayList<>();
        for (Subscription s : current().values()) {
            if (s.enabled() && s.type() == type && !pending.contains(s.path())) {
                out.add(s);
            }
        }
        return out;
    }

    /** The Subscriptions, read again when the table or the Controller table changed. */
    private Map<String, Subscription> current() {
        if (!dirty) {
            return subscriptions;
        }
        dirty = false;
        ModelView view = model.view();
        Map<String, ControllerEntry> ctrls = new LinkedHashMap<>();
        for (ResolvedPath p : References.resolve(view, PathName.parse(CONTROLLERS + "*."))) {
            String path = p.path().substring(0, p.path().length() - 1);
            ctrls.put(path, new ControllerEntry(path, value(view, p.path() + "EndpointID"),
                    isTrue(value(view, p.path() + "Enable")), number(value(view, p.path() + "PeriodicNotifInterval")),
                    value(view, p.path() + "PeriodicNotifTime")));
        }
        Map<String, Subscription> subs = new LinkedHashMap<>();
        List<String> orphans = new ArrayList<>();
        for (ResolvedPath p : References.resolve(view, PathName.parse(SUBSCRIPTIONS + "*."))) {
            Subscription s = read(view, p.path(), ctrls);
            Subscription before = subscriptions.get(p.path());
            if (s.recipientPath() == null && before != null && before.recipientPath() != null
                    && !ctrls.containsKey(before.recipientPath())) {
                // The Recipient was deleted and the data model emptied the strong reference: the row goes too,
                // after hearing of the deletion like everyone else.
                s = s.withRecipient(before.recipientPath(), before.recipientEndpointId(), before.recipientEnabled());
                orphans.add(p.path());
            }
            subs.put(p.path(), s);
        }
        this.subscriptions = subs;
        this.controllers = ctrls;
        if (!orphans.isEmpty()) {
            execute(() -> remove(orphans, "its Recipient Controller was deleted"));
        }
        if (started) {
            scheduleExpiries();
            schedulePeriodics();
            watch();
        }
        return subs;
    }

    private Subscription read(ModelView view, String path, Map<String, ControllerEntry> ctrls) {
        String recipient = value(view, path + "Recipient");
        if (recipient.endsWith(".")) {
            recipient = recipient.substring(0, recipient.length() - 1);
        }
        ControllerEntry ctrl = recipient.isEmpty() ? null : ctrls.get(recipient);
        List<PathName> refs = new ArrayList<>();
        for (String item : ValueType.splitList(value(view, path + "ReferenceList"))) {
            PathName ref = parse(item.trim());
            if (ref == null) {
                LOG.debug("{}ReferenceList item {} is not a path; it selects nothing", path, item);
            } else {
                refs.add(ref);
            }
        }
        Instant created = null;
        String date = value(view, path + "CreationDate");
        if (!date.isEmpty()) {
            try {
                DateTime t = DateTime.parse(date);
                if (t.kind() == DateTime.Kind.ABSOLUTE) {
                    created = Instant.ofEpochSecond(t.seconds(), t.nanos());
                }
            } catch (RuntimeException e) {
                LOG.debug("{}CreationDate {} is not a time", path, date);
            }
        }
        return new Subscription(path, value(view, path + "ID"), isTrue(value(view, path + "Enable")),
                recipient.isEmpty() ? null : recipient, ctrl == null ? null : ctrl.endpointId(),
                ctrl != null && ctrl.enabled(), NotifType.of(value(view, path + "NotifType")), refs,
                number(value(view, path + "TimeToLive")), created, isTrue(value(view, path + "NotifRetry")),
                number(value(view, path + "NotifExpiration")), TriggerAction.of(value(view, path + "TriggerAction")),
                ValueType.splitList(value(view, path + "TriggerConfigSettings")));
    }

    /** Refreshes timers, watches and snapshots once the current task is done. */
    private void scheduleRefresh() {
        if (refreshScheduled) {
            return;
        }
        refreshScheduled = true;
        execute(() -> {
            refreshScheduled = false;
            current();
            snapshotDeletions();
        });
    }

    /**
     * Remembers what the ObjectDeletion items that need the data model (searches, reference following)
     * select now, so that a later deletion can be matched once the instance is gone.
     */
    private void snapshotDeletions() {
        Map<PathName, Set<String>> now = new HashMap<>();
        ModelView view = null;
        for (Subscription s : active(NotifType.OBJECT_DELETION)) {
            for (PathName item : s.references()) {
                if (References.needsModel(item) && !now.containsKey(item)) {
                    view = view == null ? model.view() : view;
                    Set<String> paths = new HashSet<>();
                    for (ResolvedPath p : References.resolve(view, item)) {
                        paths.add(p.path());
                    }
                    now.put(item, paths);
                }
            }
        }
        deletionSnapshots.clear();
        deletionSnapshots.putAll(now);
    }

    private void purgeNonPersistent() {
        ModelView view = model.view();
        List<String> gone = new ArrayList<>();
        for (ResolvedPath p : References.resolve(view, PathName.parse(SUBSCRIPTIONS + "*."))) {
            if (!isTrue(value(view, p.path() + "Persistent"))) {
                gone.add(p.path());
            }
        }
        if (!gone.isEmpty()) {
            remove(gone, "it is not Persistent and the agent restarted");
        }
    }

    /** Removes Subscriptions in one transaction (those that still exist). */
    private void remove(Collection<String> paths, String why) {
        Transaction tx = model.begin();
        try {
            List<String> removed = new ArrayList<>();
            for (String p : paths) {
                if (tx.view().object(p) != null) {
                    tx.remove(p);
                    removed.add(p);
                }
            }
            tx.commit();
            if (!removed.isEmpty()) {
                LOG.info("removed {}: {}", removed, why);
            }
        } catch (UspException | IllegalStateException e) {
            LOG.warn("could not remove {} ({}): {}", paths, why, e.toString());
        } finally {
            if (tx.isOpen()) {
                tx.rollback();
            }
        }
    }

    private Map<String, String> newSubscription(String controllerEndpointId) {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("CreationDate", DateTime.of(clock.instant()).toString());
        Optional<String> ctrl = controllerOf(controllerEndpointId);
        if (ctrl.isPresent()) {
            v.put("Recipient", ctrl.get());
        } else {
            LOG.warn("{} adds a Subscription but has no {}{i}. entry: its Recipient stays empty", controllerEndpointId,
                    CONTROLLERS);
        }
        return v;
    }

    /** The path (without final dot) of the Controller entry with this Endpoint ID. */
    private Optional<String> controllerOf(String endpointId) {
        ModelView view = model.view();
        for (ResolvedPath p : References.resolve(view, PathName.parse(CONTROLLERS + "*."))) {
            if (endpointId.equals(value(view, p.path() + "EndpointID"))) {
                return Optional.of(p.path().substring(0, p.path().length() - 1));
            }
        }
        return Optional.empty();
    }

    // ------------------------------------------------------------------ TimeToLive

    private Instant deadline(Subscription s) {
        if (s.timeToLive() <= 0) {
            return null;
        }
        Instant created = s.creationDate() != null ? s.creationDate() : firstSeen.computeIfAbsent(s.path(), k -> clock.instant());
        return s.deadline(created);
    }

    private void scheduleExpiries() {
        firstSeen.keySet().retainAll(subscriptions.keySet());
        for (String path : new ArrayList<>(expiries.keySet())) {
            Subscription s = subscriptions.get(path);
            if (s == null || deadline(s) == null) {
                expiries.remove(path).timer().cancel();
            }
        }
        Instant now = clock.instant();
        for (Subscription s : subscriptions.values()) {
            Instant due = deadline(s);
            if (due == null) {
                continue;
            }
            Scheduled before = expiries.get(s.path());
            if (before != null && before.due().equals(due)) {
                continue;
            }
            if (before != null) {
                before.timer().cancel();
            }
            String path = s.path();
            expiries.put(path, new Scheduled(due, schedule(Duration.between(now, due), () -> expire(path))));
        }
    }

    private void expire(String path) {
        Subscription s = current().get(path);
        Instant due = s == null ? null : deadline(s);
        if (due == null) {
            return;
        }
        if (due.isAfter(clock.instant())) {
            expiries.remove(path);
            scheduleExpiries();
            return;
        }
        expiries.remove(path);
        remove(List.of(path), "its TimeToLive of " + s.timeToLive() + " s ran out");
    }

    // ------------------------------------------------------------------ Periodic!

    private void schedulePeriodics() {
        for (String path : new ArrayList<>(periodics.keySet())) {
            ControllerEntry c = controllers.get(path);
            if (c == null || c.periodicInterval() <= 0) {
                periodics.remove(path).timer().cancel();
            }
        }
        for (ControllerEntry c : controllers.values()) {
            if (c.periodicInterval() <= 0) {
                continue;
            }
            Periodic before = periodics.get(c.path());
            if (before != null && before.interval() == c.periodicInterval() && before.time().equals(c.periodicTime())) {
                continue;
            }
            if (before != null) {
                before.timer().cancel();
            }
            Instant reference = periodicReference(c.periodicTime());
            Instant origin = reference != null ? reference : clock.instant();
            schedulePeriodic(c.path(), c.periodicInterval(), c.periodicTime(), origin);
        }
    }

    private void schedulePeriodic(String controller, long interval, String time, Instant origin) {
        Instant now = clock.instant();
        Instant next = nextPeriodic(origin, interval, now);
        long generation = ++periodicGeneration;
        periodics.put(controller, new Periodic(interval, time, origin, generation,
                schedule(Duration.between(now, next), () -> periodicDue(controller, generation))));
    }

    /** The first time after {@code now} that is {@code origin} plus a whole number of intervals. */
    static Instant nextPeriodic(Instant origin, long intervalSeconds, Instant now) {
        long step = Duration.ofSeconds(intervalSeconds).toMillis();
        long elapsed = Duration.between(origin, now).toMillis();
        long k = Math.floorDiv(elapsed, step) + 1;
        return origin.plusMillis(k * step);
    }

    private static Instant periodicReference(String time) {
        if (time == null || time.isEmpty()) {
            return null;
        }
        try {
            DateTime t = DateTime.parse(time);
            return t.kind() == DateTime.Kind.ABSOLUTE ? Instant.ofEpochSecond(t.seconds(), t.nanos()) : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    private void periodicDue(String controller, long generation) {
        current();
        Periodic p = periodics.get(controller);
        if (p == null || p.generation() != generation) {
            return; // called off, or rescheduled because the Controller's settings changed
        }
        Supplier<ModelView> views = model::view;
        for (Subscription s : active(NotifType.EVENT)) {
            if (controller.equals(s.recipientPath()) && selectsElement(s, PERIODIC, PERIODIC.toString(), views)) {
                trigger(s, Notify.newBuilder().setEvent(Notify.Event.newBuilder()
                        .setObjPath("Device.LocalAgent.").setEventName("Periodic!")), false);
            }
        }
        schedulePeriodic(controller, p.interval(), p.time(), p.reference());
    }

    // ------------------------------------------------------------------ polling

    /** Watches the ReferenceLists of the enabled ValueChange Subscriptions; polls while anything is watched. */
    private void watch() {
        Set<PathName> want = new LinkedHashSet<>();
        for (Subscription s : subscriptions.values()) {
            if (s.enabled() && s.type() == NotifType.VALUE_CHANGE) {
                for (PathName item : s.references()) {
                    if (item.kind() == ElementKind.OBJECT || item.kind() == ElementKind.PARAMETER) {
                        want.add(item);
                    }
                }
            }
        }
        Set<PathName> have = poller.watched();
        boolean added = false;
        for (PathName p : have) {
            if (!want.contains(p)) {
                poller.unwatch(p);
            }
        }
        for (PathName p : want) {
            if (!have.contains(p)) {
                poller.watch(p);
                added = true;
            }
        }
        if (added) {
            execute(poller::poll); // the baseline of what is new
        }
        if (!want.isEmpty() && pollTimer == null) {
            schedulePoll();
        }
    }

    private void schedulePoll() {
        pollTimer = schedule(pollInterval, () -> {
            pollTimer = null;
            if (!poller.watched().isEmpty()) {
                poller.poll();
                schedulePoll();
            }
        });
    }

    // ------------------------------------------------------------------ TriggerAction Config

    /** Applies a Subscription's {@code TriggerConfigSettings}, all or nothing. */
    private void configure(String subscription, List<String> settings) {
        Map<String, List<ParamSetting>> byObject = new LinkedHashMap<>();
        ModelView view = model.view();
        for (String setting : settings) {
            int eq = setting.indexOf('=');
            PathName name = eq <= 0 ? null : parse(setting.substring(0, eq).trim());
            if (name == null || name.kind() != ElementKind.PARAMETER) {
                LOG.warn("{}TriggerConfigSettings item {} is not Param=Value; skipped", subscription, setting);
                continue;
            }
            String value = setting.substring(eq + 1).trim();
            if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                value = value.substring(1, value.length() - 1);
            }
            for (ResolvedPath p : References.resolve(view, name)) {
                if (p.target() == ResolvedPath.Target.PARAMETER) {
                    String object = p.path().substring(0, p.path().length() - p.name().length());
                    byObject.computeIfAbsent(object, k -> new ArrayList<>()).add(ParamSetting.required(p.name(), value));
                }
            }
        }
        if (byObject.isEmpty()) {
            return;
        }
        Transaction tx = model.begin();
        try {
            for (Map.Entry<String, List<ParamSetting>> e : byObject.entrySet()) {
                tx.set(e.getKey(), e.getValue());
            }
            tx.commit();
            LOG.debug("{} applied its TriggerConfigSettings", subscription);
        } catch (UspException | IllegalStateException e) {
            LOG.warn("{} could not apply its TriggerConfigSettings: {}", subscription, e.toString());
        } finally {
            if (tx.isOpen()) {
                tx.rollback();
            }
        }
    }

    // ------------------------------------------------------------------ Boot!

    private Notify.Event.Builder bootEvent(BootRecord boot, String recipient, ModelView view) {
        return Notify.Event.newBuilder()
                .setObjPath("Device.")
                .setEventName("Boot!")
                .putParams("CommandKey", boot.commandKey())
                .putParams("Cause", boot.cause())
                .putParams("FirmwareUpdated", Boolean.toString(boot.firmwareUpdated()))
                .putParams("Reason", boot.reason())
                .putParams("ParameterMap", JsonText.write(bootParameters(recipient, view)));
    }

    /** The values the Recipient's enabled BootParameter entries name, by parameter path. */
    private Map<String, String> bootParameters(String recipient, ModelView view) {
        Map<String, String> out = new LinkedHashMap<>();
        if (recipient == null) {
            return out;
        }
        for (ResolvedPath bp : References.resolve(view, PathName.parse(recipient + ".BootParameter.*."))) {
            if (!isTrue(value(view, bp.path() + "Enable"))) {
                continue;
            }
            PathName name = parse(value(view, bp.path() + "ParameterName"));
            if (name == null || name.kind() != ElementKind.PARAMETER) {
                continue;
            }
            for (ResolvedPath p : References.resolve(view, name)) {
                if (p.target() == ResolvedPath.Target.PARAMETER && !out.containsKey(p.path())) {
                    try {
                        String v = masked(p.path()) ? "" : view.value(p.path());
                        if (v != null) {
                            out.put(p.path(), v);
                        }
                    } catch (UspException e) {
                        LOG.debug("Boot! cannot read {}: {}", p.path(), e.getMessage());
                    }
                }
            }
        }
        return out;
    }

    // ------------------------------------------------------------------ helpers

    /** The unique-key parameters of an instance with their values, as ObjectCreation carries them. */
    private Map<String, String> uniqueKeys(ModelView view, String instancePath) {
        Map<String, String> keys = new LinkedHashMap<>();
        Optional<ObjectDef> def = model.supported().object(instancePath);
        if (def.isEmpty()) {
            return keys;
        }
        for (UniqueKey k : def.get().uniqueKeys()) {
            for (String name : k.parameters()) {
                try {
                    String v = view.value(instancePath + name);
                    if (v != null) {
                        keys.put(name, masked(instancePath + name) ? "" : v);
                    }
                } catch (UspException e) {
                    LOG.debug("cannot read key {}{}: {}", instancePath, name, e.getMessage());
                }
            }
        }
        return keys;
    }

    /** True for parameters whose value no Controller reads: secured, hidden, write-only. */
    private boolean masked(String parameterPath) {
        Optional<ParameterDef> def = model.supported().parameter(parameterPath);
        return def.isPresent() && (def.get().syntax().secured() || def.get().syntax().hidden()
                || def.get().access() == ParameterAccess.WRITE_ONLY);
    }

    private static String value(ModelView view, String path) {
        try {
            String v = view.value(path);
            return v == null ? "" : v;
        } catch (UspException e) {
            return "";
        }
    }

    private static boolean isTrue(String v) {
        return "true".equals(v) || "1".equals(v);
    }

    private static long number(String v) {
        try {
            return v == null || v.isEmpty() ? 0 : Long.parseLong(v);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static PathName parse(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        try {
            PathName p = PathName.parse(text);
            for (PathSegment s : p.segments()) {
                if (s instanceof PathSegment.Placeholder) {
                    return null;
                }
            }
            return p;
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Runs a task on the agent thread after the current one, unless the engine is closed. */
    private void execute(Runnable task) {
        try {
            agentThread.execute(guarded(task));
        } catch (RejectedExecutionException e) {
            LOG.debug("agent stopped; a subscription task is dropped");
        }
    }

    private Timers.Timer schedule(Duration delay, Runnable task) {
        return timers.schedule(delay, guarded(task));
    }

    private Runnable guarded(Runnable task) {
        return () -> {
            owner = Thread.currentThread();
            if (closed) {
                return;
            }
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.error("a subscription task failed", e);
            }
        };
    }
}
