package io.usp4j.agent.notify.delivery;

import io.usp4j.agent.notify.NotificationDelivery.Policy;
import io.usp4j.agent.time.Timers;
import io.usp4j.core.error.ErrorCode;
import io.usp4j.core.error.UspException;
import io.usp4j.core.proto.msg.Notify;
import io.usp4j.core.record.ProtocolVersion;
import io.usp4j.datamodel.binding.CommandCall;
import io.usp4j.datamodel.binding.ObjectBinding;
import io.usp4j.datamodel.instance.DataModel;
import io.usp4j.datamodel.instance.ModelView;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * OnBoardRequest notifications (TR-369 R-NOT.5, R-NOT.6, R-NOT.6a, R-NOT.7, as changed in USP 1.4).
 *
 * <p>An OnBoardRequest is a Notify with an empty {@code subscription_id} carrying the device's OUI, product
 * class and serial number and the USP versions the agent speaks ({@code 1.0,1.1,1.2,1.3,1.4}). It is always
 * sent with {@code send_resp=true} and retried with the notification backoff until the Controller answers,
 * without expiring. It goes out
 * <ol>
 *   <li>when {@code Device.LocalAgent.Controller.{i}.SendOnBoardRequest()} runs on an enabled Controller
 *       (on a disabled one the command fails with 7022 and nothing is sent); the command first sets that
 *       Controller's {@code OnBoardingComplete} to false;</li>
 *   <li>when the embedding application asks ({@link #send}, "internal application policy", e.g. after DHCP
 *       discovery);</li>
 *   <li>again, {@code OnBoardingRestartTime} seconds after the Controller answered the previous one, as long
 *       as its {@code OnBoardingComplete} is still false, it is enabled, and that time is not 0 (all checked
 *       when the time comes);</li>
 *   <li>at agent start ({@link #resume}), to every enabled Controller whose {@code OnBoardingComplete} is
 *       false and whose {@code OnBoardingRestartTime} is not 0: the re-send cycle of (3) that the restart
 *       interrupted, since no retry state survives a restart (R-NOT.4). A Controller that never asked for
 *       on-boarding (restart time 0, the default) gets nothing at start, although {@code OnBoardingComplete}
 *       defaults to false: the spec's "while OnBoardingComplete is false" is read as this re-send cycle, not
 *       as an OnBoardRequest to every Controller row at every boot.</li>
 * </ol>
 * An Error answer ends the retries like a NotifyResp (see {@link NotificationOutbox}) and starts the same
 * re-send wait. A new OnBoardRequest to a Controller replaces one still unanswered. Setting
 * {@code OnBoardingComplete} to false with a Set does not by itself send one (only the command does).
 *
 * <p><b>Who the device is.</b> Each field comes from the data model's {@code Device.DeviceInfo.}
 * {@code ManufacturerOUI}, {@code ProductClass} and {@code SerialNumber} when it has them (non-empty), else
 * from {@link DeliverySettings#deviceIdentity()}, else from the agent's own {@code os::}/{@code ops::}
 * Endpoint ID, else it is empty.
 *
 * <p><b>Threads.</b> Everything runs on the agent thread: the command handler, {@link #send},
 * {@link #resume} and the timers.
 */
public final class OnBoarding {
    private static final Logger LOG = LoggerFactory.getLogger(OnBoarding.class);

    /** The object the command lives on, as bound in the data model. */
    public static final String CONTROLLER_OBJECT = ControllerTable.OBJECT;
    /** The command. */
    public static final String COMMAND = "SendOnBoardRequest()";
    /** How an OnBoardRequest is delivered: retried until answered, never expiring (R-NOT.6, R-NOT.6a). */
    public static final Policy POLICY = new Policy(true, Duration.ZERO);

    private final String agentEndpointId;
    private final DeviceIdentity configured;
    private NotificationOutbox outbox;
    private final Map<String, String> unanswered = new HashMap<>();
    private final Map<String, Timers.Timer> restarts = new HashMap<>();

    /**
     * Creates the on-boarding logic; {@link #attach} it to the agent's outbox before use.
     *
     * @param agentEndpointId the agent's Endpoint ID, the last source of the device identity
     * @param configured the identity configured for the agent (empty fields: not configured)
     */
    public OnBoarding(String agentEndpointId, DeviceIdentity configured) {
        this.agentEndpointId = Objects.requireNonNull(agentEndpointId, "agentEndpointId");
        this.configured = Objects.requireNonNull(configured, "configured");
    }

    /**
     * The binding of {@code Device.LocalAgent.Controller.{i}.} that runs {@code SendOnBoardRequest()}; every
     * parameter stays library-stored.
     */
    public ObjectBinding controllerBinding() {
        return ObjectBinding.builder().syncCommand(COMMAND, call -> {
            run(call);
            return Map.of();
        }).build();
    }

    /**
     * Connects to the outbox that sends the notifications (and whose data model and timers it uses).
     *
     * @throws IllegalStateException when attached already
     */
    public void attach(NotificationOutbox notificationOutbox) {
        if (this.outbox != null) {
            throw new IllegalStateException("already attached");
        }
        this.outbox = Objects.requireNonNull(notificationOutbox, "notificationOutbox");
    }

    /**
     * Sends an OnBoardRequest to a Controller now (or when it becomes reachable), replacing one still
     * unanswered, and keeps up the re-send cycle described in the class comment. Agent thread only.
     *
     * @param controllerEndpointId the Controller's Endpoint ID
     * @return the notification in the outbox
     * @throws IllegalStateException when not attached
     */
    public NotificationOutbox.Delivery send(String controllerEndpointId) {
        Objects.requireNonNull(controllerEndpointId, "controllerEndpointId");
        NotificationOutbox out = attached();
        cancelRestart(controllerEndpointId);
        String previous = unanswered.remove(controllerEndpointId);
        if (previous != null) {
            out.withdraw(controllerEndpointId, previous);
        }
        DeviceIdentity id = identity();
        Notify notify = Notify.newBuilder()
                .setSubscriptionId("")
                .setOnBoardReq(Notify.OnBoardRequest.newBuilder()
                        .setOui(id.oui())
                        .setProductClass(id.productClass())
                        .setSerialNumber(id.serialNumber())
                        .setAgentSupportedProtocolVersions(ProtocolVersion.formatList(ProtocolVersion.SUPPORTED)))
                .build();
        NotificationOutbox.Delivery d = out.submit(controllerEndpointId, notify, POLICY, true);
        unanswered.put(controllerEndpointId, d.msgId());
        LOG.info("OnBoardRequest {} for {}", d.msgId(), controllerEndpointId);
        d.outcome().thenAccept(outcome -> answered(controllerEndpointId, d.msgId(), outcome));
        return d;
    }

    /**
     * Resumes on-boarding after a start: an OnBoardRequest to every enabled Controller whose
     * {@code OnBoardingComplete} is false and whose {@code OnBoardingRestartTime} is not 0. Agent thread only.
     *
     * @return how many were sent (or queued until the Controller is reachable)
     * @throws IllegalStateException when not attached
     */
    public int resume() {
        DataModel model = attached().model();
        int n = 0;
        for (String row : ControllerTable.rows(model)) {
            String endpointId = ControllerTable.value(model.view(), row, "EndpointID");
            if (endpointId != null && !endpointId.isEmpty() && wantsOnBoarding(model, row)) {
                send(endpointId);
                n++;
            }
        }
        return n;
    }

    /**
     * The identity an OnBoardRequest reports now: data model, then configuration, then Endpoint ID, field by
     * field. Agent thread only.
     *
     * @throws IllegalStateException when not attached
     */
    public DeviceIdentity identity() {
        ModelView view = attached().model().view();
        DeviceIdentity fromModel = new DeviceIdentity(
                deviceInfo(view, "ManufacturerOUI"), deviceInfo(view, "ProductClass"), deviceInfo(view, "SerialNumber"));
        return fromModel.or(configured).or(DeviceIdentity.fromEndpointId(agentEndpointId));
    }

    private void run(CommandCall call) {
        String endpointId = call.instance().value("EndpointID");
        if (!"true".equals(call.instance().value("Enable")) && !"1".equals(call.instance().value("Enable"))) {
            throw new UspException(ErrorCode.COMMAND_FAILURE, call.instance().path()
                    + " is disabled: OnBoardRequests go to enabled Controllers only");
        }
        if (endpointId == null || endpointId.isEmpty()) {
            throw new UspException(ErrorCode.COMMAND_FAILURE, call.instance().path() + " has no EndpointID");
        }
        NotificationOutbox out = attached();
        out.model().update(call.instance().path() + "OnBoardingComplete", false);
        // After the Operate's own answer, which the agent sends when this handler returns.
        out.onAgentThread(() -> send(endpointId));
    }

    private void answered(String controller, String msgId, NotificationOutbox.Outcome outcome) {
        if (!msgId.equals(unanswered.get(controller))) {
            return;
        }
        unanswered.remove(controller);
        if (outcome != NotificationOutbox.Outcome.DELIVERED && outcome != NotificationOutbox.Outcome.REJECTED) {
            return;
        }
        DataModel model = outbox.model();
        Optional<String> row = ControllerTable.row(model, controller);
        if (row.isEmpty() || !wantsOnBoarding(model, row.get())) {
            return;
        }
        long seconds = ControllerTable.unsigned(model, row.get(), "OnBoardingRestartTime", 0);
        LOG.debug("OnBoardRequest {} answered; {} not on-boarded yet, next one in {} s", msgId, controller, seconds);
        restarts.put(controller, outbox.timers().schedule(Duration.ofSeconds(seconds), () -> restartDue(controller)));
    }

    private void restartDue(String controller) {
        restarts.remove(controller);
        DataModel model = outbox.model();
        Optional<String> row = ControllerTable.row(model, controller);
        if (row.isPresent() && wantsOnBoarding(model, row.get())) {
            send(controller);
        } else {
            LOG.debug("{} on-boarded (or gone, disabled, or no restart time): no further OnBoardRequest", controller);
        }
    }

    /** Enabled, OnBoardingComplete false, OnBoardingRestartTime not 0. */
    private static boolean wantsOnBoarding(DataModel model, String row) {
        return ControllerTable.bool(model, row, "Enable", false)
                && !ControllerTable.bool(model, row, "OnBoardingComplete", true)
                && ControllerTable.unsigned(model, row, "OnBoardingRestartTime", 0) > 0;
    }

    private void cancelRestart(String controller) {
        Timers.Timer t = restarts.remove(controller);
        if (t != null) {
            t.cancel();
        }
    }

    private NotificationOutbox attached() {
        if (outbox == null) {
            throw new IllegalStateException("OnBoarding is not attached to an outbox");
        }
        return outbox;
    }

    private static String deviceInfo(ModelView view, String name) {
        String v = ControllerTable.value(view, "Device.DeviceInfo.", name);
        return v == null ? "" : v;
    }
}
