package io.usp4j.datamodel.instance;

import io.usp4j.core.error.ErrorCode;
import io.usp4j.core.error.UspException;
import io.usp4j.core.path.resolve.InstantiatedObject;
import io.usp4j.datamodel.binding.CommandCall;
import io.usp4j.datamodel.binding.CommandHandler;
import io.usp4j.datamodel.binding.DataModelListener;
import io.usp4j.datamodel.binding.ObjectBinding;
import io.usp4j.datamodel.binding.ObjectInstance;
import io.usp4j.datamodel.schema.ArgumentObjectDef;
import io.usp4j.datamodel.schema.Arguments;
import io.usp4j.datamodel.schema.CommandDef;
import io.usp4j.datamodel.schema.EventDef;
import io.usp4j.datamodel.schema.ObjectDef;
import io.usp4j.datamodel.schema.ParameterDef;
import io.usp4j.datamodel.schema.SupportedDataModel;
import io.usp4j.datamodel.storage.InMemoryStorage;
import io.usp4j.datamodel.storage.Storage;
import io.usp4j.datamodel.storage.StorageEntry;
import io.usp4j.datamodel.storage.WriteBatch;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An agent's Instantiated Data Model: the {@link SupportedDataModel} joined with the firmware's
 * {@link ObjectBinding}s and the library's own stored values, rows and instance numbers.
 *
 * <p>Reads go through a {@link ModelView} ({@link #view()}), which the usp-core path resolver walks; changes
 * go through a {@link Transaction} ({@link #begin()}); commands through {@link #invoke}. What the library
 * stores (library-stored parameters, rows of library-backed tables, instance-number counters, the numbers
 * given to firmware rows) is written to the {@link Storage} in one atomic commit per transaction and read
 * back by {@link Builder#build()}, so instance numbers and configuration survive restarts and numbers are
 * never given twice.
 *
 * <p><b>Threads.</b> A data model is owned by one thread (normally the agent thread): every method must be
 * called on it, and firmware callbacks run on it, except {@link #valueChanged(String, Object)},
 * {@link #emit}, {@link #addListener} and {@link #removeListener}, which any thread may call. Firmware that
 * changes state from its own threads reports it with those, or hands a task to the owner thread.
 */
public final class DataModel {
    private static final Logger LOG = LoggerFactory.getLogger(DataModel.class);

    /** Storage namespace of stored parameter values, keyed by object path. */
    static final String NS_VALUES = "usp4j.dm.values";
    /** Storage namespace of next instance numbers, keyed by table path. */
    static final String NS_NEXT = "usp4j.dm.next";
    /** Storage namespace of the numbers given to firmware rows, keyed by table path, {@code |} and row id. */
    static final String NS_ROW_IDS = "usp4j.dm.rowids";

    private final SupportedDataModel supported;
    private final Storage storage;
    private final Map<String, ObjectNode> nodes;
    private final Map<String, Row> roots = new LinkedHashMap<>();
    private final List<ObjectNode> strongRefNodes;
    private final List<DataModelListener> listeners = new CopyOnWriteArrayList<>();
    private Transaction open;

    private DataModel(Builder b) {
        this.supported = b.supported;
        this.storage = b.storage;
        this.nodes = new LinkedHashMap<>();
        List<ObjectNode> strong = new ArrayList<>();
        for (ObjectDef def : supported.objects()) {
            ObjectBinding binding = b.bindings.getOrDefault(def.path(), ObjectBinding.none());
            ObjectNode parent = def.parentPath().map(nodes::get).orElse(null);
            ObjectNode node = new ObjectNode(def, binding, parent);
            nodes.put(def.path(), node);
            if (parent == null) {
                roots.put(node.name, new Row(node, null, 0, node.name + ".", null));
            } else {
                parent.addChild(node);
            }
        }
        for (ObjectNode node : nodes.values()) {
            for (int i = 0; i < node.params.length; i++) {
                if (node.strongRef[i] && node.sources[i] == ObjectNode.Source.STORED) {
                    strong.add(node);
                    break;
                }
            }
        }
        this.strongRefNodes = List.copyOf(strong);
        listeners.addAll(b.listeners);
        load();
    }

    /**
     * Starts building a data model over a Supported Data Model.
     *
     * @param supported what the agent supports, e.g. from {@code DataModelLoader} and
     *     {@link SupportedDataModel#select}
     */
    public static Builder builder(SupportedDataModel supported) {
        return new Builder(supported);
    }

    /** The Supported Data Model this instantiates. */
    public SupportedDataModel supported() {
        return supported;
    }

    /**
     * Adds to {@code batch} the removal of everything a data model keeps in a storage (rows, values, instance
     * counters, firmware row numbers), for a factory reset: a data model built on the storage afterwards
     * starts empty. The batch is the caller's to commit, with whatever else must change atomically.
     */
    public static void eraseStored(WriteBatch batch) {
        batch.deletePrefix(NS_VALUES, "").deletePrefix(NS_NEXT, "").deletePrefix(NS_ROW_IDS, "");
    }

    /** True when {@code storage} holds anything a data model stored (a row, a value, a counter). */
    public static boolean hasStoredState(Storage storage) {
        return !storage.scan(NS_VALUES, "").isEmpty() || !storage.scan(NS_NEXT, "").isEmpty()
                || !storage.scan(NS_ROW_IDS, "").isEmpty();
    }

    /** A fresh read of the committed state, for one message. */
    public ModelView view() {
        return new ModelView(this, null);
    }

    /**
     * Opens a transaction.
     *
     * @throws IllegalStateException when another transaction is still open
     */
    public Transaction begin() {
        if (open != null) {
            throw new IllegalStateException("a transaction is already open");
        }
        open = new Transaction(this);
        return open;
    }

    /** Hears value changes, creations, deletions and events from now on. */
    public void addListener(DataModelListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /** Stops telling a listener. */
    public void removeListener(DataModelListener listener) {
        listeners.remove(listener);
    }

    /**
     * True when every change of the parameter is reported to listeners without polling: library-stored
     * parameters, NumberOfEntries counters, and firmware-read parameters bound as
     * {@linkplain ObjectBinding.Builder#notifying notifying}.
     *
     * @param parameterPath a parameter path, with instance numbers or {@code {i}}
     * @throws IllegalArgumentException when the parameter is not in the Supported Data Model
     */
    public boolean isPushed(String parameterPath) {
        int dot = parameterPath.lastIndexOf('.');
        ObjectNode node = dot < 0 ? null : nodes.get(supported.object(parameterPath.substring(0, dot + 1))
                .map(ObjectDef::path).orElse(""));
        int i = node == null ? -1 : node.index(parameterPath.substring(dot + 1));
        if (i < 0) {
            throw new IllegalArgumentException("no parameter " + parameterPath);
        }
        return node.sources[i] != ObjectNode.Source.FIRMWARE || node.binding.notifying().contains(node.params[i].name());
    }

    /**
     * Firmware changes a library-stored parameter (a {@code Status} it pushes rather than being polled for).
     * The value is stored (persisted unless the binding marks it volatile) and listeners hear of it when
     * it differs from the current one.
     *
     * @param parameterPath the parameter, with instance numbers
     * @param value the value, of a form {@link io.usp4j.datamodel.binding.ParameterGetter} accepts
     * @throws IllegalArgumentException when the parameter does not exist, is not library-stored, or the value
     *     fails its type and constraint checks
     * @throws IllegalStateException when called while a transaction is open
     */
    public void update(String parameterPath, Object value) {
        if (open != null) {
            throw new IllegalStateException("firmware updates must not run inside a transaction");
        }
        int dot = parameterPath.lastIndexOf('.');
        Row row = dot < 0 ? null : view().locate(parameterPath.substring(0, dot + 1));
        int i = row == null ? -1 : row.node.index(parameterPath.substring(dot + 1));
        if (i < 0 || row.node.sources[i] != ObjectNode.Source.STORED) {
            throw new IllegalArgumentException("no library-stored parameter " + parameterPath);
        }
        String text;
        try {
            text = Validation.check(parameterPath, row.node.params[i], Values.format(row.node.params[i], value));
        } catch (UspException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        if (text.equals(row.values[i])) {
            return;
        }
        String[] values = row.values.clone();
        values[i] = text;
        if (row.node.persisted[i]) {
            storage.commit(new WriteBatch().put(NS_VALUES, row.path, RowCodec.encode(row, values)));
        }
        row.values = values;
        fireValueChange(parameterPath, text);
    }

    /**
     * Firmware reports that a firmware-read parameter changed. Any thread may call this.
     *
     * @param parameterPath the parameter, with instance numbers
     * @param value the new value, of a form {@link io.usp4j.datamodel.binding.ParameterGetter} accepts
     * @throws IllegalArgumentException when the parameter is not in the Supported Data Model
     */
    public void valueChanged(String parameterPath, Object value) {
        ParameterDef def = supported.parameter(parameterPath)
                .orElseThrow(() -> new IllegalArgumentException("no parameter " + parameterPath));
        fireValueChange(parameterPath, Values.format(def, value));
    }

    /**
     * Firmware reports an event ({@code Device.Boot!}, {@code Device.WiFi.AccessPoint.1.AssociatedDevice.2.Connected!}).
     * Any thread may call this.
     *
     * @param eventPath the event path with instance numbers
     * @param arguments the arguments by name, each of a form {@link io.usp4j.datamodel.binding.ParameterGetter}
     *     accepts
     * @throws IllegalArgumentException when the event is not in the Supported Data Model
     */
    public void emit(String eventPath, Map<String, ?> arguments) {
        EventDef def = supported.event(eventPath).orElseThrow(() -> new IllegalArgumentException("no event " + eventPath));
        Map<String, String> args = new LinkedHashMap<>();
        arguments.forEach((k, v) -> args.put(k, format(def.arguments(), k, v)));
        Map<String, String> frozen = java.util.Collections.unmodifiableMap(args);
        fire(l -> l.onEvent(eventPath, frozen), "event", eventPath);
    }

    private static String format(Arguments args, String name, Object value) {
        Optional<ParameterDef> def = argument(args, name);
        if (def.isPresent()) {
            return Values.format(def.get(), value);
        }
        return value instanceof String s ? s : String.valueOf(value);
    }

    /** The definition of an argument by relative name, looking into argument objects ({@code Result.2.Value}). */
    private static Optional<ParameterDef> argument(Arguments args, String name) {
        int dot = name.lastIndexOf('.');
        if (dot < 0) {
            return args.parameter(name);
        }
        String objectPath = SupportedDataModel.toSupportedPath(name.substring(0, dot + 1));
        return args.object(objectPath).flatMap(o -> o.parameter(name.substring(dot + 1)));
    }

    /**
     * Runs a command on an object. Input arguments are checked first (R-OPR.5–7): unknown ones are dropped,
     * omitted optional ones take their defaults, and a missing mandatory or invalid one fails the stage
     * with 7027 without calling firmware.
     *
     * @param object the object, from a {@link ModelView} of this model (a {@code ResolvedPath}'s object)
     * @param commandName the command name with or without {@code ()}
     * @param input the Controller's input arguments by relative name
     * @param commandKey the Controller's command key
     * @return the output arguments in lexical form; fails with a {@link UspException}: 7026 when the object has
     *     no such command, 7027 for bad input, 7022 when no handler is bound or firmware fails without a code,
     *     7023 when firmware's stage was canceled. Cancelling the returned stage (as a {@link CompletableFuture},
     *     for {@code Request.{i}.Cancel()}) cancels firmware's stage too.
     * @throws IllegalArgumentException when the object does not come from this model
     */
    public CompletionStage<Map<String, String>> invoke(
            InstantiatedObject object, String commandName, Map<String, String> input, String commandKey) {
        if (!(object instanceof RowObject ro) || ro.view.model != this) {
            throw new IllegalArgumentException("object does not come from this data model");
        }
        String name = commandName.endsWith("()") ? commandName : commandName + "()";
        String path = ro.row.path + name;
        CommandDef def = ro.row.node.def.command(name).orElse(null);
        if (def == null) {
            return CompletableFuture.failedFuture(new UspException(ErrorCode.INVALID_PATH, "no command " + path));
        }
        CommandHandler handler = ro.row.node.command(name);
        if (handler == null) {
            LOG.warn("command {} has no handler bound", path);
            return CompletableFuture.failedFuture(new UspException(ErrorCode.COMMAND_FAILURE, path + " is not implemented"));
        }
        Map<String, String> args;
        try {
            args = checkInput(path, def.input(), input);
        } catch (UspException e) {
            return CompletableFuture.failedFuture(e);
        }
        CompletionStage<Map<String, ?>> stage;
        try {
            stage = handler.invoke(new CommandCall(path, def, ro, args, commandKey == null ? "" : commandKey));
            if (stage == null) {
                stage = CompletableFuture.completedFuture(Map.of());
            }
        } catch (Exception e) {
            stage = CompletableFuture.failedFuture(e);
        }
        CompletionStage<Map<String, ?>> running = stage;
        CompletionStage<Map<String, String>> outcome = stage.handle((out, failure) -> {
            if (failure != null) {
                Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
                if (cause instanceof UspException u) {
                    throw u;
                }
                if (cause instanceof CancellationException) {
                    throw new UspException(ErrorCode.COMMAND_CANCELED, path + " was canceled", cause);
                }
                LOG.warn("command {} failed: {}", path, cause.toString());
                throw new UspException(ErrorCode.COMMAND_FAILURE, path + " failed: " + cause.getMessage(), cause);
            }
            Map<String, String> result = new LinkedHashMap<>();
            if (out != null) {
                out.forEach((k, v) -> {
                    if (v != null) {
                        result.put(k, format(def.output(), k, v));
                    }
                });
            }
            return java.util.Collections.unmodifiableMap(result);
        });
        if (outcome instanceof CompletableFuture<Map<String, String>> f) {
            f.whenComplete((out, failure) -> {
                if (f.isCancelled()) {
                    cancel(path, running);
                }
            });
        }
        return outcome;
    }

    /** Passes a caller's cancellation on to the firmware's stage, when it can be cancelled. */
    private static void cancel(String path, CompletionStage<?> stage) {
        try {
            stage.toCompletableFuture().cancel(true);
        } catch (UnsupportedOperationException e) {
            LOG.debug("command {} cannot be canceled in firmware: its stage is not a future", path);
        }
    }

    private static Map<String, String> checkInput(String path, Arguments defs, Map<String, String> input) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : input.entrySet()) {
            Optional<ParameterDef> def = argument(defs, e.getKey());
            if (def.isEmpty()) {
                LOG.debug("{}: ignoring unknown input argument {}", path, e.getKey());
                continue;
            }
            try {
                out.put(e.getKey(), Validation.check(path + "." + e.getKey(), def.get(), e.getValue()));
            } catch (UspException ex) {
                throw new UspException(ErrorCode.INVALID_COMMAND_ARGUMENTS, ex.getMessage());
            }
        }
        for (ParameterDef p : defs.parameters()) {
            if (out.containsKey(p.name())) {
                continue;
            }
            if (p.mandatory()) {
                throw new UspException(ErrorCode.INVALID_COMMAND_ARGUMENTS, path + ": missing mandatory input " + p.name());
            }
            p.syntax().defaultValue().ifPresent(d -> out.put(p.name(), d.value()));
        }
        for (ArgumentObjectDef o : defs.objects()) {
            if (o.isMultiInstance()) {
                continue;
            }
            for (ParameterDef p : o.parameters()) {
                String name = o.path() + p.name();
                if (!out.containsKey(name) && p.mandatory()) {
                    throw new UspException(ErrorCode.INVALID_COMMAND_ARGUMENTS, path + ": missing mandatory input " + name);
                }
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- internals used by views and transactions

    Storage storage() {
        return storage;
    }

    Row rootRow(String name) {
        return roots.get(name);
    }

    void closed(Transaction tx) {
        if (open == tx) {
            open = null;
        }
    }

    List<ObjectNode> strongRefNodes() {
        return strongRefNodes;
    }

    static String rowIdKey(Row.Table table, String rowId) {
        return table.path + "|" + rowId;
    }

    /** Every current row of a node, as a view sees them. */
    List<Row> rowsOf(ObjectNode node, ModelView view) {
        List<ObjectNode> chain = new ArrayList<>();
        for (ObjectNode n = node; n != null; n = n.parent) {
            chain.add(0, n);
        }
        List<Row> level = new ArrayList<>();
        Row root = roots.get(chain.get(0).name);
        if (root != null) {
            level.add(root);
        }
        for (int k = 1; k < chain.size(); k++) {
            ObjectNode n = chain.get(k);
            List<Row> next = new ArrayList<>();
            for (Row r : level) {
                if (n.table) {
                    next.addAll(view.rows(r, n));
                } else {
                    next.add(r.single(n.name, n));
                }
            }
            level = next;
        }
        return level;
    }

    /** The paths of a row and every row below it, the row first. */
    void collectRowPaths(Row row, List<String> out) {
        if (row.number > 0) {
            out.add(row.path);
        }
        for (Row s : row.singles().values()) {
            collectRowPaths(s, out);
        }
        for (Row.Table t : row.tables().values()) {
            for (Row r : t.rows.values()) {
                collectRowPaths(r, out);
            }
        }
    }

    /** Adds the value change of the NumberOfEntries parameter counting {@code table}, if there is one. */
    void countChanged(Row.Table table, List<Runnable> events) {
        Row parent = table.parent;
        ObjectNode pn = parent.node;
        for (int i = 0; i < pn.params.length; i++) {
            if (pn.sources[i] == ObjectNode.Source.COUNT && table.node.name.equals(pn.countedTable[i])) {
                String path = parent.path + pn.params[i].name();
                String count = Integer.toString(table.rows.size());
                events.add(() -> fireValueChange(path, count));
            }
        }
    }

    void fireValueChange(String path, String value) {
        fire(l -> l.onValueChange(path, value), "value change of", path);
    }

    void fireCreation(String path) {
        fire(l -> l.onObjectCreation(path), "creation of", path);
    }

    void fireDeletion(String path) {
        fire(l -> l.onObjectDeletion(path), "deletion of", path);
    }

    /** Tells every listener; a listener that throws is logged and does not stop the others. */
    private void fire(Consumer<DataModelListener> call, String what, String path) {
        for (DataModelListener l : listeners) {
            try {
                call.accept(l);
            } catch (RuntimeException e) {
                LOG.error("listener failed on {} {}", what, path, e);
            }
        }
    }

    /**
     * Gives values to unique-key parameters nobody supplied (R-ADD.5, and rows found in firmware): a writable,
     * library-stored string parameter that is not a reference and is still empty gets
     * {@code cpe-<instance number>}, made unique with a suffix if {@code taken} says the value is in use.
     * Other key parameters keep their defaults (or are set by the agent, like a Subscription's Recipient).
     */
    static void assignKeys(Row row, boolean[] supplied, java.util.function.BiPredicate<Integer, String> taken) {
        ObjectNode node = row.node;
        for (int[] key : node.keys) {
            for (int i : key) {
                ParameterDef p = node.params[i];
                if ((supplied != null && supplied[i]) || node.sources[i] != ObjectNode.Source.STORED
                        || !p.access().isWritable() || p.type() != io.usp4j.core.value.ValueType.STRING
                        || p.syntax().reference().isPresent() || !row.values[i].isEmpty()) {
                    continue;
                }
                String base = "cpe-" + row.number;
                String v = base;
                for (int n = 2; taken.test(i, v); n++) {
                    v = base + "-" + n;
                }
                row.values[i] = v;
            }
        }
    }

    /** Brings a firmware-backed table in line with what firmware lists now. */
    void reconcile(Row.Table t, ModelView view) {
        List<String> ids;
        try {
            ids = t.node.rowSource().rowIds(new RowObject(view, t.parent));
        } catch (UspException e) {
            throw e;
        } catch (Exception e) {
            LOG.warn("firmware could not list {}: {}", t.path, e.toString());
            throw new UspException(ErrorCode.INTERNAL_ERROR, "could not list " + t.path, e);
        }
        Map<String, Long> known = t.numbersById();
        WriteBatch b = new WriteBatch();
        Set<String> seen = new HashSet<>();
        List<String> created = new ArrayList<>();
        List<String> gone = new ArrayList<>();
        for (String id : ids == null ? List.<String>of() : ids) {
            if (id == null || id.isEmpty() || !seen.add(id)) {
                LOG.warn("firmware listed an empty or repeated row id {} in {}", id, t.path);
                continue;
            }
            Long n = known.get(id);
            if (n == null) {
                n = t.nextNumber++;
                known.put(id, n);
                b.put(NS_ROW_IDS, rowIdKey(t, id), Long.toString(n));
                b.put(NS_NEXT, t.path, Long.toString(t.nextNumber));
            }
            if (!t.rows.containsKey(n)) {
                Row r = new Row(t.node, t.parent, n, t.path + n + ".", id);
                t.rows.put(n, r);
                created.add(r.path);
                if (t.node.keys.length > 0) {
                    DataModel.assignKeys(r, null, (i, v) -> {
                        for (Row o : t.rows.values()) {
                            if (o != r && v.equals(o.values[i])) {
                                return true;
                            }
                        }
                        return false;
                    });
                    if (!java.util.Arrays.equals(r.values, t.node.defaults)) {
                        b.put(NS_VALUES, r.path, RowCodec.encode(r, r.values));
                    }
                }
            }
        }
        for (Iterator<Row> it = t.rows.values().iterator(); it.hasNext(); ) {
            Row r = it.next();
            if (!seen.contains(r.rowId)) {
                collectRowPaths(r, gone);
                it.remove();
                known.remove(r.rowId);
                b.delete(NS_ROW_IDS, rowIdKey(t, r.rowId));
                b.deletePrefix(NS_VALUES, r.path);
                b.deletePrefix(NS_NEXT, r.path);
                b.deletePrefix(NS_ROW_IDS, r.path);
            }
        }
        if (!b.isEmpty()) {
            storage.commit(b);
        }
        created.forEach(this::fireCreation);
        gone.forEach(this::fireDeletion);
        if (!created.isEmpty() || !gone.isEmpty()) {
            List<Runnable> events = new ArrayList<>();
            countChanged(t, events);
            events.forEach(Runnable::run);
        }
    }

    // ---------------------------------------------------------------- loading

    private void load() {
        int rows = 0;
        for (StorageEntry e : storage.scan(NS_ROW_IDS, "")) {
            int bar = e.key().indexOf('|');
            long n = parseLong(e.valueAsString());
            Row.Table t = bar < 0 || n <= 0 ? null : tableAt(e.key().substring(0, bar));
            if (t == null || t.node.rowSource() == null) {
                LOG.warn("dropping stored row number {} that fits no firmware table", e.key());
                continue;
            }
            String id = e.key().substring(bar + 1);
            t.numbersById().put(id, n);
            t.rows.put(n, new Row(t.node, t.parent, n, t.path + n + ".", id));
            t.nextNumber = Math.max(t.nextNumber, n + 1);
        }
        for (StorageEntry e : storage.scan(NS_VALUES, "")) {
            Map<String, String> values;
            try {
                values = RowCodec.decode(e.value());
            } catch (IllegalArgumentException ex) {
                LOG.error("dropping stored values of {}, which are unreadable: {}", e.key(), ex.getMessage());
                continue;
            }
            Row r = rowAt(e.key(), true);
            if (r == null) {
                LOG.warn("dropping stored values of {}, which fits no object of the data model", e.key());
                continue;
            }
            String[] v = r.values.clone();
            values.forEach((name, value) -> {
                int i = r.node.index(name);
                if (i >= 0 && r.node.persisted[i]) {
                    v[i] = value;
                } else {
                    LOG.debug("dropping stored value of {}{}, no longer a stored parameter", r.path, name);
                }
            });
            r.values = v;
            rows++;
        }
        for (StorageEntry e : storage.scan(NS_NEXT, "")) {
            Row.Table t = tableAt(e.key());
            long n = parseLong(e.valueAsString());
            if (t != null && n > 0) {
                t.nextNumber = Math.max(t.nextNumber, n);
            }
        }
        LOG.debug("loaded {} stored objects", rows);
    }

    private static long parseLong(String s) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The table at a stored table path, creating library-backed rows on the way; null when it fits nothing. */
    private Row.Table tableAt(String tablePath) {
        int cut = tablePath.lastIndexOf('.', tablePath.length() - 2);
        if (cut < 0) {
            return null;
        }
        Row parent = rowAt(tablePath.substring(0, cut + 1), false);
        if (parent == null) {
            return null;
        }
        ObjectNode node = parent.node.children.get(tablePath.substring(cut + 1, tablePath.length() - 1));
        return node == null || !node.table ? null : parent.table(node.name, node);
    }

    /** The row at a stored object path, creating rows of library-backed tables when asked. */
    private Row rowAt(String path, boolean create) {
        if (!path.endsWith(".")) {
            return null;
        }
        String[] segs = path.substring(0, path.length() - 1).split("\\.", -1);
        Row r = roots.get(segs[0]);
        for (int s = 1; r != null && s < segs.length; s++) {
            ObjectNode child = r.node.children.get(segs[s]);
            if (child == null) {
                return null;
            }
            if (!child.table) {
                r = r.single(child.name, child);
                continue;
            }
            if (++s >= segs.length) {
                return null;
            }
            long n = parseLong(segs[s]);
            if (n <= 0) {
                return null;
            }
            Row.Table t = r.table(child.name, child);
            Row next = t.rows.get(n);
            if (next == null && create && child.rowSource() == null) {
                next = new Row(child, r, n, t.path + n + ".", null);
                t.rows.put(n, next);
                t.nextNumber = Math.max(t.nextNumber, n + 1);
            }
            r = next;
        }
        return r;
    }

    /** Collects the settings of a {@link DataModel}. Not thread-safe. */
    public static final class Builder {
        private final SupportedDataModel supported;
        private final Map<String, ObjectBinding> bindings = new HashMap<>();
        private final List<DataModelListener> listeners = new ArrayList<>();
        private Storage storage;

        private Builder(SupportedDataModel supported) {
            this.supported = Objects.requireNonNull(supported, "supported");
        }

        /** Where stored values, rows and instance numbers live (default: a new {@link InMemoryStorage}). */
        public Builder storage(Storage storage) {
            this.storage = Objects.requireNonNull(storage, "storage");
            return this;
        }

        /**
         * Binds an object (for a table: every row of it) to firmware.
         *
         * @param objectPath the supported path ({@code Device.WiFi.SSID.{i}.})
         * @throws IllegalArgumentException when the object is not in the Supported Data Model or already bound
         */
        public Builder bind(String objectPath, ObjectBinding binding) {
            ObjectDef def = supported.object(objectPath)
                    .orElseThrow(() -> new IllegalArgumentException("no object " + objectPath + " in the supported data model"));
            if (bindings.putIfAbsent(def.path(), Objects.requireNonNull(binding, "binding")) != null) {
                throw new IllegalArgumentException(def.path() + " is bound twice");
            }
            return this;
        }

        /** Binds an object, configuring the binding in a lambda. */
        public Builder bind(String objectPath, Consumer<ObjectBinding.Builder> configure) {
            ObjectBinding.Builder b = ObjectBinding.builder();
            configure.accept(b);
            return bind(objectPath, b.build());
        }

        /** Adds a listener from the start (so it also hears what loading does). */
        public Builder listener(DataModelListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /**
         * Checks the bindings against the schema, builds the model and loads what the storage holds.
         *
         * @throws IllegalArgumentException when a binding names a parameter or command the object does not have,
         *     binds rows to a single-instance object, or leaves a writable firmware-read parameter without a setter
         * @throws io.usp4j.datamodel.storage.StorageException when the storage cannot be read
         */
        public DataModel build() {
            bindings.forEach((path, binding) -> check(supported.object(path).orElseThrow(), binding));
            if (storage == null) {
                storage = new InMemoryStorage();
            }
            return new DataModel(this);
        }

        private static void check(ObjectDef def, ObjectBinding b) {
            Set<String> named = new HashSet<>(b.getters().keySet());
            named.addAll(b.groups().keySet());
            named.addAll(b.setters().keySet());
            named.addAll(b.notifying());
            named.addAll(b.volatileValues());
            for (String p : named) {
                if (def.parameter(p).isEmpty()) {
                    throw new IllegalArgumentException(def.path() + " has no parameter " + p + " to bind");
                }
            }
            for (ParameterDef p : def.parameters().values()) {
                if (b.isFirmwareRead(p.name()) && p.access().isWritable() && !b.setters().containsKey(p.name())) {
                    throw new IllegalArgumentException("writable parameter " + def.path() + p.name()
                            + " is read from firmware but has no setter");
                }
            }
            for (String c : b.commands().keySet()) {
                if (def.command(c).isEmpty()) {
                    throw new IllegalArgumentException(def.path() + " has no command " + c + " to bind");
                }
            }
            if (b.rowSource() != null && !def.isMultiInstance()) {
                throw new IllegalArgumentException(def.path() + " is not a table; it cannot have a row source");
            }
        }
    }
}
