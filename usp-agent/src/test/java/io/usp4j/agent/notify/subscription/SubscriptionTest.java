package io.usp4j.agent.notify.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import io.usp4j.agent.UspAgent;
import io.usp4j.agent.testing.ManualTime;
import io.usp4j.agent.testing.TestController;
import io.usp4j.core.message.MessageCodec;
import io.usp4j.core.message.Messages;
import io.usp4j.core.path.PathName;
import io.usp4j.core.path.resolve.ResolvedPath;
import io.usp4j.core.proto.msg.Add;
import io.usp4j.core.proto.msg.Delete;
import io.usp4j.core.proto.msg.Header;
import io.usp4j.core.proto.msg.Msg;
import io.usp4j.core.proto.msg.Notify;
import io.usp4j.core.proto.msg.NotifyResp;
import io.usp4j.core.proto.msg.Operate;
import io.usp4j.core.proto.msg.Request;
import io.usp4j.core.proto.msg.Response;
import io.usp4j.core.proto.msg.Set;
import io.usp4j.core.proto.record.Record;
import io.usp4j.core.record.RecordCodec;
import io.usp4j.core.value.ValueType;
import io.usp4j.datamodel.binding.CommandCall;
import io.usp4j.datamodel.instance.ParamSetting;
import io.usp4j.datamodel.instance.Transaction;
import io.usp4j.datamodel.schema.ObjectDef;
import io.usp4j.datamodel.schema.ParameterDef;
import io.usp4j.datamodel.schema.SupportedDataModel;
import io.usp4j.datamodel.storage.FileStorage;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Subscriptions and notifications (TR-369 "Notifications and Subscription Mechanism", TR-181
 * {@code Device.LocalAgent.Subscription.{i}.}), as TP-469 1.52, 1.53, 1.55, 1.57–1.59, 1.78, 1.84, 1.93,
 * 1.94, 9.10 (Boot! and BootParameters, with Controller parameters standing in for BootFirmwareImage) and 9.11
 * (the OperationComplete of 1.79 and 9.11, the timer finished by the test) test them, plus what they leave
 * out: every NotifType, search paths, polling, Persistent and TimeToLive across a restart, Recipients that
 * are deleted or disabled, the immutable ReferenceList.
 *
 * <p>A real agent on manual time ({@link ManualTime}) talks to the {@link TestController}, whose entry
 * {@code Device.LocalAgent.Controller.1.} (EndpointID {@link TestController#CONTROLLER_ID}, enabled) each
 * test makes first. Each Notify is checked whole; "nothing more" is proven by a probe whose answer comes
 * first. Retries and NotifyResp handling (1.54, 1.56) belong to the notification delivery, not here.
 */
class SubscriptionTest {
    private static final String LA = "Device.LocalAgent.";
    private static final String SUBS = LA + "Subscription.";
    private static final String CTRLS = LA + "Controller.";
    private static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");

    private final ManualTime time = new ManualTime(T0);
    private TestController c;
    private FileStorage storage;
    private String ctrl;

    @AfterEach
    void close() {
        if (c != null) {
            c.close();
        }
        if (storage != null) {
            storage.close();
        }
    }

    // ------------------------------------------------------------------ harness

    private TestController start(Consumer<UspAgent.Builder> configure) {
        TestController tc = TestController.start(b -> {
            b.clock(time).timers(time);
            configure.accept(b);
        });
        time.runOn(tc.agent()::execute);
        return tc;
    }

    /** Starts an agent with the test controller's entry (Controller.1). */
    private void startWithController(Consumer<UspAgent.Builder> configure) {
        c = start(configure);
        ctrl = controllerEntry(TestController.CONTROLLER_ID, "ctrl");
    }

    private void startWithController() {
        startWithController(b -> { });
    }

    /** A Controller entry, enabled; returns its path without the final dot (as references hold it). */
    private String controllerEntry(String endpointId, String alias) {
        String p = tx(tx -> tx.add(CTRLS, List.of(ParamSetting.required("EndpointID", endpointId),
                ParamSetting.required("Alias", alias), ParamSetting.required("Enable", "true"))).instancePath());
        return p.substring(0, p.length() - 1);
    }

    private interface TxWork {
        String run(Transaction tx);
    }

    private String tx(TxWork work) {
        return c.onAgent(() -> {
            Transaction tx = c.agent().dataModel().begin();
            try {
                String out = work.run(tx);
                tx.commit();
                return out;
            } finally {
                if (tx.isOpen()) {
                    tx.rollback();
                }
            }
        });
    }

    /** Lets the agent finish what it queued for itself (deferred refreshes and the tasks those queue). */
    private void settle() {
        for (int i = 0; i < 3; i++) {
            c.onAgent(() -> null);
        }
    }

    private static Map<String, String> params(String... nameValues) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < nameValues.length; i += 2) {
            m.put(nameValues[i], nameValues[i + 1]);
        }
        return m;
    }

    /** Adds an enabled Subscription by an Add message and returns its path. */
    private String subscribe(String id, String type, String references, String... more) {
        Map<String, String> settings = params("Enable", "true", "ID", id, "NotifType", type, "ReferenceList", references);
        settings.putAll(params(more));
        return add(SUBS, settings);
    }

    private String add(String table, Map<String, String> settings) {
        Add.CreateObject.Builder co = Add.CreateObject.newBuilder().setObjPath(table);
        settings.forEach((k, v) -> co.addParamSettings(Add.CreateParamSetting.newBuilder().setParam(k).setValue(v).setRequired(true)));
        Msg answer = c.send(Request.newBuilder().setAdd(Add.newBuilder().setAllowPartial(false).addCreateObjs(co)).build());
        assertThat(answer.getHeader().getMsgType()).as("%s", answer).isEqualTo(Header.MsgType.ADD_RESP);
        return answer.getBody().getResponse().getAddResp().getCreatedObjResults(0).getOperStatus().getOperSuccess()
                .getInstantiatedPath();
    }

    private Msg setMsg(String object, String... nameValues) {
        Set.UpdateObject.Builder o = Set.UpdateObject.newBuilder().setObjPath(object);
        params(nameValues).forEach((k, v) -> o.addParamSettings(Set.UpdateParamSetting.newBuilder().setParam(k).setValue(v).setRequired(true)));
        return c.send(Request.newBuilder().setSet(Set.newBuilder().setAllowPartial(false).addUpdateObjs(o)).build());
    }

    private void set(String object, String... nameValues) {
        Msg answer = setMsg(object, nameValues);
        assertThat(answer.getHeader().getMsgType()).as("%s", answer).isEqualTo(Header.MsgType.SET_RESP);
    }

    private void delete(String path) {
        Msg answer = c.send(Request.newBuilder().setDelete(Delete.newBuilder().setAllowPartial(false).addObjPaths(path)).build());
        assertThat(answer.getHeader().getMsgType()).as("%s", answer).isEqualTo(Header.MsgType.DELETE_RESP);
        assertThat(answer.getBody().getResponse().getDeleteResp().getDeletedObjResults(0).getOperStatus().hasOperSuccess())
                .as("%s", answer).isTrue();
    }

    private String value(String path) {
        return c.onAgent(() -> c.agent().dataModel().view().value(path));
    }

    private List<String> instances(String table) {
        return c.onAgent(() -> {
            List<String> out = new ArrayList<>();
            for (ResolvedPath p : c.agent().dataModel().view().resolve(PathName.parse(table + "*.")).paths()) {
                out.add(p.path());
            }
            return out;
        });
    }

    /** The next Message the agent sent, after checking it is a Notify Record to the test controller. */
    private Msg nextNotifyMsg() {
        Record r = c.next();
        assertThat(r.getToId()).isEqualTo(TestController.CONTROLLER_ID);
        assertThat(r.getFromId()).isEqualTo(TestController.AGENT_ID);
        Msg m = MessageCodec.decode(RecordCodec.payload(r));
        assertThat(m.getHeader().getMsgType()).as("a Notify, got %s", m).isEqualTo(Header.MsgType.NOTIFY);
        return m;
    }

    private Notify nextNotify() {
        return nextNotifyMsg().getBody().getRequest().getNotify();
    }

    /** Proves the agent sent nothing more: a probe's answer is the next Record. */
    private void assertNothingSent() {
        Record r = c.probe();
        assertThat(TestController.isProbeAnswer(r)).as("expected nothing before the probe's answer, got %s",
                MessageCodec.decode(RecordCodec.payload(r))).isTrue();
    }

    private static Notify valueChange(String id, boolean sendResp, String path, String value) {
        return Notify.newBuilder().setSubscriptionId(id).setSendResp(sendResp)
                .setValueChange(Notify.ValueChange.newBuilder().setParamPath(path).setParamValue(value)).build();
    }

    private static Notify creation(String id, String path, Map<String, String> keys) {
        return Notify.newBuilder().setSubscriptionId(id)
                .setObjCreation(Notify.ObjectCreation.newBuilder().setObjPath(path).putAllUniqueKeys(keys)).build();
    }

    private static Notify deletion(String id, String path) {
        return Notify.newBuilder().setSubscriptionId(id)
                .setObjDeletion(Notify.ObjectDeletion.newBuilder().setObjPath(path)).build();
    }

    private static Notify event(String id, String objPath, String name, Map<String, String> params) {
        return Notify.newBuilder().setSubscriptionId(id)
                .setEvent(Notify.Event.newBuilder().setObjPath(objPath).setEventName(name).putAllParams(params)).build();
    }

    // ------------------------------------------------------------------ TP-469

    @Test
    void tp469_1_52_subscriptionCreationUsingValueChange() {
        startWithController();
        String sub = subscribe("notify52", "ValueChange", ctrl + ".ProvisioningCode", "NotifRetry", "true");

        assertThat(value(sub + "Recipient")).isEqualTo(ctrl);
        assertThat(value(sub + "CreationDate")).isEqualTo("2024-05-01T10:00:00Z");
        set(ctrl + ".", "ProvisioningCode", "pc-52");
        Msg notify = nextNotifyMsg();

        assertThat(notify.getBody().getRequest().getNotify())
                .isEqualTo(valueChange("notify52", true, ctrl + ".ProvisioningCode", "pc-52"));
        c.sendRecord(RecordCodec.noSessionContext(TestController.AGENT_ID, TestController.CONTROLLER_ID,
                Messages.response(notify.getHeader().getMsgId(), Response.newBuilder()
                        .setNotifyResp(NotifyResp.newBuilder().setSubscriptionId("notify52")).build())));
        assertNothingSent();
    }

    @Test
    void tp469_1_53_subscriptionDeletionUsingValueChange() {
        startWithController();
        String sub = subscribe("notify53", "ValueChange", ctrl + ".ProvisioningCode");
        set(ctrl + ".", "ProvisioningCode", "before");
        assertThat(nextNotify()).isEqualTo(valueChange("notify53", false, ctrl + ".ProvisioningCode", "before"));

        delete(sub);
        set(ctrl + ".", "ProvisioningCode", "after");
        time.advance(Duration.ofSeconds(20));

        assertNothingSent();
    }

    @Test
    void tp469_1_55_subscriptionExpirationUsingValueChange() {
        startWithController();
        String sub = subscribe("notify55", "ValueChange", ctrl + ".ProvisioningCode", "TimeToLive", "20");
        set(ctrl + ".", "ProvisioningCode", "first");
        assertThat(nextNotify()).isEqualTo(valueChange("notify55", false, ctrl + ".ProvisioningCode", "first"));

        time.advance(Duration.ofSeconds(19));
        assertThat(instances(SUBS)).containsExactly(sub);
        time.advance(Duration.ofSeconds(1));
        assertThat(instances(SUBS)).isEmpty();
        set(ctrl + ".", "ProvisioningCode", "second");

        assertNothingSent();
    }

    @Test
    void tp469_1_57_objectCreationNotification() {
        startWithController();
        subscribe("notify57", "ObjectCreation", SUBS);
        assertNothingSent(); // not about its own creation

        String second = subscribe("notify57-2", "ValueChange", ctrl + ".ProvisioningCode");

        assertThat(nextNotify()).isEqualTo(creation("notify57", second,
                params("Alias", "cpe-2", "Recipient", ctrl, "ID", "notify57-2")));
        assertNothingSent();
    }

    @Test
    void tp469_1_58_objectDeletionNotification() {
        startWithController();
        subscribe("notify58", "ObjectDeletion", SUBS);
        String other = subscribe("other58", "ValueChange", ctrl + ".ProvisioningCode");

        delete(other);

        assertThat(nextNotify()).isEqualTo(deletion("notify58", other));
        assertNothingSent();
    }

    @Test
    void tp469_1_59_eventNotificationUsingPeriodic() {
        startWithController();
        set(ctrl + ".", "PeriodicNotifInterval", "60", "PeriodicNotifTime", "2024-05-01T10:00:30Z");
        subscribe("notify59", "Event", LA + "Periodic!");
        Notify periodic = event("notify59", LA, "Periodic!", Map.of());

        time.advance(Duration.ofSeconds(29));
        assertNothingSent();
        time.advance(Duration.ofSeconds(1));
        assertThat(nextNotify()).isEqualTo(periodic);
        time.advance(Duration.ofSeconds(59));
        assertNothingSent();
        time.advance(Duration.ofSeconds(1));
        assertThat(nextNotify()).isEqualTo(periodic);
        assertNothingSent();
    }

    @Test
    void tp469_1_78_removalOfSubscriptionsThatHaveNoAssociatedController() {
        startWithController();
        String second = controllerEntry("proto::second-controller", "second");
        String orphan = tx(tx -> tx.add(SUBS, List.of(ParamSetting.required("Enable", "true"),
                ParamSetting.required("ID", "theirs"), ParamSetting.required("NotifType", "ValueChange"),
                ParamSetting.required("ReferenceList", LA + "EndpointID")), Map.of("Recipient", second)).instancePath());
        String mine = subscribe("watch78", "ObjectDeletion", CTRLS + "," + SUBS);

        delete(second + ".");

        assertThat(nextNotify()).isEqualTo(deletion("watch78", second + "."));
        assertThat(nextNotify()).isEqualTo(deletion("watch78", orphan));
        assertThat(instances(SUBS)).containsExactly(mine);
        assertNothingSent();
    }

    @Test
    void tp469_1_84_notificationUsingSearchPaths() {
        startWithController();
        String bp1 = add(ctrl + ".BootParameter.", params("Enable", "true", "ParameterName", LA + "EndpointID"));
        add(ctrl + ".BootParameter.", params("Enable", "true", "ParameterName", LA + "SoftwareVersion"));
        subscribe("notify84", "ValueChange", ctrl + ".BootParameter.*.Enable");

        set(bp1, "Enable", "false");

        assertThat(nextNotify()).isEqualTo(valueChange("notify84", false, bp1 + "Enable", "false"));
        assertNothingSent();
    }

    @Test
    void tp469_1_93_subscriptionUsingTriggerActionConfig() {
        startWithController();
        String sub = subscribe("notify93", "ValueChange", ctrl + ".ProvisioningCode", "TriggerAction", "Config");
        set(sub, "TriggerConfigSettings", sub + "Enable=false");

        set(ctrl + ".", "ProvisioningCode", "pc-93");
        settle();

        assertThat(value(sub + "Enable")).isEqualTo("false");
        assertNothingSent();
    }

    @Test
    void tp469_1_94_subscriptionUsingTriggerActionNotifyAndConfig() {
        startWithController();
        String sub = subscribe("notify94", "ValueChange", ctrl + ".ProvisioningCode", "TriggerAction", "NotifyAndConfig");
        set(sub, "TriggerConfigSettings", sub + "Enable=false," + ctrl + ".ControllerCode=\"configured\"");

        set(ctrl + ".", "ProvisioningCode", "pc-94");

        assertThat(nextNotify()).isEqualTo(valueChange("notify94", false, ctrl + ".ProvisioningCode", "pc-94"));
        settle();
        assertThat(value(sub + "Enable")).isEqualTo("false");
        assertThat(value(ctrl + ".ControllerCode")).isEqualTo("configured");
        set(ctrl + ".", "ProvisioningCode", "pc-94-again");
        assertNothingSent();
    }

    @Test
    void tp469_9_10_bootEventWithBootParametersAfterARestartForPersistentSubscriptionsOnly(@TempDir Path dir) {
        storage = FileStorage.open(dir);
        FileStorage first = storage;
        startWithController(b -> b.storage(first));
        add(ctrl + ".BootParameter.", params("Enable", "true", "ParameterName", ctrl + ".ProvisioningCode"));
        add(ctrl + ".BootParameter.", params("Enable", "true", "ParameterName", CTRLS + "*.Alias"));
        add(ctrl + ".BootParameter.", params("Enable", "false", "ParameterName", LA + "EndpointID"));
        set(ctrl + ".", "ProvisioningCode", "pc-boot");
        String boot = subscribe("boot", "Event", "Device.Boot!", "Persistent", "true");
        subscribe("forgotten", "Event", "Device.Boot!");
        subscribe("short-lived", "Event", "Device.", "Persistent", "true", "TimeToLive", "100");
        subscribe("disabled", "Event", "Device.Boot!", "Persistent", "true", "Enable", "false");
        assertNothingSent();
        c.close();
        c = null;
        storage.close();
        assertThat(time.pendingTimers()).as("timers left by the stopped agent").isZero();

        time.advance(Duration.ofSeconds(200));
        storage = FileStorage.open(dir);
        FileStorage second = storage;
        c = start(b -> b.storage(second));
        settle();
        Record firstRecord = c.probe();

        assertThat(MessageCodec.decode(RecordCodec.payload(firstRecord)).getBody().getRequest().getNotify())
                .isEqualTo(event("boot", "Device.", "Boot!", params("CommandKey", "", "Cause", "LocalReboot",
                        "FirmwareUpdated", "false", "Reason", "",
                        "ParameterMap", "{\"" + ctrl + ".ProvisioningCode\":\"pc-boot\",\"" + ctrl + ".Alias\":\"ctrl\"}")));
        assertThat(TestController.isProbeAnswer(c.next())).isTrue();
        assertThat(instances(SUBS)).containsExactly(boot, SUBS + "4.");
        assertThat(value(SUBS + "4.ID")).isEqualTo("disabled");
        assertNothingSent();
    }

    // ------------------------------------------------------------------ beyond TP-469

    @Test
    void sendRespFollowsNotifRetry() {
        startWithController();
        subscribe("retry", "ValueChange", ctrl + ".ProvisioningCode", "NotifRetry", "true", "NotifExpiration", "30");
        subscribe("once", "ValueChange", ctrl + ".ProvisioningCode");

        set(ctrl + ".", "ProvisioningCode", "x");

        assertThat(nextNotify()).isEqualTo(valueChange("retry", true, ctrl + ".ProvisioningCode", "x"));
        assertThat(nextNotify()).isEqualTo(valueChange("once", false, ctrl + ".ProvisioningCode", "x"));
        assertNothingSent();
    }

    @Test
    void objectPathsAndSearchExpressionsSelectEveryParameterBelow() {
        startWithController();
        subscribe("object", "ValueChange", ctrl + ".");
        subscribe("search", "ValueChange", CTRLS + "[Alias==\"ctrl\"].ProvisioningCode");
        subscribe("elsewhere", "ValueChange", CTRLS + "[Alias==\"nobody\"].ProvisioningCode," + LA + "EndpointID");

        set(ctrl + ".", "ProvisioningCode", "p", "ControllerCode", "cc");

        assertThat(nextNotify()).isEqualTo(valueChange("object", false, ctrl + ".ControllerCode", "cc"));
        assertThat(nextNotify()).isEqualTo(valueChange("object", false, ctrl + ".ProvisioningCode", "p"));
        assertThat(nextNotify()).isEqualTo(valueChange("search", false, ctrl + ".ProvisioningCode", "p"));
        assertNothingSent();
    }

    @Test
    void aNewSubscriptionHearsNothingOfTheChangeThatCreatedIt() {
        startWithController();
        subscribe("count", "ValueChange", LA + "SubscriptionNumberOfEntries");
        assertNothingSent();

        subscribe("second", "ObjectCreation", SUBS);

        assertThat(nextNotify()).isEqualTo(valueChange("count", false, LA + "SubscriptionNumberOfEntries", "2"));
        assertNothingSent();
    }

    @Test
    void disabledSubscriptionsAreNotProcessed() {
        startWithController();
        String sub = subscribe("later", "ValueChange", ctrl + ".ProvisioningCode", "Enable", "false");
        set(ctrl + ".", "ProvisioningCode", "while-disabled");
        assertNothingSent();

        set(sub, "Enable", "true");
        set(ctrl + ".", "ProvisioningCode", "while-enabled");

        assertThat(nextNotify()).isEqualTo(valueChange("later", false, ctrl + ".ProvisioningCode", "while-enabled"));
        assertNothingSent();
    }

    @Test
    void referenceListCannotChangeOnceSet() {
        startWithController();
        String fixed = subscribe("fixed", "ValueChange", ctrl + ".ProvisioningCode");
        String open = add(SUBS, params("ID", "open", "NotifType", "ValueChange"));

        Msg refused = setMsg(fixed, "ReferenceList", LA + "EndpointID");

        assertThat(refused.getBody().hasError()).as("%s", refused).isTrue();
        assertThat(refused.getBody().getError().getErrCode()).isEqualTo(7013);
        assertThat(value(fixed + "ReferenceList")).isEqualTo(ctrl + ".ProvisioningCode");
        set(open, "ReferenceList", ctrl + ".ControllerCode");
        assertThat(value(open + "ReferenceList")).isEqualTo(ctrl + ".ControllerCode");
    }

    @Test
    void aControllerWithoutAnEntryGetsNoRecipientAndNoNotifications() {
        c = start(b -> { });
        String sub = subscribe("nobody", "ValueChange", LA + "Subscription.*.NotifRetry");

        assertThat(value(sub + "Recipient")).isEmpty();
        assertThat(value(sub + "CreationDate")).isEqualTo("2024-05-01T10:00:00Z");
        set(sub, "NotifRetry", "true");
        assertNothingSent();
    }

    @Test
    void aDisabledRecipientHearsOfItsOwnDisablingThenNothing() {
        startWithController();
        subscribe("enable", "ValueChange", ctrl + ".Enable," + ctrl + ".ProvisioningCode");

        set(ctrl + ".", "Enable", "false");
        assertThat(nextNotify()).isEqualTo(valueChange("enable", false, ctrl + ".Enable", "false"));
        // A disabled Controller is not served any more, so the next change comes from the agent itself.
        c.onAgent(() -> {
            var tx = c.agent().dataModel().begin();
            tx.set(ctrl + ".", java.util.List.of(io.usp4j.datamodel.instance.ParamSetting.of("ProvisioningCode", "unheard")));
            tx.commit();
            return null;
        });

        // A disabled Controller's probe would go unanswered as well: check nothing arrived.
        c.onAgent(() -> null);
        assertThat(c.poll()).isNull();
    }

    @Test
    void aDeletedRecipientHearsOfItsDeletionLastAndLosesItsSubscriptions() {
        startWithController();
        subscribe("self", "ObjectDeletion", CTRLS);
        subscribe("other", "ValueChange", ctrl + ".ProvisioningCode");

        delete(ctrl + ".");

        assertThat(nextNotify()).isEqualTo(deletion("self", ctrl + "."));
        settle();
        assertThat(instances(SUBS)).isEmpty();
        assertNothingSent();
    }

    @Test
    void objectDeletionSearchExpressionsMatchWhatTheyNamedBeforeTheDeletion() {
        startWithController();
        String victim = subscribe("victim", "ValueChange", LA + "EndpointID");
        String bystander = subscribe("bystander", "ValueChange", LA + "EndpointID");
        subscribe("watch", "ObjectDeletion", SUBS + "[ID==\"victim\"].");
        settle();

        delete(bystander);
        assertNothingSent();
        delete(victim);

        assertThat(nextNotify()).isEqualTo(deletion("watch", victim));
        assertNothingSent();
    }

    @Test
    void objectCreationOfNestedTablesBySearchPath() {
        startWithController();
        String second = controllerEntry("proto::second-controller", "second");
        subscribe("nested", "ObjectCreation", CTRLS + "[Alias==\"second\"].BootParameter.");

        add(ctrl + ".BootParameter.", params("ParameterName", LA + "EndpointID"));
        String bp = add(second + ".BootParameter.", params("ParameterName", LA + "EndpointID", "Alias", "bp"));

        assertThat(nextNotify()).isEqualTo(creation("nested", bp, params("ParameterName", LA + "EndpointID", "Alias", "bp")));
        assertNothingSent();
    }

    @Test
    void deletingAParentNotifiesTheDeletionOfItsChildren() {
        startWithController();
        String second = controllerEntry("proto::second-controller", "second");
        String bp = add(second + ".BootParameter.", params("ParameterName", LA + "EndpointID"));
        subscribe("children", "ObjectDeletion", CTRLS + "*.BootParameter.*.");

        delete(second + ".");

        assertThat(nextNotify()).isEqualTo(deletion("children", bp));
        assertNothingSent();
    }

    @Test
    void periodicWithoutAReferenceTimeCountsFromWhenItWasSetAndOnlyForSubscribers() {
        startWithController();
        String second = controllerEntry("proto::second-controller", "second");
        set(second + ".", "PeriodicNotifInterval", "10");
        subscribe("periodic", "Event", "Device.");
        time.advance(Duration.ofSeconds(5));
        set(ctrl + ".", "PeriodicNotifInterval", "30", "PeriodicNotifTime", "0001-01-01T00:00:00Z");
        settle(); // the agent reads the clock when it sees the change

        time.advance(Duration.ofSeconds(29));
        assertNothingSent();
        time.advance(Duration.ofSeconds(1));
        assertThat(nextNotify()).isEqualTo(event("periodic", LA, "Periodic!", Map.of()));
        set(ctrl + ".", "PeriodicNotifInterval", "100");
        settle();
        time.advance(Duration.ofSeconds(99));
        assertNothingSent();
        time.advance(Duration.ofSeconds(1));
        assertThat(nextNotify()).isEqualTo(event("periodic", LA, "Periodic!", Map.of()));
        assertNothingSent();
    }

    @Test
    void eventsFirmwareEmitsOnItsOwnThreadReachObjectPathSubscribers() {
        startWithController();
        subscribe("events", "Event", LA);
        subscribe("boot-only", "Event", "Device.Boot!");

        c.agent().dataModel().emit(LA + "TransferComplete!", Map.of("Command", "Device.X_Download()",
                "CommandKey", "dl-1", "FaultCode", 0));

        assertThat(nextNotify()).isEqualTo(event("events", LA, "TransferComplete!",
                params("Command", "Device.X_Download()", "CommandKey", "dl-1", "FaultCode", "0")));
        assertNothingSent();
    }

    @Test
    void tp469_9_11_operationCompleteForCommandPathsAndObjectPaths() throws Exception {
        BlockingQueue<CompletableFuture<Map<String, ?>>> running = new LinkedBlockingQueue<>();
        startWithController(b -> b.bind("Device.", o -> o.command("ScheduleTimer()", (CommandCall call) -> {
            CompletableFuture<Map<String, ?>> f = new CompletableFuture<>();
            running.add(f);
            return f;
        })));
        subscribe("command", "OperationComplete", "Device.ScheduleTimer()");
        subscribe("all", "OperationComplete", "Device.");
        subscribe("elsewhere", "OperationComplete", LA);

        Msg answer = c.send(Request.newBuilder().setOperate(Operate.newBuilder().setCommand("Device.ScheduleTimer()")
                .setCommandKey("timer-1").setSendResp(true).putInputArgs("DelaySeconds", "5")).build());
        assertThat(answer.getHeader().getMsgType()).isEqualTo(Header.MsgType.OPERATE_RESP);
        running.poll(5, TimeUnit.SECONDS).complete(Map.of());

        Notify.OperationComplete done = Notify.OperationComplete.newBuilder().setObjPath("Device.")
                .setCommandName("ScheduleTimer()").setCommandKey("timer-1")
                .setReqOutputArgs(Notify.OperationComplete.OutputArgs.getDefaultInstance()).build();
        assertThat(nextNotify()).isEqualTo(Notify.newBuilder().setSubscriptionId("command").setOperComplete(done).build());
        assertThat(nextNotify()).isEqualTo(Notify.newBuilder().setSubscriptionId("all").setOperComplete(done).build());
        assertNothingSent();
    }

    @Test
    void parametersNobodyPushesArePolledAndPushedOnesAreNot() {
        AtomicLong level = new AtomicLong(3);
        AtomicLong pushed = new AtomicLong(1);
        SupportedDataModel sensors = SupportedDataModel.builder()
                .add(ObjectDef.builder("Device.").build())
                .add(ObjectDef.builder("Device.X_TEST_Sensor.")
                        .parameter(ParameterDef.readOnly("Level", ValueType.UNSIGNED_INT))
                        .parameter(ParameterDef.readOnly("Pushed", ValueType.UNSIGNED_INT))
                        .build())
                .build();
        startWithController(b -> b.supportedDataModel(sensors).valueChangePollInterval(Duration.ofSeconds(2))
                .bind("Device.X_TEST_Sensor.", o -> o.getter("Level", i -> level.get())
                        .getter("Pushed", i -> pushed.get()).notifying("Pushed")));
        subscribe("sensor", "ValueChange", "Device.X_TEST_Sensor.");
        settle();

        level.set(7);
        pushed.set(2);
        time.advance(Duration.ofSeconds(2));
        assertThat(nextNotify()).isEqualTo(valueChange("sensor", false, "Device.X_TEST_Sensor.Level", "7"));
        assertNothingSent();

        pushed.set(9);
        c.agent().dataModel().valueChanged("Device.X_TEST_Sensor.Pushed", 9);
        assertThat(nextNotify()).isEqualTo(valueChange("sensor", false, "Device.X_TEST_Sensor.Pushed", "9"));
        time.advance(Duration.ofSeconds(2));
        assertNothingSent();
    }

    @Test
    void timeToLiveCountsFromCreationDateAcrossARestart(@TempDir Path dir) {
        storage = FileStorage.open(dir);
        FileStorage first = storage;
        startWithController(b -> b.storage(first));
        subscribe("lasting", "ValueChange", ctrl + ".ProvisioningCode", "Persistent", "true", "TimeToLive", "100");
        time.advance(Duration.ofSeconds(30));
        c.close();
        c = null;
        storage.close();

        time.advance(Duration.ofSeconds(30));
        storage = FileStorage.open(dir);
        FileStorage second = storage;
        c = start(b -> b.storage(second));
        settle();
        assertThat(instances(SUBS)).containsExactly(SUBS + "1.");
        time.advance(Duration.ofSeconds(39));
        assertThat(instances(SUBS)).containsExactly(SUBS + "1.");
        time.advance(Duration.ofSeconds(1));

        assertThat(instances(SUBS)).isEmpty();
    }

    @Test
    void nextPeriodicIsPhaseAligned() {
        Instant origin = Instant.parse("2024-01-01T00:00:00Z");
        assertThat(SubscriptionEngine.nextPeriodic(origin, 60, Instant.parse("2024-01-01T00:00:00Z")))
                .isEqualTo(Instant.parse("2024-01-01T00:01:00Z"));
        assertThat(SubscriptionEngine.nextPeriodic(origin, 60, Instant.parse("2024-05-01T10:00:59Z")))
                .isEqualTo(Instant.parse("2024-05-01T10:01:00Z"));
        assertThat(SubscriptionEngine.nextPeriodic(Instant.parse("2030-01-01T00:00:30Z"), 60,
                Instant.parse("2030-01-01T00:00:00Z"))).isEqualTo(Instant.parse("2030-01-01T00:00:30Z"));
    }
}
