package io.usp4j.datamodel.instance;

import io.usp4j.core.error.ErrorCode;
import io.usp4j.core.error.UspException;
import io.usp4j.core.path.PathName;
import io.usp4j.core.path.resolve.Resolution;
import io.usp4j.core.path.resolve.ResolvedPath;
import io.usp4j.core.value.ValueType;
import io.usp4j.datamodel.binding.ChangeHandler;
import io.usp4j.datamodel.binding.ObjectChange;
import io.usp4j.datamodel.binding.ParameterSetter;
import io.usp4j.datamodel.schema.ParameterAccess;
import io.usp4j.datamodel.schema.ParameterDef;
import io.usp4j.datamodel.storage.StorageException;
import io.usp4j.datamodel.storage.WriteBatch;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A set of Adds, Sets and Deletes applied to the data model all together or not at all: the unit of a USP
 * message with {@code allow_partial=false}, of one search-path Set (R-SET.2a), or of one object of a message
 * with {@code allow_partial=true}.
 *
 * <p>Each {@link #add}, {@link #set} and {@link #delete} checks what it can at once (paths, access, types,
 * constraints) and stages the change; a refused step throws {@link TransactionException} and stages
 * nothing, so the caller may go on with other objects. {@link #view()} sees the staged state. {@link #commit}
 * then checks the final state as a whole (unique keys, strong references, minimum entries, each
 * {@link ChangeHandler#validate}), applies the changes to firmware in order, rolling back what was applied
 * when a step fails, stores the result in one atomic storage commit, and only then makes it visible and
 * tells the listeners. Instance numbers given to Adds that do not commit are never given again.
 *
 * <p>Obtained from {@link DataModel#begin()}; at most one is open at a time. Confined to the thread that owns
 * the data model.
 */
public final class Transaction {
    private static final Logger LOG = LoggerFactory.getLogger(Transaction.class);

    private enum State { OPEN, COMMITTED, ROLLED_BACK }

    /** One staged change, in the order the caller made them. */
    private static final class Change {
        final ObjectChange.Kind kind;
        final Row row;
        /** For updates: the value each changed parameter had before the transaction, by index. */
        final Map<Integer, String> previous = new LinkedHashMap<>();

        Change(ObjectChange.Kind kind, Row row) {
            this.kind = kind;
            this.row = row;
        }
    }

    private final DataModel model;
    private final ModelView view;
    private final Map<Row, String[]> staged = new IdentityHashMap<>();
    private final Map<Row.Table, TreeMap<Long, Row>> added = new IdentityHashMap<>();
    private final Set<Row> addedRows = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Set<Row> deleted = Collections.newSetFromMap(new IdentityHashMap<>());
    private final List<Change> changes = new ArrayList<>();
    private final Map<Row, Change> updates = new IdentityHashMap<>();
    /** Key values per table and parameter, for generating keys without listing a table per Add. */
    private final Map<Row.Table, Map<Integer, Set<String>>> keyValues = new IdentityHashMap<>();
    private State state = State.OPEN;

    Transaction(DataModel model) {
        this.model = model;
        this.view = new ModelView(model, this);
    }

    /** A view of the data model as this transaction would leave it. */
    public ModelView view() {
        return view;
    }

    /**
     * Stages the creation of an instance.
     *
     * @param tablePath the table, with instance numbers ({@code Device.LocalAgent.Controller.1.BootParameter.})
     * @param settings the Controller's parameter values for the new instance
     * @return the new instance's path, unique keys and failed non-required settings
     * @throws TransactionException 7016 when the parent object does not exist, 7026 when the table is not in
     *     the Supported Data Model, 7018 when it is not a table, 7019 when it is not creatable, 7017 when it is
     *     full, 7021 when a required setting or a unique-key setting failed (details in
     *     {@link TransactionException#paramErrors()})
     */
    public AddResult add(String tablePath, List<ParamSetting> settings) {
        return add(tablePath, settings, Map.of());
    }

    /**
     * Stages the creation of an instance with values the agent itself sets (the {@code Recipient} of a
     * Subscription, the {@code Originator} of a Request), written before unique keys are assigned and
     * without access checks.
     *
     * @param internalValues values by relative parameter name; checked for type and constraints
     * @throws IllegalArgumentException when an internal value names no parameter or fails its checks
     * @throws TransactionException as {@link #add(String, List)}
     * @see #add(String, List)
     */
    public AddResult add(String tablePath, List<ParamSetting> settings, Map<String, String> internalValues) {
        return add(tablePath, settings, internalValues, true, 0);
    }

    /**
     * Stages the creation of an instance by the agent itself (a {@code Request} row for an asynchronous
     * command, a Controller learned at run time): no access checks, so it works on tables no Controller may
     * add to; values are still checked for type and constraints, and unique keys are still assigned and
     * checked at commit.
     *
     * @param tablePath the table, with instance numbers
     * @param values values by relative parameter name
     * @throws IllegalArgumentException when a value names no parameter or fails its checks
     * @throws TransactionException 7016, 7026, 7018 or 7017 as {@link #add(String, List)}
     */
    public AddResult create(String tablePath, Map<String, String> values) {
        return add(tablePath, List.of(), values, false, 0);
    }

    /**
     * Stages the creation of an instance by the agent itself with a given instance number, as factory
     * defaults that number their instances do ({@code Device.LocalAgent.Controller.1.}); otherwise as
     * {@link #create(String, Map)}. The table's counter stays ahead of every number given: the next instance
     * created without a number gets more than the largest number given so far. A free number below the
     * counter (one never used, or whose instance was deleted in an earlier transaction) may be given.
     *
     * @param tablePath the table, with instance numbers
     * @param instanceNumber the instance number, 1 or more
     * @param values values by relative parameter name
     * @throws IllegalArgumentException when the number is less than 1, or a value names no parameter or fails
     *     its checks
     * @throws TransactionException 7017 when an instance of the table has that number already (in the data
     *     model or staged in this transaction, including one this transaction deletes); otherwise 7016, 7026,
     *     7018 or 7017 as {@link #add(String, List)}
     */
    public AddResult create(String tablePath, long instanceNumber, Map<String, String> values) {
        if (instanceNumber < 1) {
            throw new IllegalArgumentException("an instance number is 1 or more: " + instanceNumber);
        }
        return add(tablePath, List.of(), values, false, instanceNumber);
    }

    /**
     * Stages the deletion of an instance by the agent itself, whatever the table's access (a finished
     * {@code Request} row).
     *
     * @throws TransactionException 7016 when the instance does not exist, 7018 when it is not a table instance
     */
    public String remove(String instancePath) {
        return delete(instancePath, false);
    }

    /** Stages an Add; {@code requested} is the instance number to give, or 0 for the table's next one. */
    private AddResult add(String tablePath, List<ParamSetting> settings, Map<String, String> internalValues,
            boolean byController, long requested) {
        checkOpen();
        int cut = tablePath.length() > 1 ? tablePath.lastIndexOf('.', tablePath.length() - 2) : -1;
        if (!tablePath.endsWith(".") || cut < 0) {
            throw new TransactionException(ErrorCode.INVALID_PATH, tablePath, "not a table path", List.of());
        }
        Row parent = view.locate(tablePath.substring(0, cut + 1));
        if (parent == null) {
            throw new TransactionException(ErrorCode.OBJECT_DOES_NOT_EXIST, tablePath, "parent object does not exist", List.of());
        }
        String name = tablePath.substring(cut + 1, tablePath.length() - 1);
        ObjectNode node = parent.node.children.get(name);
        if (node == null) {
            throw new TransactionException(ErrorCode.INVALID_PATH, tablePath, "no such object in the supported data model", List.of());
        }
        if (!node.table) {
            throw new TransactionException(ErrorCode.OBJECT_NOT_A_TABLE, tablePath, "not a multi-instance object", List.of());
        }
        if (byController && !node.def.access().canAdd()) {
            throw new TransactionException(ErrorCode.OBJECT_NOT_CREATABLE, tablePath, "instances cannot be added", List.of());
        }
        if (view.count(parent, node) >= node.def.maxEntries()) {
            throw new TransactionException(ErrorCode.OBJECT_NOT_CREATED, tablePath,
                    "the table holds its maximum of " + node.def.maxEntries() + " entries", List.of());
        }
        Row.Table table = parent.table(name, node);
        long counterBefore = table.nextNumber;
        long number;
        if (requested > 0) {
            TreeMap<Long, Row> staged = added.get(table);
            if (view.row(parent, node, requested) != null || table.rows.containsKey(requested)
                    || (staged != null && staged.containsKey(requested))) {
                throw new TransactionException(ErrorCode.OBJECT_NOT_CREATED, tablePath,
                        "instance number " + requested + " is in use", List.of());
            }
            number = requested;
            table.nextNumber = Math.max(table.nextNumber, requested + 1);
        } else {
            number = table.nextNumber++;
        }
        long counterAfter = table.nextNumber;
        Row row = new Row(node, parent, number, table.path + number + ".", null);
        addedRows.add(row);
        boolean[] supplied = new boolean[node.params.length];
        try {
            for (Map.Entry<String, String> e : internalValues.entrySet()) {
                int i = node.index(e.getKey());
                if (i < 0) {
                    throw new IllegalArgumentException(node + " has no parameter " + e.getKey());
                }
                row.values[i] = Validation.check(row.path + e.getKey(), node.params[i], e.getValue());
                supplied[i] = true;
            }
            List<ParamError> errors = new ArrayList<>();
            boolean failed = false;
            for (ParamSetting s : settings) {
                Target t = target(row, s.param());
                boolean key = t != null && t.row == row && isKeyParam(node, t.index);
                try {
                    String v = checkWrite(t, s, true);
                    t.row.values[t.index] = v;
                    if (t.row == row) {
                        supplied[t.index] = true;
                    }
                } catch (UspException e) {
                    errors.add(new ParamError(s.param(), e.errorCode(), e.getMessage()));
                    failed |= s.required() || key;
                }
            }
            if (failed) {
                throw new TransactionException(ErrorCode.REQUIRED_PARAMETER_FAILED, tablePath,
                        "a required parameter failed", errors);
            }
            DataModel.assignKeys(row, supplied, (i, v) -> keyValues(parent, node, i).contains(v));
            added.computeIfAbsent(table, t -> new TreeMap<>()).put(number, row);
            Map<Integer, Set<String>> known = keyValues.get(table);
            if (known != null) {
                known.forEach((i, values) -> values.add(row.values[i]));
            }
            changes.add(new Change(ObjectChange.Kind.ADD, row));
            Map<String, String> keys = new LinkedHashMap<>();
            for (int[] k : node.keys) {
                for (int i : k) {
                    String v = view.value(row, i);
                    if (v != null) {
                        keys.put(node.params[i].name(), v);
                    }
                }
            }
            return new AddResult(row.path, keys, errors);
        } catch (RuntimeException e) {
            addedRows.remove(row);
            if (table.nextNumber == counterAfter) {
                table.nextNumber = counterBefore; // nobody saw it: a refused Add leaves no gap
            }
            throw e;
        }
    }

    /** The values a key parameter has in a table as this transaction sees it, computed once per table. */
    private Set<String> keyValues(Row parent, ObjectNode node, int index) {
        Row.Table t = parent.table(node.name, node);
        return keyValues.computeIfAbsent(t, k -> new HashMap<>()).computeIfAbsent(index, i -> {
            Set<String> values = new java.util.HashSet<>();
            for (Row r : view.rows(parent, node)) {
                values.add(view.value(r, i));
            }
            return values;
        });
    }

    private static boolean isKeyParam(ObjectNode node, int index) {
        for (int[] k : node.keys) {
            for (int i : k) {
                if (i == index) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Stages new values for parameters of one object.
     *
     * @param objectPath the object or instance, with instance numbers ({@code Device.LocalAgent.Subscription.3.})
     * @param settings the values to write, by name relative to the object
     * @return every parameter written with its new value, and the failed non-required settings
     * @throws TransactionException 7016 when the object does not exist, 7021 when a required setting failed
     *     (details in {@link TransactionException#paramErrors()}); nothing of this call is staged then
     */
    public SetResult set(String objectPath, List<ParamSetting> settings) {
        checkOpen();
        Row row = view.locate(objectPath);
        if (row == null) {
            throw new TransactionException(ErrorCode.OBJECT_DOES_NOT_EXIST, objectPath, "object does not exist", List.of());
        }
        Map<Row, String[]> writes = new IdentityHashMap<>();
        Map<String, String> updated = new LinkedHashMap<>();
        List<ParamError> errors = new ArrayList<>();
        boolean failed = false;
        for (ParamSetting s : settings) {
            Target t = target(row, s.param());
            try {
                String v = checkWrite(t, s, false);
                writes.computeIfAbsent(t.row, this::copyForWrite)[t.index] = v;
                updated.put(s.param(), v);
            } catch (UspException e) {
                errors.add(new ParamError(s.param(), e.errorCode(), e.getMessage()));
                failed |= s.required();
            }
        }
        if (failed) {
            throw new TransactionException(ErrorCode.REQUIRED_PARAMETER_FAILED, objectPath, "a required parameter failed", errors);
        }
        writes.forEach(this::stage);
        return new SetResult(row.path, updated, errors);
    }

    /**
     * Stages a value the agent itself sets, without access checks (a Request's {@code Status}).
     *
     * @param parameterPath the parameter, with instance numbers
     * @throws IllegalArgumentException when the parameter does not exist, is not library-stored, or its
     *     value fails the type and constraint checks
     */
    public void setInternal(String parameterPath, String value) {
        checkOpen();
        int dot = parameterPath.lastIndexOf('.');
        Row row = dot < 0 ? null : view.locate(parameterPath.substring(0, dot + 1));
        int i = row == null ? -1 : row.node.index(parameterPath.substring(dot + 1));
        if (i < 0 || row.node.sources[i] != ObjectNode.Source.STORED) {
            throw new IllegalArgumentException("no library-stored parameter " + parameterPath);
        }
        String[] vals = copyForWrite(row);
        vals[i] = Validation.check(parameterPath, row.node.params[i], value);
        stage(row, vals);
    }

    /**
     * Stages the deletion of an instance and everything below it.
     *
     * @param instancePath the instance, with instance numbers ({@code Device.LocalAgent.Subscription.3.})
     * @return the path deleted
     * @throws TransactionException 7016 when the instance does not exist, 7018 when the path is not a table
     *     instance, 7024 when the table does not allow deletion
     */
    public String delete(String instancePath) {
        return delete(instancePath, true);
    }

    private String delete(String instancePath, boolean byController) {
        checkOpen();
        Row row = view.locate(instancePath);
        if (row == null) {
            throw new TransactionException(ErrorCode.OBJECT_DOES_NOT_EXIST, instancePath, "instance does not exist", List.of());
        }
        if (!row.node.table) {
            throw new TransactionException(ErrorCode.OBJECT_NOT_A_TABLE, instancePath, "not a table instance", List.of());
        }
        if (byController && !row.node.def.access().canDelete()) {
            throw new TransactionException(ErrorCode.DELETE_FAILURE, instancePath, "instances cannot be deleted", List.of());
        }
        if (addedRows.contains(row)) {
            TreeMap<Long, Row> rows = added.get(row.parent.table(row.node.name, row.node));
            rows.remove(row.number);
            addedRows.remove(row);
            changes.removeIf(c -> c.row == row);
        } else {
            deleted.add(row);
            changes.add(new Change(ObjectChange.Kind.DELETE, row));
        }
        return row.path;
    }

    /**
     * Checks the final state, applies every staged change to firmware and storage, and makes it visible.
     * The transaction is closed afterwards, whether or not it succeeded.
     *
     * @throws TransactionException when the final state is invalid (7025 duplicate unique key, 7012 dangling
     *     strong reference, 7024 too few entries left, or a {@link ChangeHandler} veto), when firmware refuses
     *     (the code it gave, else 7017/7020/7024 by kind of change), or 7003 when storage fails; the data
     *     model is then as it was before the transaction
     */
    public void commit() {
        checkOpen();
        try {
            cascadeStrongReferences();
            checkFinalState();
            List<Change> applied = new ArrayList<>();
            try {
                for (Change c : changes) {
                    apply(c);
                    applied.add(c);
                }
                persist();
            } catch (TransactionException e) {
                undo(applied);
                throw e;
            }
            List<Runnable> events = publish();
            state = State.COMMITTED;
            events.forEach(Runnable::run);
        } finally {
            if (state == State.OPEN) {
                state = State.ROLLED_BACK;
            }
            model.closed(this);
        }
    }

    /** Discards every staged change. Does nothing on a closed transaction. */
    public void rollback() {
        if (state == State.OPEN) {
            state = State.ROLLED_BACK;
            model.closed(this);
        }
    }

    /** True until {@link #commit} or {@link #rollback}. */
    public boolean isOpen() {
        return state == State.OPEN;
    }

    // ---------------------------------------------------------------- staging

    private record Target(Row row, int index) {}

    /** The row and parameter index a relative name reaches, through single-instance sub-objects. */
    private Target target(Row row, String relative) {
        Row r = row;
        int start = 0;
        for (int dot = relative.indexOf('.'); dot >= 0; dot = relative.indexOf('.', start)) {
            ObjectNode child = r.node.children.get(relative.substring(start, dot));
            if (child == null || child.table) {
                return null;
            }
            r = r.single(child.name, child);
            start = dot + 1;
        }
        int i = r.node.index(relative.substring(start));
        return i < 0 ? null : new Target(r, i);
    }

    /** Checks one write and returns the canonical value. */
    private String checkWrite(Target t, ParamSetting s, boolean inAdd) {
        if (t == null) {
            throw new UspException(ErrorCode.UNSUPPORTED_PARAMETER, "no parameter " + s.param());
        }
        ObjectNode node = t.row.node;
        ParameterDef def = node.params[t.index];
        String path = t.row.path + def.name();
        if (def.access() == ParameterAccess.READ_ONLY || node.sources[t.index] == ObjectNode.Source.COUNT) {
            throw new UspException(ErrorCode.PARAMETER_READ_ONLY, path + " is read-only");
        }
        String value = Validation.check(path, def, s.value());
        boolean existing = !inAdd && !isNew(t.row);
        if (existing && (def.access() == ParameterAccess.WRITE_ONCE_READ_ONLY || node.immutableKey[t.index])) {
            String current = view.value(t.row, t.index);
            boolean unset = def.access() == ParameterAccess.WRITE_ONCE_READ_ONLY && !node.immutableKey[t.index]
                    && current != null && current.equals(node.defaults[t.index]);
            if (!unset && !value.equals(current)) {
                throw new UspException(ErrorCode.PARAMETER_READ_ONLY, node.immutableKey[t.index]
                        ? path + " is a non-functional unique key and cannot change"
                        : path + " can be written only once");
            }
        }
        return value;
    }

    private boolean isNew(Row row) {
        for (Row r = row; r != null; r = r.parent) {
            if (addedRows.contains(r)) {
                return true;
            }
        }
        return false;
    }

    private String[] copyForWrite(Row row) {
        String[] s = staged.get(row);
        return (s != null ? s : row.values).clone();
    }

    /** Records new values for a row: directly for rows this transaction created, as a staged copy otherwise. */
    private void stage(Row row, String[] values) {
        if (isNew(row)) {
            row.values = values;
            return;
        }
        Change c = updates.get(row);
        for (int i = 0; i < values.length; i++) {
            String before = staged.containsKey(row) ? staged.get(row)[i] : row.values[i];
            if (values[i] == null || values[i].equals(before)) {
                continue;
            }
            if (c == null) {
                c = new Change(ObjectChange.Kind.UPDATE, row);
                updates.put(row, c);
                changes.add(c);
            }
            if (!c.previous.containsKey(i)) {
                c.previous.put(i, row.node.sources[i] == ObjectNode.Source.STORED
                        ? row.values[i] : model.view().value(row, i));
            }
        }
        staged.put(row, values);
    }

    // ---------------------------------------------------------------- view support

    String[] staged(Row row) {
        return staged.get(row);
    }

    TreeMap<Long, Row> added(Row.Table table) {
        return added.get(table);
    }

    boolean hasDeletes() {
        return !deleted.isEmpty();
    }

    /** How many live rows of a table this transaction deletes (directly; deleted parents are handled by callers). */
    int deletedIn(Row.Table t) {
        int n = 0;
        for (Row r : deleted) {
            if (r.parent == t.parent && r.node == t.node && t.rows.get(r.number) == r) {
                n++;
            }
        }
        return n;
    }

    boolean isDeleted(Row row) {
        if (deleted.isEmpty()) {
            return false;
        }
        for (Row r = row; r != null; r = r.parent) {
            if (deleted.contains(r)) {
                return true;
            }
        }
        return false;
    }

    // ---------------------------------------------------------------- commit

    /** R-ARC.12: strong references to deleted objects become empty (or lose the item, for lists). */
    private void cascadeStrongReferences() {
        if (deleted.isEmpty() || model.strongRefNodes().isEmpty()) {
            return;
        }
        for (ObjectNode node : model.strongRefNodes()) {
            for (Row r : model.rowsOf(node, view)) {
                String[] values = null;
                for (int i = 0; i < node.params.length; i++) {
                    if (!node.strongRef[i] || node.sources[i] != ObjectNode.Source.STORED) {
                        continue;
                    }
                    String v = view.value(r, i);
                    String nv = withoutDeletedTargets(v);
                    if (!nv.equals(v)) {
                        if (values == null) {
                            values = copyForWrite(r);
                        }
                        values[i] = nv;
                    }
                }
                if (values != null) {
                    stage(r, values);
                }
            }
        }
    }

    private String withoutDeletedTargets(String value) {
        if (value == null || value.isEmpty()) {
            return value == null ? "" : value;
        }
        StringBuilder out = new StringBuilder();
        for (String item : ValueType.splitList(value)) {
            if (!pointsIntoDeleted(item)) {
                out.append(out.length() == 0 ? "" : ",").append(item);
            }
        }
        return out.toString();
    }

    private boolean pointsIntoDeleted(String item) {
        String p = item.endsWith(".") ? item : item + ".";
        for (Row d : deleted) {
            if (p.startsWith(d.path)) {
                return true;
            }
        }
        return false;
    }

    private void checkFinalState() {
        Map<String, Row.Table> touched = new LinkedHashMap<>();
        for (Change c : changes) {
            if (c.row.node.table) {
                Row.Table t = c.row.parent.table(c.row.node.name, c.row.node);
                touched.putIfAbsent(t.path, t);
            }
        }
        for (Row.Table t : touched.values()) {
            List<Row> rows = view.rows(t.parent, t.node);
            if (!isDeleted(t.parent) && rows.size() < t.node.def.minEntries()) {
                throw new TransactionException(ErrorCode.DELETE_FAILURE, t.path,
                        "the table must keep at least " + t.node.def.minEntries() + " entries", List.of());
            }
            checkUniqueKeys(t, rows);
        }
        for (Change c : changes) {
            if (c.kind != ObjectChange.Kind.DELETE) {
                checkReferences(c);
                checkReferencesBelow(c);
            }
        }
        for (Change c : changes) {
            ChangeHandler h = c.row.node.changeHandler();
            if (h == null) {
                continue;
            }
            try {
                h.validate(objectChange(c));
            } catch (UspException e) {
                throw new TransactionException(e.errorCode(), c.row.path, e.getMessage(), List.of());
            } catch (RuntimeException e) {
                LOG.warn("change handler of {} failed validating: {}", c.row.node, e.toString());
                throw new TransactionException(ErrorCode.INTERNAL_ERROR, c.row.path, "validation failed: " + e, List.of());
            }
        }
    }

    /**
     * Checks that no row this transaction added or changed shares a unique key with another row. A key is
     * checked for an added row when a Controller could have written one of its parameters, and for an
     * updated row when one of its parameters changed: keys made only of firmware-read values are the
     * firmware's to keep unique.
     */
    private void checkUniqueKeys(Row.Table t, List<Row> rows) {
        ObjectNode node = t.node;
        for (int[] key : node.keys) {
            List<Row> checked = new ArrayList<>();
            for (Row r : rows) {
                if (keyTouched(r, key)) {
                    checked.add(r);
                }
            }
            if (checked.isEmpty()) {
                continue;
            }
            Map<String, Row> first = new HashMap<>(rows.size() * 2);
            Map<String, Row> second = new HashMap<>();
            for (Row r : rows) {
                String k = keyString(r, key);
                Row prior = first.putIfAbsent(k, r);
                if (prior != null) {
                    second.putIfAbsent(k, r);
                }
            }
            for (Row r : checked) {
                String k = keyString(r, key);
                Row other = second.containsKey(k) ? (first.get(k) == r ? second.get(k) : first.get(k)) : null;
                if (other != null) {
                    List<ParamError> errs = new ArrayList<>();
                    for (int i : key) {
                        errs.add(new ParamError(node.params[i].name(), ErrorCode.DUPLICATE_UNIQUE_KEY,
                                "another instance has the same unique key"));
                    }
                    throw new TransactionException(ErrorCode.DUPLICATE_UNIQUE_KEY, r.path,
                            "unique key " + keyNames(node, key) + " of " + r.path + " duplicates " + other.path, errs);
                }
            }
        }
    }

    private boolean keyTouched(Row r, int[] key) {
        if (addedRows.contains(r)) {
            for (int i : key) {
                if (r.node.params[i].access().isWritable()) {
                    return true;
                }
            }
            return false;
        }
        Change c = updates.get(r);
        if (c != null) {
            for (int i : key) {
                if (c.previous.containsKey(i)) {
                    return true;
                }
            }
        }
        return false;
    }

    private String keyString(Row r, int[] key) {
        StringBuilder sb = new StringBuilder();
        for (int i : key) {
            sb.append(view.value(r, i)).append('\u0000');
        }
        return sb.toString();
    }

    private static String keyNames(ObjectNode node, int[] key) {
        StringBuilder sb = new StringBuilder("{");
        for (int i : key) {
            sb.append(sb.length() > 1 ? ", " : "").append(node.params[i].name());
        }
        return sb.append('}').toString();
    }

    private void checkReferencesBelow(Change c) {
        if (c.kind == ObjectChange.Kind.ADD) {
            for (Row s : c.row.singles().values()) {
                checkReferencesOf(s, null);
            }
        }
    }

    private void checkReferences(Change c) {
        checkReferencesOf(c.row, c.kind == ObjectChange.Kind.UPDATE ? c.previous.keySet() : null);
    }

    /** Checks path references written by this transaction; rewrites key-based ones with instance numbers. */
    private void checkReferencesOf(Row row, Set<Integer> changed) {
        ObjectNode node = row.node;
        for (int i = 0; i < node.params.length; i++) {
            if (changed != null && !changed.contains(i)) {
                continue;
            }
            ParameterDef def = node.params[i];
            if (def.syntax().reference().isEmpty() || node.sources[i] == ObjectNode.Source.COUNT) {
                continue;
            }
            String v = view.value(row, i);
            if (v == null || v.isEmpty()) {
                continue;
            }
            boolean strong = node.strongRef[i];
            StringBuilder out = new StringBuilder();
            boolean rewritten = false;
            for (String item : ValueType.splitList(v)) {
                String target = resolveReference(item);
                if (target == null && strong) {
                    throw new TransactionException(ErrorCode.INVALID_VALUE, row.path, def.name() + " refers to "
                            + item + ", which does not exist",
                            List.of(new ParamError(def.name(), ErrorCode.INVALID_VALUE, "no object " + item)));
                }
                String keep = target == null ? item : target;
                rewritten |= !keep.equals(item);
                out.append(out.length() == 0 ? "" : ",").append(keep);
            }
            if (rewritten) {
                String[] vals = copyForWrite(row);
                vals[i] = out.toString();
                stage(row, vals);
            }
        }
    }

    /** The instance-number form of a reference item, or null when it names no existing object. */
    private String resolveReference(String item) {
        if (item.indexOf('.') < 0) {
            return view.root(item) == null ? null : item;
        }
        try {
            Resolution res = view.resolve(PathName.parseReference(item));
            if (res.paths().size() != 1) {
                return null;
            }
            ResolvedPath p = res.paths().get(0);
            if (p.target() != ResolvedPath.Target.OBJECT && p.target() != ResolvedPath.Target.INSTANCE) {
                return null;
            }
            String path = p.path();
            return item.endsWith(".") ? path : path.substring(0, path.length() - 1);
        } catch (UspException e) {
            return null;
        }
    }

    private ObjectChange objectChange(Change c) {
        RowObject obj = new RowObject(view, c.row);
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, String> previous = new LinkedHashMap<>();
        ObjectNode node = c.row.node;
        if (c.kind == ObjectChange.Kind.ADD) {
            for (int i = 0; i < node.params.length; i++) {
                if (c.row.values[i] != null) {
                    values.put(node.params[i].name(), c.row.values[i]);
                }
            }
        } else if (c.kind == ObjectChange.Kind.UPDATE) {
            String[] st = staged.get(c.row);
            c.previous.forEach((i, old) -> {
                values.put(node.params[i].name(), st[i]);
                if (old != null) {
                    previous.put(node.params[i].name(), old);
                }
            });
        }
        return new ObjectChange(c.kind, obj, values, previous);
    }

    /** Applies one change to firmware; on failure undoes what this change had done, then throws. */
    private void apply(Change c) {
        ObjectNode node = c.row.node;
        ObjectChange oc = objectChange(c);
        List<Integer> setDone = new ArrayList<>();
        try {
            switch (c.kind) {
                case ADD:
                    if (node.rowSource() != null) {
                        c.row.rowId = node.rowSource().create(new RowObject(view, c.row.parent), oc.values());
                        if (c.row.rowId == null || c.row.rowId.isEmpty()) {
                            throw new UspException(ErrorCode.OBJECT_NOT_CREATED, "firmware gave no row id");
                        }
                    } else {
                        for (int i = 0; i < node.params.length; i++) {
                            if (node.setters[i] != null && c.row.values[i] != null) {
                                node.setters[i].set(oc.instance(), c.row.values[i]);
                                setDone.add(i);
                            }
                        }
                    }
                    break;
                case UPDATE:
                    String[] st = staged.get(c.row);
                    for (int i : c.previous.keySet()) {
                        ParameterSetter s = node.setters[i];
                        if (s != null) {
                            s.set(oc.instance(), st[i]);
                            setDone.add(i);
                        }
                    }
                    break;
                default:
                    if (node.rowSource() != null && c.row.rowId != null) {
                        node.rowSource().delete(new RowObject(model.view(), c.row));
                    }
                    break;
            }
            if (node.changeHandler() != null) {
                node.changeHandler().apply(oc);
            }
        } catch (Exception e) {
            undoSetters(c, setDone, oc);
            if (c.kind == ObjectChange.Kind.ADD && node.rowSource() != null && c.row.rowId != null) {
                deleteCreatedRow(c);
            }
            ErrorCode code = e instanceof UspException u ? u.errorCode()
                    : c.kind == ObjectChange.Kind.ADD ? ErrorCode.OBJECT_NOT_CREATED
                    : c.kind == ObjectChange.Kind.UPDATE ? ErrorCode.OBJECT_NOT_UPDATED : ErrorCode.DELETE_FAILURE;
            if (!(e instanceof UspException)) {
                LOG.warn("firmware refused {} of {}: {}", c.kind, c.row.path, e.toString());
            }
            throw new TransactionException(code, c.row.path, "firmware refused: " + e.getMessage(), List.of());
        }
    }

    private void undoSetters(Change c, List<Integer> done, ObjectChange oc) {
        ObjectNode node = c.row.node;
        for (int k = done.size() - 1; k >= 0; k--) {
            int i = done.get(k);
            String old = c.kind == ObjectChange.Kind.UPDATE ? c.previous.get(i) : node.defaults[i];
            if (old == null) {
                continue;
            }
            try {
                node.setters[i].set(oc.instance(), old);
            } catch (Exception e) {
                LOG.error("could not roll back {}{} to {}: {}", c.row.path, node.params[i].name(), old, e.toString());
            }
        }
    }

    private void deleteCreatedRow(Change c) {
        try {
            c.row.node.rowSource().delete(new RowObject(view, c.row));
        } catch (Exception e) {
            LOG.error("could not remove firmware row {} ({}) after a failed transaction: {}", c.row.path, c.row.rowId, e.toString());
        }
        c.row.rowId = null;
    }

    /** Undoes applied changes in reverse order. */
    private void undo(List<Change> applied) {
        for (int k = applied.size() - 1; k >= 0; k--) {
            Change c = applied.get(k);
            ObjectNode node = c.row.node;
            ObjectChange oc = objectChange(c);
            if (node.changeHandler() != null) {
                try {
                    node.changeHandler().rollback(oc);
                } catch (RuntimeException e) {
                    LOG.error("change handler of {} failed to roll back: {}", c.row.path, e.toString());
                }
            }
            switch (c.kind) {
                case ADD:
                    if (node.rowSource() != null && c.row.rowId != null) {
                        deleteCreatedRow(c);
                    } else {
                        List<Integer> all = new ArrayList<>();
                        for (int i = 0; i < node.params.length; i++) {
                            if (node.setters[i] != null && c.row.values[i] != null) {
                                all.add(i);
                            }
                        }
                        undoSetters(c, all, oc);
                    }
                    break;
                case UPDATE:
                    List<Integer> set = new ArrayList<>();
                    for (int i : c.previous.keySet()) {
                        if (node.setters[i] != null) {
                            set.add(i);
                        }
                    }
                    undoSetters(c, set, oc);
                    break;
                default:
                    if (node.rowSource() != null) {
                        LOG.error("firmware row {} ({}) was deleted and cannot be restored", c.row.path, c.row.rowId);
                    }
                    break;
            }
        }
    }

    private void persist() {
        WriteBatch b = new WriteBatch();
        for (Change c : changes) {
            Row r = c.row;
            switch (c.kind) {
                case ADD:
                    Row.Table t = r.parent.table(r.node.name, r.node);
                    b.put(DataModel.NS_NEXT, t.path, Long.toString(t.nextNumber));
                    if (r.rowId != null) {
                        b.put(DataModel.NS_ROW_IDS, DataModel.rowIdKey(t, r.rowId), Long.toString(r.number));
                    }
                    persistTree(b, r, r.rowId == null);
                    break;
                case UPDATE:
                    if (hasPersisted(r.node, c.previous.keySet())) {
                        b.put(DataModel.NS_VALUES, r.path, RowCodec.encode(r, staged.get(r)));
                    }
                    break;
                default:
                    b.deletePrefix(DataModel.NS_VALUES, r.path);
                    b.deletePrefix(DataModel.NS_NEXT, r.path);
                    b.deletePrefix(DataModel.NS_ROW_IDS, r.path);
                    if (r.rowId != null) {
                        b.delete(DataModel.NS_ROW_IDS, DataModel.rowIdKey(r.parent.table(r.node.name, r.node), r.rowId));
                    }
                    break;
            }
        }
        try {
            model.storage().commit(b);
        } catch (StorageException | IllegalStateException e) {
            LOG.error("could not store a transaction of {} changes: {}", changes.size(), e.toString());
            throw new TransactionException(ErrorCode.INTERNAL_ERROR, changes.isEmpty() ? "" : changes.get(0).row.path,
                    "storage failed: " + e.getMessage(), List.of());
        }
    }

    private static boolean hasPersisted(ObjectNode node, Set<Integer> indexes) {
        for (int i : indexes) {
            if (node.persisted[i]) {
                return true;
            }
        }
        return false;
    }

    private static void persistTree(WriteBatch b, Row r, boolean always) {
        if (always || hasAnyPersisted(r.node)) {
            b.put(DataModel.NS_VALUES, r.path, RowCodec.encode(r, r.values));
        }
        for (Row s : r.singles().values()) {
            persistTree(b, s, false);
        }
    }

    private static boolean hasAnyPersisted(ObjectNode node) {
        for (boolean p : node.persisted) {
            if (p) {
                return true;
            }
        }
        return false;
    }

    /** Makes the staged state live; returns the listener calls to make once the transaction is committed. */
    private List<Runnable> publish() {
        List<Runnable> events = new ArrayList<>();
        Map<Row.Table, Boolean> counted = new LinkedHashMap<>();
        for (Change c : changes) {
            Row r = c.row;
            switch (c.kind) {
                case ADD: {
                    Row.Table t = r.parent.table(r.node.name, r.node);
                    t.rows.put(r.number, r);
                    if (r.rowId != null) {
                        t.numbersById().put(r.rowId, r.number);
                    }
                    counted.put(t, true);
                    events.add(() -> model.fireCreation(r.path));
                    break;
                }
                case UPDATE: {
                    String[] st = staged.get(r);
                    String[] live = st.clone();
                    for (int i = 0; i < live.length; i++) {
                        if (r.node.sources[i] != ObjectNode.Source.STORED) {
                            live[i] = null;
                        }
                    }
                    r.values = live;
                    for (Map.Entry<Integer, String> e : c.previous.entrySet()) {
                        String name = r.node.params[e.getKey()].name();
                        String nv = st[e.getKey()];
                        events.add(() -> model.fireValueChange(r.path + name, nv));
                    }
                    break;
                }
                default: {
                    Row.Table t = r.parent.table(r.node.name, r.node);
                    List<String> gone = new ArrayList<>();
                    model.collectRowPaths(r, gone);
                    t.rows.remove(r.number);
                    if (r.rowId != null && t.numbersById != null) {
                        t.numbersById.remove(r.rowId);
                    }
                    counted.put(t, true);
                    events.add(() -> gone.forEach(model::fireDeletion));
                    break;
                }
            }
        }
        for (Row.Table t : counted.keySet()) {
            model.countChanged(t, events);
        }
        return events;
    }

    private void checkOpen() {
        if (state != State.OPEN) {
            throw new IllegalStateException("transaction is " + state.name().toLowerCase(java.util.Locale.ROOT));
        }
    }
}
