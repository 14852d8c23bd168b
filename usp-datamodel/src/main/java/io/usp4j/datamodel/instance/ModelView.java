package io.usp4j.datamodel.instance;

import io.usp4j.core.error.ErrorCode;
import io.usp4j.core.error.UspException;
import io.usp4j.core.path.PathName;
import io.usp4j.core.path.resolve.InstantiatedModel;
import io.usp4j.core.path.resolve.InstantiatedObject;
import io.usp4j.core.path.resolve.PathResolver;
import io.usp4j.core.path.resolve.Resolution;
import io.usp4j.datamodel.binding.GroupGetter;
import io.usp4j.datamodel.binding.ObjectInstance;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A read of the Instantiated Data Model, meant to last one USP message: the path resolver walks it, and
 * firmware is asked at most once per view for the rows of each firmware-backed table and for each group
 * getter of each object. A view taken from a {@link Transaction} sees that transaction's staged changes.
 *
 * <p>Touch it only on the thread that owns the data model, and drop it at the end of the message: it does
 * not see firmware changes made after it listed a table or read a group.
 */
public final class ModelView implements InstantiatedModel {
    private static final Logger LOG = LoggerFactory.getLogger(ModelView.class);

    final DataModel model;
    final Transaction tx;
    private Map<Row, Map<GroupGetter, Map<String, ?>>> groupCache;

    ModelView(DataModel model, Transaction tx) {
        this.model = model;
        this.tx = tx;
    }

    @Override
    public InstantiatedObject root(String name) {
        Row r = model.rootRow(name);
        return r == null ? null : new RowObject(this, r);
    }

    /**
     * Resolves a path name against this view.
     *
     * @throws io.usp4j.core.path.PathSyntaxException (7008) or {@link UspException} (7026) as
     *     {@link PathResolver#resolve} documents
     */
    public Resolution resolve(PathName path) {
        return new PathResolver(this).resolve(path);
    }

    /**
     * The object at an instantiated path written with instance numbers only ({@code Device.WiFi.SSID.2.}).
     *
     * @return the object, or null when it does not exist (or the path names something else)
     */
    public ObjectInstance object(String path) {
        Row r = locate(path);
        return r == null ? null : new RowObject(this, r);
    }

    /**
     * The value of the parameter at an instantiated path ({@code Device.WiFi.SSID.2.SSID}).
     *
     * @return the value, or null when the object or parameter does not exist or has no value
     * @throws UspException with 7003 when firmware cannot be read
     */
    public String value(String parameterPath) {
        int dot = parameterPath.lastIndexOf('.');
        if (dot < 0) {
            return null;
        }
        Row r = locate(parameterPath.substring(0, dot + 1));
        if (r == null) {
            return null;
        }
        int i = r.node.index(parameterPath.substring(dot + 1));
        return i < 0 ? null : value(r, i);
    }

    /** The row at an object path with instance numbers only, or null. */
    Row locate(String path) {
        int n = path.length();
        if (n == 0 || path.charAt(n - 1) != '.') {
            return null;
        }
        int dot = path.indexOf('.');
        Row r = model.rootRow(path.substring(0, dot));
        int start = dot + 1;
        while (r != null && start < n) {
            dot = path.indexOf('.', start);
            ObjectNode child = childNamed(r.node, path, start, dot);
            if (child == null) {
                return null;
            }
            start = dot + 1;
            if (!child.table) {
                r = r.single(child.name, child);
                continue;
            }
            dot = start < n ? path.indexOf('.', start) : -1;
            long number = dot < 0 ? -1 : parseNumber(path, start, dot);
            r = number <= 0 ? null : row(r, child, number);
            start = dot + 1;
        }
        return r;
    }

    private static ObjectNode childNamed(ObjectNode node, String path, int from, int to) {
        for (ObjectNode c : node.children.values()) {
            if (c.name.length() == to - from && path.startsWith(c.name, from)) {
                return c;
            }
        }
        return null;
    }

    private static long parseNumber(String s, int from, int to) {
        if (to <= from || to - from > 18) {
            return -1;
        }
        long n = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }

