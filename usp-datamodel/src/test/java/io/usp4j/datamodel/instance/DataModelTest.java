package io.usp4j.datamodel.instance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.usp4j.core.error.ErrorCode;
import io.usp4j.core.error.UspException;
import io.usp4j.core.path.PathName;
import io.usp4j.core.path.resolve.ResolvedPath;
import io.usp4j.datamodel.binding.DataModelListener;
import io.usp4j.datamodel.binding.ObjectBinding;
import io.usp4j.datamodel.storage.InMemoryStorage;
import io.usp4j.datamodel.storage.Storage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DataModelTest {
    private final Storage storage = new InMemoryStorage();
    private final FakeRadio radio = new FakeRadio();
    private final List<String> events = new ArrayList<>();
    private final AtomicInteger groupReads = new AtomicInteger();
    private DataModel model;

    private final DataModelListener recorder = new DataModelListener() {
        @Override
        public void onValueChange(String path, String value) {
            events.add("value " + path + "=" + value);
        }

        @Override
        public void onObjectCreation(String path) {
            events.add("created " + path);
        }

        @Override
        public void onObjectDeletion(String path) {
            events.add("deleted " + path);
        }

        @Override
        public void onEvent(String path, Map<String, String> arguments) {
            events.add("event " + path + " " + arguments);
        }
    };

    @BeforeEach
    void setUp() {
        radio.ssids.put("wl0", "home");
        radio.ssids.put("wl1", "guest");
        model = build(storage);
    }

    private DataModel build(Storage s) {
        return DataModel.builder(TestModel.schema())
                .storage(s)
                .bind("Device.DeviceInfo.", o -> o
                        .constant("Manufacturer", "ACME")
                        .getter("UpTime", i -> 4242L)
                        .group(i -> {
                            groupReads.incrementAndGet();
                            return Map.of("SoftwareVersion", "1.2.3", "HardwareVersion", "rev-b");
                        }, "SoftwareVersion", "HardwareVersion"))
                .bind("Device.WiFi.SSID.{i}.", o -> o
                        .rows(radio)
                        .getter("Name", ObjectInstanceName::of)
                        .getter("SSID", radio::ssid)
                        .setter("SSID", radio::setSsid))
                .listener(recorder)
                .build();
    }

    /** Reads the firmware row id as the interface name. */
    private static final class ObjectInstanceName {
        static Object of(io.usp4j.datamodel.binding.ObjectInstance i) {
            return i.rowId();
        }
    }

    private AddResult addSubscription(Transaction tx, String id) {
        return tx.add("Device.LocalAgent.Subscription.", List.of(
                ParamSetting.required("ID", id), ParamSetting.of("NotifType", "ValueChange")));
    }

    private void addController(String endpoint) {
        Transaction tx = model.begin();
        tx.add("Device.LocalAgent.Controller.", List.of(ParamSetting.required("EndpointID", endpoint)));
        tx.commit();
    }

    @Test
    void readsConstantsGettersGroupsDefaultsAndCounts() {
        ModelView v = model.view();
        assertThat(v.value("Device.DeviceInfo.Manufacturer")).isEqualTo("ACME");
        assertThat(v.value("Device.DeviceInfo.UpTime")).isEqualTo("4242");
        assertThat(v.value("Device.DeviceInfo.SoftwareVersion")).isEqualTo("1.2.3");
        assertThat(v.value("Device.DeviceInfo.HardwareVersion")).isEqualTo("rev-b");
        assertThat(groupReads).hasValue(1);
        assertThat(v.value("Device.DeviceInfo.ProvisioningCode")).isEmpty();
        assertThat(v.value("Device.WiFi.SSIDNumberOfEntries")).isEqualTo("2");
        assertThat(v.value("Device.WiFi.SSID.2.SSID")).isEqualTo("guest");
        assertThat(v.value("Device.WiFi.SSID.3.SSID")).isNull();
        assertThat(v.value("Device.DeviceInfo.NoSuch")).isNull();
        assertThat(radio.listings).isEqualTo(1);
        model.view().value("Device.DeviceInfo.SoftwareVersion");
        assertThat(groupReads).hasValue(2);
    }

    @Test
    void resolvesSearchesAndKeysAgainstTheModel() {
        Transaction tx = model.begin();
        addSubscription(tx, "a");
        tx.add("Device.LocalAgent.Subscription.", List.of(ParamSetting.of("ID", "b"), ParamSetting.of("Enable", "1")));
        addSubscription(tx, "c");
        tx.commit();
        List<String> ids = model.view().resolve(PathName.parse("Device.LocalAgent.Subscription.[Enable==true].ID"))
                .paths().stream().map(ResolvedPath::path).toList();
        assertThat(ids).containsExactly("Device.LocalAgent.Subscription.2.ID");
        List<String> byKey = model.view().resolve(PathName.parse("Device.WiFi.SSID.[Name==\"wl1\"].SSID"))
                .paths().stream().map(ResolvedPath::path).toList();
        assertThat(byKey).containsExactly("Device.WiFi.SSID.2.SSID");
    }

    @Test
    void addGivesMonotonicNumbersAndAssignsMissingKeys() {
        Transaction tx = model.begin();
        AddResult first = addSubscription(tx, "s1");
        AddResult second = tx.add("Device.LocalAgent.Subscription.", List.of(ParamSetting.of("Alias", "mine")));
        tx.commit();
        assertThat(first.instancePath()).isEqualTo("Device.LocalAgent.Subscription.1.");
        assertThat(first.uniqueKeys()).containsEntry("Alias", "cpe-1").containsEntry("ID", "s1").containsEntry("Recipient", "");
        assertThat(second.uniqueKeys()).containsEntry("Alias", "mine").containsEntry("ID", "cpe-2");
        assertThat(events).containsExactly(
                "created Device.LocalAgent.Subscription.1.",
                "created Device.LocalAgent.Subscription.2.",
                "value Device.LocalAgent.SubscriptionNumberOfEntries=2");

        Transaction del = model.begin();
        del.delete("Device.LocalAgent.Subscription.2.");
        del.commit();
        Transaction rolledBack = model.begin();
        assertThat(addSubscription(rolledBack, "x").instancePath()).isEqualTo("Device.LocalAgent.Subscription.3.");
        rolledBack.rollback();
        Transaction again = model.begin();
        assertThat(addSubscription(again, "y").instancePath()).isEqualTo("Device.LocalAgent.Subscription.4.");
        again.commit();
        assertThat(model.view().value("Device.LocalAgent.SubscriptionNumberOfEntries")).isEqualTo("2");
    }

    @Test
    void generatedKeysAvoidValuesAlreadyTaken() {
        Transaction tx = model.begin();
        tx.add("Device.LocalAgent.Subscription.", List.of(ParamSetting.of("Alias", "cpe-2"), ParamSetting.of("ID", "a")));
        AddResult second = addSubscription(tx, "b");
        tx.commit();
        assertThat(second.uniqueKeys()).containsEntry("Alias", "cpe-2-2");
    }

    @Test
    void addRefusesWhatTheSchemaForbids() {
        Transaction tx = model.begin();
        assertThatThrownBy(() -> tx.add("Device.LocalAgent.NoSuch.", List.of()))
                .isInstanceOf(TransactionException.class).extracting("errorCode").isEqualTo(ErrorCode.INVALID_PATH);
        assertThatThrownBy(() -> tx.add("Device.DeviceInfo.", List.of()))
                .extracting("errorCode").isEqualTo(ErrorCode.OBJECT_NOT_A_TABLE);
        assertThatThrownBy(() -> tx.add("Device.LocalAgent.Controller.7.BootParameter.", List.of()))
                .extracting("errorCode").isEqualTo(ErrorCode.OBJECT_DOES_NOT_EXIST);
        TransactionException e = org.junit.jupiter.api.Assertions.assertThrows(TransactionException.class,
                () -> tx.add("Device.LocalAgent.Subscription.", List.of(
                        ParamSetting.required("Enable", "InvalidValue"), ParamSetting.of("NoSuch", "1"))));
        assertThat(e.errorCode()).isEqualTo(ErrorCode.REQUIRED_PARAMETER_FAILED);
        assertThat(e.paramErrors()).extracting(ParamError::param, ParamError::code).containsExactly(
                org.assertj.core.groups.Tuple.tuple("Enable", ErrorCode.INVALID_TYPE),
                org.assertj.core.groups.Tuple.tuple("NoSuch", ErrorCode.UNSUPPORTED_PARAMETER));
        TransactionException key = org.junit.jupiter.api.Assertions.assertThrows(TransactionException.class,
                () -> tx.add("Device.LocalAgent.Subscription.", List.of(ParamSetting.of("Recipient", "x"))));
        assertThat(key.paramErrors()).singleElement().extracting(ParamError::code).isEqualTo(ErrorCode.PARAMETER_READ_ONLY);
        AddResult partial = tx.add("Device.LocalAgent.Subscription.", List.of(
                ParamSetting.of("Enable", "maybe"), ParamSetting.of("NotifType", "Sometimes"), ParamSetting.of("ID", "ok")));
        assertThat(partial.paramErrors()).extracting(ParamError::code)
                .containsExactly(ErrorCode.INVALID_TYPE, ErrorCode.INVALID_VALUE);
        tx.commit();
        assertThat(model.view().value("Device.LocalAgent.SubscriptionNumberOfEntries")).isEqualTo("1");
        assertThat(partial.instancePath()).as("refused Adds leave no gap").isEqualTo("Device.LocalAgent.Subscription.1.");
        assertThat(model.view().value("Device.LocalAgent.Subscription.1.ID")).isEqualTo("ok");
    }

    @Test
    void setChecksEachParameterAndStagesOnlyWhenTheObjectSucceeds() {
        Transaction tx = model.begin();
        addSubscription(tx, "s1");
        tx.commit();
        Transaction set = model.begin();
        TransactionException e = org.junit.jupiter.api.Assertions.assertThrows(TransactionException.class,
                () -> set.set("Device.LocalAgent.Subscription.1.", List.of(
                        ParamSetting.of("NotifRetry", "true"), ParamSetting.required("InvalidParameter", "1"))));
        assertThat(e.paramErrors()).singleElement().extracting(ParamError::code).isEqualTo(ErrorCode.UNSUPPORTED_PARAMETER);
        assertThat(set.view().value("Device.LocalAgent.Subscription.1.NotifRetry")).isEqualTo("false");
        SetResult r = set.set("Device.LocalAgent.Subscription.1.", List.of(
                ParamSetting.of("NotifRetry", "1"), ParamSetting.of("NotifExpiration", "-5"),
                ParamSetting.of("ID", "s2"), ParamSetting.of("Alias", "cpe-1")));
        assertThat(r.updatedParams()).containsOnly(Map.entry("NotifRetry", "true"), Map.entry("Alias", "cpe-1"));
        assertThat(r.paramErrors()).extracting(ParamError::param, ParamError::code).containsExactly(
                org.assertj.core.groups.Tuple.tuple("NotifExpiration", ErrorCode.INVALID_TYPE),
                org.assertj.core.groups.Tuple.tuple("ID", ErrorCode.PARAMETER_READ_ONLY));
        assertThat(set.view().value("Device.LocalAgent.Subscription.1.NotifRetry")).isEqualTo("true");
        assertThat(model.view().value("Device.LocalAgent.Subscription.1.NotifRetry")).isEqualTo("false");
        events.clear();
        set.commit();
        assertThat(model.view().value("Device.LocalAgent.Subscription.1.NotifRetry")).isEqualTo("true");
        assertThat(events).containsExactly("value Device.LocalAgent.Subscription.1.NotifRetry=true");
    }

    @Test
    void writeOnceParametersTakeOneValue() {
        Transaction tx = model.begin();
        tx.set("Device.DeviceInfo.", List.of(ParamSetting.of("SerialToken", "abc")));
        tx.commit();
        Transaction again = model.begin();
        SetResult r = again.set("Device.DeviceInfo.", List.of(ParamSetting.of("SerialToken", "xyz")));
        assertThat(r.paramErrors()).singleElement().extracting(ParamError::code).isEqualTo(ErrorCode.PARAMETER_READ_ONLY);
        again.rollback();
        assertThat(model.view().value("Device.DeviceInfo.SerialToken")).isEqualTo("abc");
    }

    @Test
    void duplicateUniqueKeysFailTheWholeTransactionOnTheFinalState() {
        addController("ctrl-a");
        Transaction tx = model.begin();
        tx.add("Device.LocalAgent.Controller.", List.of(ParamSetting.of("EndpointID", "ctrl-b")));
        tx.set("Device.LocalAgent.Controller.1.", List.of(ParamSetting.of("EndpointID", "ctrl-c")));
        tx.set("Device.LocalAgent.Controller.2.", List.of(ParamSetting.of("EndpointID", "ctrl-a")));
        tx.commit();
        assertThat(model.view().value("Device.LocalAgent.Controller.1.EndpointID")).isEqualTo("ctrl-c");

        events.clear();
        Transaction clash = model.begin();
        clash.set("Device.LocalAgent.Controller.1.", List.of(ParamSetting.of("Enable", "true")));
        clash.add("Device.LocalAgent.Controller.", List.of(ParamSetting.of("EndpointID", "ctrl-c")));
        assertThatThrownBy(clash::commit).isInstanceOf(TransactionException.class)
                .extracting("errorCode").isEqualTo(ErrorCode.DUPLICATE_UNIQUE_KEY);
        assertThat(clash.isOpen()).isFalse();
        assertThat(model.view().value("Device.LocalAgent.Controller.1.Enable")).isEqualTo("false");
        assertThat(model.view().value("Device.LocalAgent.ControllerNumberOfEntries")).isEqualTo("2");
        assertThat(events).isEmpty();
        assertThat(model.begin().isOpen()).isTrue();
    }

    @Test
    void theAgentCreatesAndRemovesRowsControllersMayNot() {
        io.usp4j.datamodel.schema.SupportedDataModel schema = TestModel.schema().toBuilder()
                .add(io.usp4j.datamodel.schema.ObjectDef.builder("Device.LocalAgent.Request.{i}.")
                        .parameter(TestModel.ro("Command", io.usp4j.core.value.ValueType.STRING))
                        .build())
                .build();
        DataModel m = DataModel.builder(schema).build();
        Transaction byController = m.begin();
        assertThatThrownBy(() -> byController.add("Device.LocalAgent.Request.", List.of()))
                .extracting("errorCode").isEqualTo(ErrorCode.OBJECT_NOT_CREATABLE);
        AddResult r = byController.create("Device.LocalAgent.Request.", Map.of("Command", "Device.Reboot()"));
        byController.commit();
        assertThat(m.view().value(r.instancePath() + "Command")).isEqualTo("Device.Reboot()");
        Transaction del = m.begin();
        assertThatThrownBy(() -> del.delete(r.instancePath())).extracting("errorCode").isEqualTo(ErrorCode.DELETE_FAILURE);
        del.remove(r.instancePath());
        del.commit();
        assertThat(m.view().object(r.instancePath())).isNull();
    }

    @Test
    void theAgentCreatesRowsWithGivenNumbersAndTheCounterStaysAhead() {
        Transaction tx = model.begin();
        AddResult third = tx.create("Device.LocalAgent.Controller.", 3, Map.of("EndpointID", "proto::c3"));
        AddResult first = tx.create("Device.LocalAgent.Controller.", 1, Map.of("EndpointID", "proto::c1"));
        assertThatThrownBy(() -> tx.create("Device.LocalAgent.Controller.", 3, Map.of("EndpointID", "proto::again")))
                .isInstanceOf(TransactionException.class).extracting("errorCode").isEqualTo(ErrorCode.OBJECT_NOT_CREATED);
        assertThatThrownBy(() -> tx.create("Device.LocalAgent.Controller.", 0, Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
        AddResult next = tx.create("Device.LocalAgent.Controller.", Map.of("EndpointID", "proto::c4"));
        AddResult boot = tx.create(first.instancePath() + "BootParameter.", 7, Map.of("ParameterName", "Device.DeviceInfo.UpTime"));
        tx.commit();
        assertThat(third.instancePath()).isEqualTo("Device.LocalAgent.Controller.3.");
        assertThat(first.instancePath()).isEqualTo("Device.LocalAgent.Controller.1.");
        assertThat(next.instancePath()).isEqualTo("Device.LocalAgent.Controller.4.");
        assertThat(boot.instancePath()).isEqualTo("Device.LocalAgent.Controller.1.BootParameter.7.");
        assertThat(first.uniqueKeys()).containsEntry("Alias", "cpe-1");
        assertThat(model.view().value("Device.LocalAgent.Controller.3.EndpointID")).isEqualTo("proto::c3");

        Transaction inUse = model.begin();
        assertThatThrownBy(() -> inUse.create("Device.LocalAgent.Controller.", 1, Map.of("EndpointID", "proto::x")))
                .extracting("errorCode").isEqualTo(ErrorCode.OBJECT_NOT_CREATED);
        inUse.remove("Device.LocalAgent.Controller.4.");
        // A number this transaction deletes is still taken until it commits.
        assertThatThrownBy(() -> inUse.create("Device.LocalAgent.Controller.", 4, Map.of("EndpointID", "proto::x")))
                .extracting("errorCode").isEqualTo(ErrorCode.OBJECT_NOT_CREATED);
        AddResult two = inUse.create("Device.LocalAgent.Controller.", 2, Map.of("EndpointID", "proto::c2"));
        inUse.commit();
        assertThat(two.instancePath()).isEqualTo("Device.LocalAgent.Controller.2.");

        // The counter is stored: a model built again on the same storage goes on after the largest number.
        DataModel again = build(storage);
        Transaction later = again.begin();
        assertThat(later.create("Device.LocalAgent.Controller.", Map.of("EndpointID", "proto::c5")).instancePath())
                .isEqualTo("Device.LocalAgent.Controller.5.");
        later.commit();
        assertThat(again.view().value("Device.LocalAgent.Controller.2.EndpointID")).isEqualTo("proto::c2");
    }

    @Test
    void aRefusedCreateWithANumberLeavesTheCounterAsItWas() {
        Transaction tx = model.begin();
        assertThatThrownBy(() -> tx.create("Device.LocalAgent.Controller.", 9, Map.of("NoSuch", "x")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(tx.create("Device.LocalAgent.Controller.", Map.of("EndpointID", "proto::a")).instancePath())
                .isEqualTo("Device.LocalAgent.Controller.1.");
        tx.commit();
    }

    @Test
    void oneTransactionAtATime() {
        model.begin();
        assertThatThrownBy(model::begin).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void deleteRemovesTheSubtreeAndClearsStrongReferences() {
        addController("ctrl-a");
        addController("ctrl-b");
        Transaction tx = model.begin();
        tx.add("Device.LocalAgent.Controller.1.BootParameter.", List.of(ParamSetting.of("ParameterName", "Device.X")));
        addSubscription(tx, "s").uniqueKeys();
        tx.set("Device.LocalAgent.", List.of(ParamSetting.of("Primary", "Device.LocalAgent.Controller.1")));
        tx.commit();
        Transaction internal = model.begin();
        internal.setInternal("Device.LocalAgent.Subscription.1.Recipient", "Device.LocalAgent.Controller.1");
        internal.commit();

        events.clear();
        Transaction del = model.begin();
        assertThat(del.delete("Device.LocalAgent.Controller.1.")).isEqualTo("Device.LocalAgent.Controller.1.");
        assertThat(del.view().value("Device.LocalAgent.Controller.1.EndpointID")).isNull();
        del.commit();
        assertThat(model.view().object("Device.LocalAgent.Controller.1.")).isNull();
        assertThat(model.view().value("Device.LocalAgent.Primary")).isEmpty();
        assertThat(model.view().value("Device.LocalAgent.Subscription.1.Recipient")).isEmpty();
        assertThat(events).contains(
                "deleted Device.LocalAgent.Controller.1.",
                "deleted Device.LocalAgent.Controller.1.BootParameter.1.",
                "value Device.LocalAgent.Primary=",
                "value Device.LocalAgent.ControllerNumberOfEntries=1");

        Transaction missing = model.begin();
        assertThatThrownBy(() -> missing.delete("Device.LocalAgent.Controller.1."))
                .extracting("errorCode").isEqualTo(ErrorCode.OBJECT_DOES_NOT_EXIST);
        assertThatThrownBy(() -> missing.delete("Device.DeviceInfo."))
                .extracting("errorCode").isEqualTo(ErrorCode.OBJECT_NOT_A_TABLE);
    }

    @Test
    void referencesWrittenWithKeysAreStoredWithNumbersAndDanglingStrongOnesFail() {
        addController("ctrl-a");
        addController("ctrl-b");
        Transaction tx = model.begin();
        tx.set("Device.LocalAgent.", List.of(ParamSetting.of("Primary", "Device.LocalAgent.Controller.[EndpointID==\"ctrl-b\"].")));
        tx.commit();
        assertThat(model.view().value("Device.LocalAgent.Primary")).isEqualTo("Device.LocalAgent.Controller.2.");

        Transaction bad = model.begin();
        bad.set("Device.LocalAgent.", List.of(ParamSetting.of("Primary", "Device.LocalAgent.Controller.9")));
        TransactionException e = org.junit.jupiter.api.Assertions.assertThrows(TransactionException.class, bad::commit);
        assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_VALUE);
        assertThat(e.paramErrors()).singleElement().extracting(ParamError::param).isEqualTo("Primary");
        assertThat(model.view().value("Device.LocalAgent.Primary")).isEqualTo("Device.LocalAgent.Controller.2.");
    }

    @Test
    void nonFunctionalKeysNeverChangeButFunctionalOnesMay() {
        Transaction tx = model.begin();
        addSubscription(tx, "add96");
        tx.commit();
        Transaction set = model.begin();
        SetResult r = set.set("Device.LocalAgent.Subscription.1.", List.of(
                ParamSetting.of("ID", "add96-NEW"), ParamSetting.of("Alias", "other")));
        assertThat(r.paramErrors()).extracting(ParamError::code)
                .containsExactly(ErrorCode.PARAMETER_READ_ONLY, ErrorCode.PARAMETER_READ_ONLY);
        set.rollback();
        addController("ctrl-a");
        Transaction functional = model.begin();
        assertThat(functional.set("Device.LocalAgent.Controller.1.", List.of(ParamSetting.of("EndpointID", "ctrl-z")))
                .paramErrors()).isEmpty();
        functional.commit();
    }

    @Test
    void firmwareRowsKeepTheirNumbersAsFirmwareChanges() {
        assertThat(model.view().value("Device.WiFi.SSID.1.Name")).isEqualTo("wl0");
        events.clear();
        radio.ssids.remove("wl0");
        radio.ssids.put("wl2", "iot");
        ModelView v = model.view();
        assertThat(v.value("Device.WiFi.SSID.1.Name")).isNull();
        assertThat(v.value("Device.WiFi.SSID.2.Name")).isEqualTo("wl1");
        assertThat(v.value("Device.WiFi.SSID.3.Name")).isEqualTo("wl2");
        assertThat(events).containsExactly("created Device.WiFi.SSID.3.", "deleted Device.WiFi.SSID.1.",
                "value Device.WiFi.SSIDNumberOfEntries=2");
        radio.ssids.put("wl0", "back");
        assertThat(model.view().value("Device.WiFi.SSID.4.Name")).isEqualTo("wl0");
    }

    @Test
    void firmwareSettersRunAtCommitAndRollBackWhenALaterOneFails() {
        Transaction tx = model.begin();
        tx.set("Device.WiFi.SSID.1.", List.of(ParamSetting.of("SSID", "home2")));
        tx.set("Device.WiFi.SSID.2.", List.of(ParamSetting.of("SSID", "bad")));
        assertThat(radio.calls).isEmpty();
        assertThat(tx.view().value("Device.WiFi.SSID.1.SSID")).isEqualTo("home2");
        radio.refuseSsid = "bad";
        TransactionException e = org.junit.jupiter.api.Assertions.assertThrows(TransactionException.class, tx::commit);
        assertThat(e.errorCode()).isEqualTo(ErrorCode.OBJECT_NOT_UPDATED);
        assertThat(e.path()).isEqualTo("Device.WiFi.SSID.2.");
        assertThat(radio.calls).containsExactly("ssid wl0=home2", "ssid wl0=home");
        assertThat(radio.ssids).containsEntry("wl0", "home").containsEntry("wl1", "guest");
    }

    @Test
    void changeHandlersValidateTheFinalStateApplyAndRollBack() {
        List<String> seen = new ArrayList<>();
        DataModel m = DataModel.builder(TestModel.schema())
                .bind("Device.LocalAgent.Subscription.{i}.", ObjectBinding.builder().onChange(new io.usp4j.datamodel.binding.ChangeHandler() {
                    @Override
                    public void validate(io.usp4j.datamodel.binding.ObjectChange change) {
                        if ("Event".equals(change.instance().value("NotifType"))
                                && change.instance().value("NotifRetry").equals("true")) {
                            throw new UspException(ErrorCode.VALUE_CONFLICT, "no retries for events");
                        }
                    }

                    @Override
                    public void apply(io.usp4j.datamodel.binding.ObjectChange change) {
                        seen.add("apply " + change.kind() + " " + change.instance().path() + " " + change.values().keySet());
                        if (change.kind() == io.usp4j.datamodel.binding.ObjectChange.Kind.UPDATE
                                && change.values().containsKey("NotifExpiration")) {
                            throw new IllegalStateException("no");
                        }
                    }

                    @Override
                    public void rollback(io.usp4j.datamodel.binding.ObjectChange change) {
                        seen.add("rollback " + change.kind() + " " + change.instance().path());
                    }
                }).build())
                .build();
        Transaction tx = m.begin();
        tx.add("Device.LocalAgent.Subscription.", List.of(ParamSetting.of("NotifType", "Event"), ParamSetting.of("ID", "1")));
        tx.commit();
        Transaction conflict = m.begin();
        conflict.set("Device.LocalAgent.Subscription.1.", List.of(ParamSetting.of("NotifRetry", "true")));
        assertThatThrownBy(conflict::commit).extracting("errorCode").isEqualTo(ErrorCode.VALUE_CONFLICT);
        Transaction two = m.begin();
        two.set("Device.LocalAgent.Subscription.1.", List.of(ParamSetting.of("Enable", "true")));
        two.set("Device.LocalAgent.Subscription.1.", List.of(ParamSetting.of("NotifExpiration", "5")));
        assertThatThrownBy(two::commit).extracting("errorCode").isEqualTo(ErrorCode.OBJECT_NOT_UPDATED);
        assertThat(m.view().value("Device.LocalAgent.Subscription.1.Enable")).isEqualTo("false");
        assertThat(seen).containsExactly(
                "apply ADD Device.LocalAgent.Subscription.1. [Alias, Enable, ID, Recipient, NotifType, NotifRetry, NotifExpiration]",
                "apply UPDATE Device.LocalAgent.Subscription.1. [Enable, NotifExpiration]");
    }

    @Test
    void firmwareTablesCreateAndDeleteRowsThroughTheRowSource() {
        Transaction tx = model.begin();
        AddResult r = tx.add("Device.WiFi.SSID.", List.of(ParamSetting.of("SSID", "new"), ParamSetting.of("Alias", "lab")));
        assertThat(radio.calls).isEmpty();
        tx.commit();
        assertThat(r.instancePath()).isEqualTo("Device.WiFi.SSID.3.");
        assertThat(radio.calls).containsExactly("create wl10");
        assertThat(model.view().value("Device.WiFi.SSID.3.Name")).isEqualTo("wl10");
        assertThat(model.view().value("Device.WiFi.SSID.3.Alias")).isEqualTo("lab");
        Transaction del = model.begin();
        del.delete("Device.WiFi.SSID.1.");
        del.commit();
        assertThat(radio.calls).containsExactly("create wl10", "delete wl0");
        assertThat(model.view().value("Device.WiFi.SSIDNumberOfEntries")).isEqualTo("2");
    }

    @Test
    void firmwareUpdatesOfStoredValuesAreStoredAndHeard() {
        model.update("Device.DeviceInfo.Status", "Up");
        model.update("Device.DeviceInfo.Status", "Up");
        assertThat(model.view().value("Device.DeviceInfo.Status")).isEqualTo("Up");
        assertThat(events).containsExactly("value Device.DeviceInfo.Status=Up");
        assertThatThrownBy(() -> model.update("Device.DeviceInfo.UpTime", 5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> model.update("Device.WiFi.SSID.1.Enable", "perhaps")).isInstanceOf(IllegalArgumentException.class);
        model.valueChanged("Device.DeviceInfo.UpTime", 4243L);
        assertThat(events).last().isEqualTo("value Device.DeviceInfo.UpTime=4243");
        assertThat(model.isPushed("Device.DeviceInfo.Status")).isTrue();
        assertThat(model.isPushed("Device.WiFi.SSIDNumberOfEntries")).isTrue();
        assertThat(model.isPushed("Device.DeviceInfo.UpTime")).isFalse();
        assertThat(model.isPushed("Device.WiFi.SSID.{i}.SSID")).isFalse();
    }

    @Test
    void eventsCarryFormattedArguments() {
        model.emit("Device.Boot!", Map.of("FirmwareUpdated", true));
        assertThat(events).containsExactly("event Device.Boot! {FirmwareUpdated=true}");
        assertThatThrownBy(() -> model.emit("Device.NoSuch!", Map.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void bindingsAreCheckedAgainstTheSchema() {
        assertThatThrownBy(() -> DataModel.builder(TestModel.schema())
                .bind("Device.DeviceInfo.", o -> o.getter("ProvisioningCode", i -> "x")).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no setter");
        assertThatThrownBy(() -> DataModel.builder(TestModel.schema())
                .bind("Device.DeviceInfo.", o -> o.getter("Nope", i -> "x")).build())
                .hasMessageContaining("no parameter Nope");
        assertThatThrownBy(() -> DataModel.builder(TestModel.schema())
                .bind("Device.DeviceInfo.", o -> o.rows(radio)).build())
                .hasMessageContaining("not a table");
        assertThatThrownBy(() -> DataModel.builder(TestModel.schema()).bind("Device.Nope.", ObjectBinding.none()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void firmwareReadFailuresAreInternalErrors() {
        DataModel m = DataModel.builder(TestModel.schema())
                .bind("Device.DeviceInfo.", o -> o.getter("UpTime", i -> {
                    throw new java.io.IOException("driver gone");
                }))
                .build();
        assertThatThrownBy(() -> m.view().value("Device.DeviceInfo.UpTime"))
                .isInstanceOf(UspException.class).extracting("errorCode").isEqualTo(ErrorCode.INTERNAL_ERROR);
    }
}
