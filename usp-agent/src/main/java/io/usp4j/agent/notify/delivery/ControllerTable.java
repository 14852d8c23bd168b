package io.usp4j.agent.notify.delivery;

import io.usp4j.core.error.UspException;
import io.usp4j.core.path.PathName;
import io.usp4j.core.path.resolve.ResolvedPath;
import io.usp4j.datamodel.instance.DataModel;
import io.usp4j.datamodel.instance.ModelView;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads {@code Device.LocalAgent.Controller.{i}.} rows for delivery: which row a Controller has (by
 * {@code EndpointID}) and its retry and on-boarding settings. Reads the committed state; call on the agent
 * thread.
 */
final class ControllerTable {
    static final String TABLE = "Device.LocalAgent.Controller.";
    static final String OBJECT = TABLE + "{i}.";

    private ControllerTable() {}

    /** Every row's path ({@code Device.LocalAgent.Controller.2.}), in instance order. */
    static List<String> rows(DataModel model) {
        if (model.supported().object(OBJECT).isEmpty()) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        try {
            for (ResolvedPath p : model.view().resolve(PathName.parse(TABLE + "*.")).paths()) {
                out.add(p.path());
            }
        } catch (UspException e) {
            return List.of();
        }
        return out;
    }

    /** The row whose {@code EndpointID} is {@code endpointId}, if any. */
    static Optional<String> row(DataModel model, String endpointId) {
        ModelView view = model.view();
        for (String row : rows(model)) {
            if (endpointId.equals(value(view, row, "EndpointID"))) {
                return Optional.of(row);
            }
        }
        return Optional.empty();
    }

    /** A parameter's value, or null when it cannot be read. */
    static String value(ModelView view, String row, String name) {
        try {
            return view.value(row + name);
        } catch (UspException e) {
            return null;
        }
    }

    /** A boolean parameter ({@code true}/{@code 1}), or {@code fallback} when it cannot be read. */
    static boolean bool(DataModel model, String row, String name, boolean fallback) {
        String v = value(model.view(), row, name);
        if (v == null) {
            return fallback;
        }
        return "true".equals(v) || "1".equals(v);
    }

    /** An unsignedInt parameter, or {@code fallback} when it cannot be read. */
    static long unsigned(DataModel model, String row, String name, long fallback) {
        String v = value(model.view(), row, name);
        if (v == null || v.isEmpty()) {
            return fallback;
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