    /** The current rows of a table under {@code parent}, in instance-number order, as this view sees them. */
    List<Row> rows(Row parent, ObjectNode node) {
        if (tx != null && tx.isDeleted(parent)) {
            return List.of();
        }
        Row.Table t = parent.table(node.name, node);
        if (node.rowSource() != null && t.listedBy != this) {
            model.reconcile(t, this);
            t.listedBy = this;
        }
        TreeMap<Long, Row> added = tx == null ? null : tx.added(t);
        if (tx == null || (added == null && !tx.hasDeletes())) {
            return new ArrayList<>(t.rows.values());
        }
        List<Row> out = new ArrayList<>(t.rows.size() + (added == null ? 0 : added.size()));
        for (Row r : t.rows.values()) {
            if (!tx.isDeleted(r)) {
                out.add(r);
            }
        }
        if (added != null) {
            for (Row r : added.values()) {
                if (!tx.isDeleted(r)) {
                    out.add(r);
                }
            }
        }
        return out;
    }

    /** How many rows {@link #rows} would list, without listing them when nothing is staged for the table. */
    int count(Row parent, ObjectNode node) {
        if (tx != null && tx.isDeleted(parent)) {
            return 0;
        }
        Row.Table t = parent.table(node.name, node);
        if (node.rowSource() != null && t.listedBy != this) {
            model.reconcile(t, this);
            t.listedBy = this;
        }
        if (tx == null) {
            return t.rows.size();
        }
        TreeMap<Long, Row> added = tx.added(t);
        return t.rows.size() + (added == null ? 0 : added.size()) - tx.deletedIn(t);
    }

    /** One row of a table under {@code parent}, or null. */
    Row row(Row parent, ObjectNode node, long number) {
        if (tx != null && tx.isDeleted(parent)) {
            return null;
        }
        Row.Table t = parent.table(node.name, node);
        if (node.rowSource() != null && t.listedBy != this) {
            model.reconcile(t, this);
            t.listedBy = this;
        }
        Row r = t.rows.get(number);
        if (r == null && tx != null) {
            TreeMap<Long, Row> added = tx.added(t);
            r = added == null ? null : added.get(number);
        }
        return r == null || (tx != null && tx.isDeleted(r)) ? null : r;
    }

    /** The value of parameter {@code i} of {@code row} as this view sees it. */
    String value(Row row, int i) {
        ObjectNode node = row.node;
        if (tx != null) {
            String[] staged = tx.staged(row);
            if (staged != null && staged[i] != null) {
                return staged[i];
            }
        }
        switch (node.sources[i]) {
            case STORED:
                return row.values[i];
            case COUNT:
                return Integer.toString(count(row, node.children.get(node.countedTable[i])));
            default:
                // A row staged by an Add is not in firmware until the transaction commits.
                return node.rowSource() != null && row.rowId == null ? null : readFirmware(row, i);
        }
    }

    private String readFirmware(Row row, int i) {
        ObjectNode node = row.node;
        String name = node.params[i].name();
        try {
            Object v;
            if (node.getters[i] != null) {
                v = node.getters[i].get(new RowObject(this, row));
            } else {
                GroupGetter g = node.groups[i];
                if (groupCache == null) {
                    groupCache = new IdentityHashMap<>();
                }
                Map<GroupGetter, Map<String, ?>> perRow = groupCache.computeIfAbsent(row, r -> new HashMap<>(4));
                Map<String, ?> values = perRow.get(g);
                if (values == null) {
                    values = g.get(new RowObject(this, row));
                    perRow.put(g, values == null ? Map.of() : values);
                    values = perRow.get(g);
                }
                v = values.get(name);
            }
            return Values.format(node.params[i], v);
        } catch (UspException e) {
            throw e;
        } catch (Exception e) {
            LOG.warn("firmware could not read {}{}: {}", row.path, name, e.toString());
            throw new UspException(ErrorCode.INTERNAL_ERROR, "could not read " + row.path + name, e);
        }
    }
}
