package io.usp4j.datamodel.instance;

import io.usp4j.core.error.UspException;
import io.usp4j.core.path.PathName;
import io.usp4j.core.path.resolve.ResolvedPath;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fallback for values nobody pushes: remembers the last value of each watched firmware-read parameter
 * and, on each {@link #poll()}, reports the ones that changed to the data model's listeners as value
 * changes. Parameters the data model reports itself ({@link DataModel#isPushed}) are skipped, so watching a
 * wide path costs only what must be polled.
 *
 * <p>Watched paths may be wildcards or searches; they are resolved again on every poll, so rows that appear
 * later are watched too (their first value is the baseline, not a change). Confined to the data model's
 * owner thread, like the data model.
 */
public final class ValueChangePoller {
    private static final Logger LOG = LoggerFactory.getLogger(ValueChangePoller.class);

    private final DataModel model;
    private final Map<PathName, Boolean> watchedMap = new LinkedHashMap<>();
    private Map<String, String> last = new HashMap<>();

    /** A poller reporting to {@code model}'s listeners. */
    public ValueChangePoller(DataModel model) {
        this.model = Objects.requireNonNull(model, "model");
    }

    /** Starts watching the parameters a path names (a parameter path, or an object path for all below it). */
    public void watch(PathName path) {
        watchedMap.put(Objects.requireNonNull(path, "path"), Boolean.TRUE);
    }

    /** Stops watching a path given to {@link #watch}. */
    public void unwatch(PathName path) {
        watchedMap.remove(path);
    }

    /** The paths being watched. */
    public Set<PathName> watched() {
        return Set.copyOf(watchedMap.keySet());
    }

    /**
     * Reads every watched firmware-read parameter once (one view for the whole poll) and reports changes.
     *
     * @return how many changes were reported
     */
    public int poll() {
        ModelView view = model.view();
        Map<String, String> now = new HashMap<>(last.size() * 2 + 16);
        for (PathName path : watchedMap.keySet()) {
            try {
                for (ResolvedPath p : view.resolve(path).paths()) {
                    collect(view, p, now);
                }
            } catch (UspException e) {
                LOG.debug("cannot poll {}: {}", path, e.getMessage());
            }
        }
        int changes = 0;
        for (Map.Entry<String, String> e : now.entrySet()) {
            String before = last.get(e.getKey());
            if (before != null && !before.equals(e.getValue())) {
                model.fireValueChange(e.getKey(), e.getValue());
                changes++;
            }
        }
        last = now;
        return changes;
    }

    private void collect(ModelView view, ResolvedPath p, Map<String, String> out) {
        RowObject obj = (RowObject) p.object();
        switch (p.target()) {
            case PARAMETER:
                read(view, obj.row, obj.row.node.index(p.name()), out);
                break;
            case OBJECT:
            case INSTANCE:
                collectBelow(view, obj.row, out);
                break;
            case TABLE:
                for (Row r : view.rows(obj.row, obj.row.node.children.get(p.name()))) {
                    collectBelow(view, r, out);
                }
                break;
            default:
                break;
        }
    }

    private void collectBelow(ModelView view, Row row, Map<String, String> out) {
        for (int i = 0; i < row.node.params.length; i++) {
            read(view, row, i, out);
        }
        for (ObjectNode child : row.node.children.values()) {
            if (child.table) {
                for (Row r : view.rows(row, child)) {
                    collectBelow(view, r, out);
                }
            } else {
                collectBelow(view, row.single(child.name, child), out);
            }
        }
    }

    private static void read(ModelView view, Row row, int i, Map<String, String> out) {
        ObjectNode node = row.node;
        if (i < 0 || node.sources[i] != ObjectNode.Source.FIRMWARE || node.binding.notifying().contains(node.params[i].name())) {
            return;
        }
        try {
            String v = view.value(row, i);
            if (v != null) {
                out.put(row.path + node.params[i].name(), v);
            }
        } catch (UspException e) {
            LOG.debug("cannot poll {}{}: {}", row.path, node.params[i].name(), e.getMessage());
        }
    }
}
