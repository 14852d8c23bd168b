package io.usp4j.agent.transport;

import io.usp4j.core.path.PathName;
import io.usp4j.core.path.resolve.ResolvedPath;
import io.usp4j.datamodel.instance.ModelView;
import java.util.ArrayList;
import java.util.List;

/**
 * Small readers of a {@link ModelView} for bindings that build transport settings from configuration rows.
 * Stateless; the view given must be used on the thread that owns it (the agent thread).
 */
public final class ModelRows {
    private ModelRows() {}

    /**
     * The instance paths of a table's rows: {@code Device.MQTT.Client.} gives {@code Device.MQTT.Client.1.}, ...
     *
     * @param view the view to read
     * @param table the table's path, ending in a dot
     * @return the row paths, each ending in a dot, in the view's order
     * @throws io.usp4j.core.path.PathSyntaxException when the table path is not a valid path
     */
    public static List<String> rows(ModelView view, String table) {
        List<String> out = new ArrayList<>();
        for (ResolvedPath p : view.resolve(PathName.parse(table + "*.")).paths()) {
            out.add(p.path());
        }
        return out;
    }

    /**
     * A row path or row reference as a row path ending in a dot.
     *
     * @param row the path, with or without the final dot; may be null
     * @return the path ending in a dot; empty for null or empty
     */
    public static String rowPath(String row) {
        if (row == null || row.isEmpty()) {
            return "";
        }
        return row.endsWith(".") ? row : row + ".";
    }

    /**
     * A parameter's value.
     *
     * @return the value; empty when the parameter has none (or does not exist)
     */
    public static String string(ModelView view, String path) {
        String v = view.value(path);
        return v == null ? "" : v;
    }

    /**
     * A numeric parameter's value.
     *
     * @param dflt what an absent or empty value gives
     * @return the value
     * @throws NumberFormatException when the value is not an integer
     */
    public static long number(ModelView view, String path, long dflt) {
        String v = view.value(path);
        return v == null || v.isEmpty() ? dflt : Long.parseLong(v);
    }

    /**
     * Whether a boolean parameter is {@code true}.
     *
     * @return true only for the value {@code true}
     */
    public static boolean isTrue(ModelView view, String path) {
        return "true".equals(view.value(path));
    }

    /**
     * Whether a boolean parameter with a default of true is not {@code false}.
     *
     * @return false only for the value {@code false}
     */
    public static boolean notFalse(ModelView view, String path) {
        return !"false".equals(view.value(path));
    }
}
