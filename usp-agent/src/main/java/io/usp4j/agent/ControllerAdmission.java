package io.usp4j.agent;

import io.usp4j.core.path.PathName;
import io.usp4j.core.path.resolve.ResolvedPath;
import io.usp4j.datamodel.binding.DataModelListener;
import io.usp4j.datamodel.instance.DataModel;
import io.usp4j.datamodel.instance.ModelView;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Whether a request from a Controller is processed, by the Controller table: a Controller with an entry in
 * {@code Device.LocalAgent.Controller.{i}.} is served while its {@code Enable} is true and ignored while it
 * is false; a Controller without an entry is served or ignored as the agent's {@link UnknownControllers}
 * setting says. (Which roles a served Controller has is the access-control layer's business.)
 *
 * <p>The answers are cached per Endpoint ID and the cache is dropped whenever anything in the Controller
 * table changes. {@link #admits} runs on the agent thread; the listener methods on any thread.
 */
final class ControllerAdmission implements DataModelListener {
    private static final String TABLE = "Device.LocalAgent.Controller.";
    private static final PathName ENDPOINT_IDS = PathName.parse(TABLE + "*.EndpointID");

    /** What to do with a Controller that has no entry in the Controller table. */
    enum Decision { SERVE, DISABLED, UNKNOWN }

    private final DataModel model;
    private final UnknownControllers unknown;
    private final Map<String, Decision> cache = new ConcurrentHashMap<>();

    ControllerAdmission(DataModel model, UnknownControllers unknown) {
        this.model = model;
        this.unknown = unknown;
    }

    /** The decision for a Controller; {@code SERVE} for an unknown one only when the agent serves them. */
    Decision decide(String endpointId) {
        return cache.computeIfAbsent(endpointId, this::lookUp);
    }

    boolean admits(Decision d) {
        return d == Decision.SERVE || (d == Decision.UNKNOWN && unknown == UnknownControllers.SERVE);
    }

    private Decision lookUp(String endpointId) {
        ModelView view = model.view();
        for (ResolvedPath p : view.resolve(ENDPOINT_IDS).paths()) {
            if (endpointId.equals(view.value(p.path()))) {
                String row = p.path().substring(0, p.path().length() - "EndpointID".length());
                return "true".equals(view.value(row + "Enable")) ? Decision.SERVE : Decision.DISABLED;
            }
        }
        return Decision.UNKNOWN;
    }

    private void changed(String path) {
        if (path.startsWith(TABLE)) {
            cache.clear();
        }
    }

    @Override
    public void onValueChange(String path, String value) {
        changed(path);
    }

    @Override
    public void onObjectCreation(String path) {
        changed(path);
    }

    @Override
    public void onObjectDeletion(String path) {
        changed(path);
    }
}
