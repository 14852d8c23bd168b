package io.usp4j.datamodel.xml;

import io.usp4j.datamodel.Tr181TestData;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.usp4j.core.value.ValueType;
import io.usp4j.datamodel.schema.ArgumentObjectDef;
import io.usp4j.datamodel.schema.Arguments;
import io.usp4j.datamodel.schema.CommandDef;
import io.usp4j.datamodel.schema.DefaultValue;
import io.usp4j.datamodel.schema.EnumerationValue;
import io.usp4j.datamodel.schema.EventDef;
import io.usp4j.datamodel.schema.NumericRange;
import io.usp4j.datamodel.schema.ObjectAccess;
import io.usp4j.datamodel.schema.ObjectDef;
import io.usp4j.datamodel.schema.ParameterAccess;
import io.usp4j.datamodel.schema.ParameterDef;
import io.usp4j.datamodel.schema.PathReference;
import io.usp4j.datamodel.schema.SupportedDataModel;
import io.usp4j.datamodel.schema.UniqueKey;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class AgentModelsTest {

    private static SupportedDataModel model() {
        return AgentModels.usp();
    }

    private static ParameterDef param(String path) {
        return model().parameter(path).orElseThrow(() -> new AssertionError("missing " + path));
    }

    // ------------------------------------------------------------------ loading

    /**
     * Counts of the resource, checked independently by counting the model's elements in the XML file
     * (objects, {@code <parameter>} directly in objects, {@code <command name=}, {@code <event name=}).
     */
    @Test
    void loads_the_resource_with_the_expected_number_of_elements() throws IOException {
        SupportedDataModel m = model();

        assertThat(List.of(m.objectCount(), m.parameterCount(), m.commandCount(), m.eventCount()))
                .as("objects, parameters, commands, events of %s", m)
                .containsExactly(33, 205, 14, 4);
        try (InputStream in = AgentModelsTest.class.getResourceAsStream(AgentModels.RESOURCE)) {
            SupportedDataModel fresh = DataModelLoader.defaults().load(in, "usp-agent-model.xml");
            assertThat(fresh.objects()).extracting(ObjectDef::path)
                    .containsExactlyElementsOf(m.objects().stream().map(ObjectDef::path).toList());
        }
        assertThat(m.rootObjects()).extracting(ObjectDef::path).containsExactly("Device.");
    }

    @Test
    void is_loaded_once_and_shared_between_threads() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<SupportedDataModel>> calls = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                calls.add(AgentModels::usp);
            }
            SupportedDataModel first = AgentModels.usp();
            for (Future<SupportedDataModel> f : pool.invokeAll(calls)) {
                assertThat(f.get()).isSameAs(first);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    // ------------------------------------------------------------------ spot checks

    @Test
    void subscription_table_has_exactly_the_two_non_functional_keys_and_writable_alias() {
        ObjectDef sub = model().object("Device.LocalAgent.Subscription.{i}.").orElseThrow();

        assertThat(sub.access()).isEqualTo(ObjectAccess.ADD_DELETE);
        assertThat(sub.uniqueKeys()).containsExactly(
                UniqueKey.nonFunctional("Alias"), new UniqueKey(List.of("Recipient", "ID"), false));
        assertThat(sub.numEntriesParameter()).contains("SubscriptionNumberOfEntries");
        assertThat(sub.enableParameter()).contains("Enable");
        // Plain readWrite: the engine makes non-functional keys immutable once set (TP-469 1.104 write-once).
        assertThat(param("Device.LocalAgent.Subscription.{i}.Alias").access()).isEqualTo(ParameterAccess.READ_WRITE);
        assertThat(param("Device.LocalAgent.Subscription.{i}.Alias").syntax().maxLength()).hasValue(64);
        assertThat(param("Device.LocalAgent.Subscription.{i}.Recipient").access()).isEqualTo(ParameterAccess.READ_ONLY);
        assertThat(param("Device.LocalAgent.Subscription.{i}.Recipient").syntax().reference().orElseThrow().refType())
                .isEqualTo(PathReference.RefType.STRONG);
    }

    @Test
    void subscription_parameters_follow_tr181_2_19() {
        assertThat(param("Device.LocalAgent.Subscription.{i}.ReferenceList").syntax().isList()).isTrue();
        assertThat(param("Device.LocalAgent.Subscription.{i}.NotifType").syntax().enumerations())
                .extracting(EnumerationValue::value)
                .containsExactly("ValueChange", "ObjectCreation", "ObjectDeletion", "OperationComplete", "Event");
        ParameterDef action = param("Device.LocalAgent.Subscription.{i}.TriggerAction");
        assertThat(action.syntax().enumerations()).extracting(EnumerationValue::value)
                .containsExactly("Notify", "Config", "NotifyAndConfig");
        assertThat(action.syntax().defaultValue()).contains(new DefaultValue(DefaultValue.Kind.OBJECT, "Notify"));
        ParameterDef settings = param("Device.LocalAgent.Subscription.{i}.TriggerConfigSettings");
        assertThat(settings.syntax().list().orElseThrow().maxItems()).isEqualTo(16);
        assertThat(settings.access()).isEqualTo(ParameterAccess.READ_WRITE);
        assertThat(param("Device.LocalAgent.Subscription.{i}.ID").syntax().sizes()).hasSize(1);
        assertThat(param("Device.LocalAgent.Subscription.{i}.Persistent").syntax().defaultValue())
                .contains(new DefaultValue(DefaultValue.Kind.OBJECT, "false"));
    }

    @Test
    void request_table_is_read_only_with_cancel() {
        ObjectDef req = model().object("Device.LocalAgent.Request.{i}.").orElseThrow();

        assertThat(req.access()).isEqualTo(ObjectAccess.READ_ONLY);
        assertThat(req.uniqueKeys()).containsExactly(
                UniqueKey.functional("Originator", "Command", "CommandKey"), UniqueKey.nonFunctional("Alias"));
        assertThat(req.command("Cancel()").orElseThrow().async()).isFalse();
        assertThat(param("Device.LocalAgent.Request.{i}.Status").syntax().enumerations())
                .extracting(EnumerationValue::value)
                .containsExactly("Requested", "Active", "Canceling", "Canceled", "Success", "Error");
    }

    @Test
    void controller_table_has_mtps_e2e_session_and_notification_retry_settings() {
        ParameterDef wait = param("Device.LocalAgent.Controller.{i}.USPNotifRetryMinimumWaitInterval");
        assertThat(wait.type()).isEqualTo(ValueType.UNSIGNED_INT);
        assertThat(wait.syntax().defaultValue()).contains(new DefaultValue(DefaultValue.Kind.OBJECT, "5"));
        assertThat(wait.syntax().ranges()).containsExactly(NumericRange.of(1L, 65535L));
        assertThat(wait.syntax().units()).contains("seconds");
        assertThat(param("Device.LocalAgent.Controller.{i}.USPNotifRetryIntervalMultiplier").syntax().ranges())
                .containsExactly(NumericRange.of(1000L, 65535L));

        ObjectDef controller = model().object("Device.LocalAgent.Controller.{i}.").orElseThrow();
        assertThat(controller.uniqueKeys()).containsExactly(
                UniqueKey.functional("EndpointID"), UniqueKey.nonFunctional("Alias"));
        assertThat(controller.commands().keySet()).containsExactly("SendOnBoardRequest()", "AddMyCertificate()");
        assertThat(controller.events()).isEmpty();
        assertThat(controller.parameters()).containsKeys("OnBoardingComplete", "OnBoardingRestartTime");

        ParameterDef topic = param("Device.LocalAgent.Controller.{i}.MTP.{i}.MQTT.Topic");
        assertThat(topic.access()).isEqualTo(ParameterAccess.READ_WRITE);
        ObjectDef mqtt = model().object("Device.LocalAgent.Controller.{i}.MTP.{i}.MQTT.").orElseThrow();
        assertThat(mqtt.parameters()).containsKey("AgentMTPReference").doesNotContainKey("Reference");
        assertThat(mqtt.minEntries()).isZero();
        assertThat(mqtt.maxEntries()).isEqualTo(1);

        ObjectDef e2e = model().object("Device.LocalAgent.Controller.{i}.E2ESession.").orElseThrow();
        assertThat(e2e.parameters()).containsKey("SessionMode").doesNotContainKey("Enable");
        assertThat(e2e.command("Reset()")).isPresent();
        assertThat(param("Device.LocalAgent.Controller.{i}.E2ESession.MaxUSPRecordSize").syntax().ranges())
                .containsExactly(NumericRange.of(0L, 0L), NumericRange.of(512L, null));
        assertThat(model().childObjects("Device.LocalAgent.Controller.{i}.")).extracting(ObjectDef::name)
                .containsExactly("MTP", "E2ESession", "BootParameter", "TransferCompletePolicy");
        assertThat(model().childObjects("Device.LocalAgent.Controller.{i}.MTP.{i}.")).extracting(ObjectDef::name)
                .containsExactly("WebSocket", "STOMP", "MQTT", "UDS");
    }

    @Test
    void has_no_coap() {
        assertThat(model().objects()).extracting(ObjectDef::path).noneMatch(p -> p.contains("CoAP"));
        assertThat(param("Device.LocalAgent.SupportedProtocols").syntax().enumerations())
                .extracting(EnumerationValue::value).containsExactly("WebSocket", "STOMP", "MQTT", "UDS");
        assertThat(model().childObjects("Device.LocalAgent.MTP.{i}.")).extracting(ObjectDef::name)
                .containsExactly("WebSocket", "STOMP", "MQTT", "UDS");
    }

    @Test
    void device_commands_and_events() {
        EventDef boot = model().event("Device.Boot!").orElseThrow();
        assertThat(boot.arguments().parameters()).extracting(ParameterDef::name)
                .containsExactly("CommandKey", "Cause", "Reason", "FirmwareUpdated", "ParameterMap");
        assertThat(boot.arguments().parameter("Cause").orElseThrow().syntax().enumerations())
                .extracting(EnumerationValue::value)
                .containsExactly("LocalReboot", "RemoteReboot", "FactoryReset", "LocalFactoryReset", "RemoteFactoryReset");
        assertThat(boot.arguments().parameter("FirmwareUpdated").orElseThrow().type()).isEqualTo(ValueType.BOOLEAN);

        CommandDef timer = model().command("Device.ScheduleTimer()").orElseThrow();
        assertThat(timer.async()).isTrue();
        assertThat(timer.input().parameter("DelaySeconds").orElseThrow().mandatory()).isTrue();
        assertThat(model().command("Device.Reboot()").orElseThrow().async()).isFalse();
        assertThat(model().command("Device.FactoryReset()").orElseThrow().async()).isFalse();

        ObjectDef agent = model().object("Device.LocalAgent.").orElseThrow();
        assertThat(agent.events().keySet()).containsExactly("Periodic!", "WakeUp!", "TransferComplete!");
        assertThat(agent.command("AddCertificate()").orElseThrow().input().parameter("Certificate").orElseThrow()
                .mandatory()).isTrue();
        assertThat(model().command("Device.LocalAgent.ControllerTrust.RequestChallenge()").orElseThrow().output()
                .parameters()).extracting(ParameterDef::name)
                .containsExactly("Instruction", "InstructionType", "ValueType", "ChallengeID");
    }

    @Test
    void permissions_carry_the_four_rwxn_strings() {
        ObjectDef perm = model().object("Device.LocalAgent.ControllerTrust.Role.{i}.Permission.{i}.").orElseThrow();

        assertThat(perm.parameters().keySet())
                .contains("Order", "Targets", "Param", "Obj", "InstantiatedObj", "CommandEvent");
        for (String flags : List.of("Param", "Obj", "InstantiatedObj", "CommandEvent")) {
            ParameterDef p = perm.parameter(flags).orElseThrow();
            assertThat(p.syntax().defaultValue()).contains(new DefaultValue(DefaultValue.Kind.OBJECT, "----"));
            assertThat(p.syntax().maxLength()).hasValue(4);
        }
        assertThat(param("Device.LocalAgent.ControllerTrust.UntrustedRole").syntax().list().orElseThrow().maxItems())
                .isEqualTo(1);
        assertThat(param("Device.LocalAgent.ControllerTrust.Challenge.{i}.Value").syntax().secured()).isTrue();
    }

    @Test
    void every_table_is_counted_by_a_number_of_entries_parameter_in_its_parent_and_vice_versa() {
        SupportedDataModel m = model();
        Set<String> counted = new TreeSet<>();
        for (ObjectDef o : m.objects()) {
            if (!o.isMultiInstance()) {
                continue;
            }
            String counter = o.name() + "NumberOfEntries";
            assertThat(o.numEntriesParameter()).as("counter of %s", o.path()).contains(counter);
            ParameterDef p = m.object(o.parentPath().orElseThrow()).orElseThrow().parameter(counter)
                    .orElseThrow(() -> new AssertionError(o.path() + " has no " + counter + " in its parent"));
            assertThat(p.type()).isEqualTo(ValueType.UNSIGNED_INT);
            assertThat(p.access()).isEqualTo(ParameterAccess.READ_ONLY);
            counted.add(o.parentPath().orElseThrow() + counter);
        }
        Set<String> counters = new TreeSet<>();
        for (ObjectDef o : m.objects()) {
            o.parameters().keySet().stream().filter(n -> n.endsWith("NumberOfEntries"))
                    .forEach(n -> counters.add(o.path() + n));
        }
        assertThat(counters).as("NumberOfEntries parameters without a table").isEqualTo(counted);
        assertThat(counted).hasSize(15);
    }

    // ------------------------------------------------------------------ cross-check with TR-181 2.16

    /**
     * Parameters (and arguments) whose type, access or list-ness intentionally differ from TR-181 2.16, by
     * path. Each follows TR-181 2.19 as described in the USP digest (section 7).
     */
    private static final Map<String, String> TYPE_OR_ACCESS_DIFFERENCES = Map.of(
            "Device.LocalAgent.Subscription.{i}.TriggerConfigSettings",
            "readOnly in 2.16, but a Controller supplies it when it adds a Subscription with TriggerAction Config"
                    + " or NotifyAndConfig (TP-469 1.93/1.94), so readWrite");

    /**
     * Parameters (and arguments) whose other constraints (ranges, sizes, enumerations, patterns, list facet,
     * references, default, units, secured, notification hint, mandatory) intentionally differ from TR-181
     * 2.16.
     */
    private static final Map<String, String> CONSTRAINT_DIFFERENCES = Map.of(
            "Device.LocalAgent.SupportedProtocols",
            "CoAP, deprecated in 2.16, is gone: obsoleted by USP 1.3 and deleted from the enumeration in 2.19",
            "Device.LocalAgent.MTP.{i}.WebSocket.Port",
            "2.16 gives the CoAP port 5683 as default (copied from the CoAP object); the WebSocket default is 8443");

    /**
     * Elements of 2.16's {@code Device.LocalAgent.} subtree that the resource leaves out on purpose: deleted or
     * obsoleted by 2.19 (CoAP, IsEncrypted, Controller timers, E2ESession.Enable, the segment size and the
     * Controller MQTT Reference) or optional tables the Agent does not implement (Threshold, Monitor).
     */
    private static final Set<String> LEFT_OUT_OF_LOCAL_AGENT = Set.of(
            "Device.LocalAgent.ThresholdNumberOfEntries",
            "Device.LocalAgent.MonitorNumberOfEntries",
            "Device.LocalAgent.MTP.{i}.CoAP.",
            "Device.LocalAgent.Threshold.{i}.",
            "Device.LocalAgent.Monitor.{i}.",
            "Device.LocalAgent.Controller.{i}.ScheduleTimer()",
            "Device.LocalAgent.Controller.{i}.Timer!",
            "Device.LocalAgent.Controller.{i}.MTP.{i}.CoAP.",
            "Device.LocalAgent.Controller.{i}.MTP.{i}.WebSocket.IsEncrypted",
            "Device.LocalAgent.Controller.{i}.MTP.{i}.MQTT.Reference",
            "Device.LocalAgent.Controller.{i}.E2ESession.Enable",
            "Device.LocalAgent.Controller.{i}.E2ESession.SegmentedPayloadChunkSize");

    private static SupportedDataModel tr181() {
        return Tr181TestData.tr181();
    }

    /** Every parameter and argument of ours that 2.16 also has, by path ({@code Device.Boot!.Cause}). */
    private static Map<String, ParameterDef[]> sharedParameters(SupportedDataModel ours, SupportedDataModel theirs) {
        Map<String, ParameterDef[]> shared = new LinkedHashMap<>();
        for (ObjectDef o : ours.objects()) {
            ObjectDef t = theirs.object(o.path()).orElse(null);
            if (t == null) {
                continue;
            }
            for (ParameterDef p : o.parameters().values()) {
                t.parameter(p.name()).ifPresent(tp -> shared.put(o.path() + p.name(), new ParameterDef[] {p, tp}));
            }
            for (CommandDef c : o.commands().values()) {
                t.command(c.name()).ifPresent(tc -> {
                    pairArguments(o.path() + c.name() + ".in.", c.input(), tc.input(), shared);
                    pairArguments(o.path() + c.name() + ".out.", c.output(), tc.output(), shared);
                });
            }
            for (EventDef e : o.events().values()) {
                t.event(e.name()).ifPresent(te -> pairArguments(o.path() + e.name() + ".", e.arguments(),
                        te.arguments(), shared));
            }
        }
        return shared;
    }

    private static void pairArguments(String prefix, Arguments ours, Arguments theirs, Map<String, ParameterDef[]> out) {
        for (ParameterDef p : ours.parameters()) {
            theirs.parameter(p.name()).ifPresent(tp -> out.put(prefix + p.name(), new ParameterDef[] {p, tp}));
        }
        for (ArgumentObjectDef o : ours.objects()) {
            theirs.object(o.path()).ifPresent(to -> {
                for (ParameterDef p : o.parameters()) {
                    to.parameter(p.name()).ifPresent(tp -> out.put(prefix + o.path() + p.name(),
                            new ParameterDef[] {p, tp}));
                }
            });
        }
    }

    @Test
    void types_and_access_agree_with_tr181_2_16_except_listed_2_19_changes() throws IOException {
        SupportedDataModel ours = model();
        Map<String, ParameterDef[]> shared = sharedParameters(ours, tr181());

        Map<String, String> differences = new LinkedHashMap<>();
        shared.forEach((path, pair) -> {
            ParameterDef o = pair[0];
            ParameterDef t = pair[1];
            if (o.type() != t.type() || o.access() != t.access() || o.syntax().isList() != t.syntax().isList()) {
                differences.put(path, o.type() + "/" + o.access() + "/list=" + o.syntax().isList() + " vs 2.16 "
                        + t.type() + "/" + t.access() + "/list=" + t.syntax().isList());
            }
        });

        assertThat(shared.size()).as("parameters and arguments shared with 2.16").isGreaterThan(200);
        assertThat(differences.keySet()).as("differences: %s", differences)
                .containsExactlyInAnyOrderElementsOf(TYPE_OR_ACCESS_DIFFERENCES.keySet());
    }

    @Test
    void value_constraints_agree_with_tr181_2_16_except_listed_2_19_changes() throws IOException {
        SupportedDataModel ours = model();
        Map<String, ParameterDef[]> shared = sharedParameters(ours, tr181());

        Map<String, String> differences = new LinkedHashMap<>();
        shared.forEach((path, pair) -> {
            ParameterDef o = pair[0];
            ParameterDef t = pair[1];
            List<String> what = new ArrayList<>();
            if (!o.syntax().ranges().equals(t.syntax().ranges())) {
                what.add("ranges");
            }
            if (!o.syntax().sizes().equals(t.syntax().sizes())) {
                what.add("sizes");
            }
            if (!o.syntax().enumerations().equals(t.syntax().enumerations())) {
                what.add("enumerations");
            }
            if (!o.syntax().patterns().equals(t.syntax().patterns())) {
                what.add("patterns");
            }
            if (!o.syntax().list().equals(t.syntax().list())) {
                what.add("list");
            }
            if (!o.syntax().reference().equals(t.syntax().reference())) {
                what.add("reference");
            }
            if (!o.syntax().enumerationReference().equals(t.syntax().enumerationReference())) {
                what.add("enumerationRef");
            }
            if (!o.syntax().defaultValue().equals(t.syntax().defaultValue())) {
                what.add("default");
            }
            if (!o.syntax().units().equals(t.syntax().units())) {
                what.add("units");
            }
            if (o.syntax().secured() != t.syntax().secured() || o.syntax().hidden() != t.syntax().hidden()) {
                what.add("secured");
            }
            if (o.activeNotify() != t.activeNotify()) {
                what.add("activeNotify");
            }
            if (o.mandatory() != t.mandatory()) {
                what.add("mandatory");
            }
            if (!what.isEmpty()) {
                differences.put(path, String.join(",", what));
            }
        });

        assertThat(differences.keySet()).as("differences: %s", differences)
                .containsExactlyInAnyOrderElementsOf(CONSTRAINT_DIFFERENCES.keySet());
    }

    @Test
    void objects_commands_and_events_agree_with_tr181_2_16() throws IOException {
        SupportedDataModel ours = model();
        SupportedDataModel theirs = tr181();

        for (ObjectDef o : ours.objects()) {
            ObjectDef t = theirs.object(o.path()).orElse(null);
            if (t == null) {
                continue;
            }
            assertThat(o.access()).as("access of %s", o.path()).isEqualTo(t.access());
            assertThat(o.uniqueKeys()).as("unique keys of %s", o.path()).isEqualTo(t.uniqueKeys());
            assertThat(o.minEntries()).as("minEntries of %s", o.path()).isEqualTo(t.minEntries());
            assertThat(o.maxEntries()).as("maxEntries of %s", o.path()).isEqualTo(t.maxEntries());
            assertThat(o.numEntriesParameter()).as("counter of %s", o.path()).isEqualTo(t.numEntriesParameter());
            assertThat(o.enableParameter()).as("enable parameter of %s", o.path()).isEqualTo(t.enableParameter());
            for (CommandDef c : o.commands().values()) {
                t.command(c.name()).ifPresent(tc -> assertThat(c.async()).as("async of %s%s", o.path(), c.name())
                        .isEqualTo(tc.async()));
            }
        }
        assertThat(ours.objects()).extracting(ObjectDef::path)
                .allMatch(p -> theirs.object(p).isPresent(), "every object of ours exists in 2.16");
    }

    @Test
    void leaves_out_exactly_the_listed_local_agent_elements_of_tr181_2_16() throws IOException {
        SupportedDataModel ours = model();
        SupportedDataModel theirs = tr181();

        Set<String> missing = new TreeSet<>();
        for (ObjectDef t : theirs.objects()) {
            if (!t.path().startsWith("Device.LocalAgent.")) {
                continue;
            }
            ObjectDef o = ours.object(t.path()).orElse(null);
            if (o == null) {
                if (ours.object(t.parentPath().orElseThrow()).isPresent()) {
                    missing.add(t.path());
                }
                continue;
            }
            t.parameters().keySet().stream().filter(n -> o.parameter(n).isEmpty()).forEach(n -> missing.add(t.path() + n));
            t.commands().keySet().stream().filter(n -> o.command(n).isEmpty()).forEach(n -> missing.add(t.path() + n));
            t.events().keySet().stream().filter(n -> o.event(n).isEmpty()).forEach(n -> missing.add(t.path() + n));
        }

        assertThat(missing).containsExactlyInAnyOrderElementsOf(LEFT_OUT_OF_LOCAL_AGENT);
    }

    @Test
    void merges_into_the_tr181_model_keeping_the_2_19_shape() throws IOException {
        SupportedDataModel merged = tr181().toBuilder().merge(model()).build();

        assertThat(merged.parameter("Device.LocalAgent.Controller.{i}.E2ESession.SessionMode")).isPresent();
        assertThat(merged.parameter("Device.LocalAgent.Subscription.{i}.TriggerConfigSettings").orElseThrow().access())
                .isEqualTo(ParameterAccess.READ_WRITE);
        assertThat(merged.parameter("Device.LocalAgent.MTP.{i}.WebSocket.Port").orElseThrow().syntax().defaultValue())
                .contains(new DefaultValue(DefaultValue.Kind.OBJECT, "8443"));
        assertThat(merged.event("Device.Boot!").orElseThrow().arguments().parameter("Reason")).isPresent();
        assertThat(merged.parameter("Device.DeviceInfo.UpTime")).isPresent();
    }
}
