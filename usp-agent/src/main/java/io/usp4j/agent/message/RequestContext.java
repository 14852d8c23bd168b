package io.usp4j.agent.message;

import io.usp4j.agent.notify.NotificationSink;
import io.usp4j.datamodel.instance.DataModel;
import io.usp4j.datamodel.instance.ModelView;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * What a {@link RequestHandler} knows about the message it handles. One per message; confined to the agent
 * thread.
 */
public final class RequestContext {
    private final String agentEndpointId;
    private final String controllerEndpointId;
    private final String msgId;
    private final DataModel model;
    private final Clock clock;
    private final Executor agentThread;
    private final NotificationSink notifications;
    private ModelView view;

    /**
     * Creates the context of one message.
     *
     * @param agentEndpointId this agent's Endpoint ID
     * @param controllerEndpointId the sender's Endpoint ID (the Record's {@code from_id})
     * @param msgId the request's {@code msg_id}
     * @param model the data model, owned by the calling thread
     * @param clock the agent's clock
     * @param agentThread runs tasks on the agent thread (for work that finishes later, like async commands)
     * @param notifications where notifications the engine produces go
     */
    public RequestContext(String agentEndpointId, String controllerEndpointId, String msgId, DataModel model, Clock clock,
            Executor agentThread, NotificationSink notifications) {
        this.agentEndpointId = Objects.requireNonNull(agentEndpointId, "agentEndpointId");
        this.controllerEndpointId = Objects.requireNonNull(controllerEndpointId, "controllerEndpointId");
        this.msgId = Objects.requireNonNull(msgId, "msgId");
        this.model = Objects.requireNonNull(model, "model");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.agentThread = Objects.requireNonNull(agentThread, "agentThread");
        this.notifications = Objects.requireNonNull(notifications, "notifications");
    }

    /** Runs tasks on the agent thread, the only thread that may touch the data model. */
    public Executor agentThread() {
        return agentThread;
    }

    /** Where notifications the engine produces (OperationComplete) go. */
    public NotificationSink notifications() {
        return notifications;
    }

    /** This agent's Endpoint ID. */
    public String agentEndpointId() {
        return agentEndpointId;
    }

    /** The requesting Controller's Endpoint ID. */
    public String controllerEndpointId() {
        return controllerEndpointId;
    }

    /** The request's {@code msg_id}. */
    public String msgId() {
        return msgId;
    }

    /** The data model. */
    public DataModel model() {
        return model;
    }

    /** The agent's clock. */
    public Clock clock() {
        return clock;
    }

    /**
     * The view every read of this message goes through, made on first use, so firmware is listed once per
     * table and read once per group for the whole message. A handler that commits a transaction and reads
     * afterwards calls {@link #refreshView()}.
     */
    public ModelView view() {
        if (view == null) {
            view = model.view();
        }
        return view;
    }

    /** Drops the view, so the next {@link #view()} sees what was committed since. */
    public void refreshView() {
        view = null;
    }
}
