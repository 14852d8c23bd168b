package io.usp4j.agent.message;

import io.usp4j.agent.testing.TestController;
import io.usp4j.core.proto.msg.Get;
import io.usp4j.core.proto.msg.GetInstances;
import io.usp4j.core.proto.msg.GetSupportedDM;
import io.usp4j.core.proto.msg.Header;
import io.usp4j.core.proto.msg.Msg;
import io.usp4j.core.proto.msg.Request;
import io.usp4j.core.value.ValueType;
import io.usp4j.datamodel.instance.ParamSetting;
import io.usp4j.datamodel.instance.Transaction;
import io.usp4j.datamodel.schema.ActiveNotify;
import io.usp4j.datamodel.schema.ArgumentObjectDef;
import io.usp4j.datamodel.schema.Arguments;
import io.usp4j.datamodel.schema.CommandDef;
import io.usp4j.datamodel.schema.EventDef;
import io.usp4j.datamodel.schema.ListFacet;
import io.usp4j.datamodel.schema.ObjectAccess;
import io.usp4j.datamodel.schema.ObjectDef;
import io.usp4j.datamodel.schema.ParameterAccess;
import io.usp4j.datamodel.schema.ParameterDef;
import io.usp4j.datamodel.schema.PathReference;
import io.usp4j.datamodel.schema.SupportedDataModel;
import io.usp4j.datamodel.schema.Syntax;
import io.usp4j.datamodel.schema.UniqueKey;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Shared set-up of the Get, GetInstances and GetSupportedDM tests: an agent with its own model plus a small
 * vendor model, a fixed clock, and helpers that create rows through transactions on the agent thread.
 *
 * <p>The vendor model, under {@value #V}:
 * <pre>
 * Device.X_TEST_Vendor.                  Name, Secret (secured), Hidden (hidden), Key (write-only),
 *                                        Broken (firmware getter that fails while {@link #broken} is set),
 *                                        Counter (activeNotify canDeny), Peer (reference to Outer rows),
 *                                        OuterNumberOfEntries, Tags (list of unsignedInt),
 *                                        Serial (writeOnceReadOnly); Scan() async; Alarm! event
 * Device.X_TEST_Vendor.Empty.            no parameters
 * Device.X_TEST_Vendor.Outer.{i}.        Alias, Name, Enable; keys {Name} functional, {Alias}
 * Device.X_TEST_Vendor.Outer.{i}.Stats.  Count
 * Device.X_TEST_Vendor.Outer.{i}.Stats.Sample.{i}.  Value (no keys)
 * Device.X_TEST_Vendor.Outer.{i}.Inner.{i}.         Name, Token (secured); key {Name}
 * </pre>
 */
final class GetTestSupport implements AutoCloseable {
    static final String V = "Device.X_TEST_Vendor.";
    static final String LA = "Device.LocalAgent.";
    static final String CTRL_PATH = "Device.LocalAgent.Controller.1";
    static final Instant NOW = Instant.parse("2024-05-01T12:00:00Z");

    final TestController controller;
    /** While true, reading {@code Device.X_TEST_Vendor.Broken} fails in firmware. */
    final AtomicBoolean broken = new AtomicBoolean();

    private GetTestSupport() {
        controller = TestController.start(b -> b
                .clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .supportedDataModel(vendorModel())
                .bind(V, vb -> vb
                        .constant("Name", "vendor")
                        .constant("Counter", 42L)
                        .getter("Broken", i -> {
                            if (broken.get()) {
                                throw new IOException("bus error");
                            }
                            return "fine";
                        })));
    }

    /** Starts an agent with the vendor model and one Controller entry (this test controller). */
    static GetTestSupport start() {
        GetTestSupport s = new GetTestSupport();
        s.tx(tx -> tx.add(LA + "Controller.", List.of(
                ParamSetting.of("EndpointID", TestController.CONTROLLER_ID),
                ParamSetting.of("Alias", "ctrl"),
                ParamSetting.of("Enable", "true"))));
        return s;
    }

    static SupportedDataModel vendorModel() {
        ParameterDef alias = ParameterDef.readWrite("Alias", ValueType.STRING);
        ParameterDef name = ParameterDef.readWrite("Name", ValueType.STRING);
        return SupportedDataModel.builder()
                .add(ObjectDef.builder("Device.").build())
                .add(ObjectDef.builder(V)
                        .parameter(ParameterDef.readOnly("Name", ValueType.STRING))
                        .parameter(ParameterDef.builder("Secret", Syntax.builder(ValueType.STRING).secured(true).build())
                                .access(ParameterAccess.READ_WRITE).build())
                        .parameter(ParameterDef.builder("Hidden", Syntax.builder(ValueType.STRING).hidden(true).build())
                                .access(ParameterAccess.READ_WRITE).build())
                        .parameter(ParameterDef.builder("Key", Syntax.of(ValueType.HEX_BINARY))
                                .access(ParameterAccess.WRITE_ONLY).build())
                        .parameter(ParameterDef.readOnly("Broken", ValueType.STRING))
                        .parameter(ParameterDef.builder("Counter", Syntax.of(ValueType.UNSIGNED_INT))
                                .activeNotify(ActiveNotify.CAN_DENY).build())
                        .parameter(ParameterDef.builder("Peer", Syntax.builder(ValueType.STRING)
                                        .reference(PathReference.toRows(PathReference.RefType.WEAK, V + "Outer.")).build())
                                .access(ParameterAccess.READ_WRITE).build())
                        .parameter(ParameterDef.readOnly("OuterNumberOfEntries", ValueType.UNSIGNED_INT))
                        .parameter(ParameterDef.builder("Tags", Syntax.builder(ValueType.UNSIGNED_INT)
                                .list(ListFacet.UNBOUNDED).build()).access(ParameterAccess.READ_WRITE).build())
                        .parameter(ParameterDef.builder("Serial", Syntax.of(ValueType.STRING))
                                .access(ParameterAccess.WRITE_ONCE_READ_ONLY).build())
                        .command(CommandDef.async("Scan()",
                                new Arguments(List.of(ParameterDef.builder("Band", Syntax.of(ValueType.STRING))
                                        .mandatory(true).build()), List.of()),
                                new Arguments(List.of(ParameterDef.readOnly("Status", ValueType.STRING)),
                                        List.of(new ArgumentObjectDef("Result.{i}.", 0, ObjectDef.UNBOUNDED, List.of(
                                                ParameterDef.readOnly("SSID", ValueType.STRING),
                                                ParameterDef.readOnly("Channel", ValueType.UNSIGNED_INT)))))))
                        .event(EventDef.of("Alarm!", Arguments.of(ParameterDef.readOnly("Level", ValueType.INT))))
                        .build())
                .add(ObjectDef.builder(V + "Empty.").build())
                .add(ObjectDef.builder(V + "Outer.{i}.")
                        .access(ObjectAccess.ADD_DELETE)
                        .numEntriesParameter("OuterNumberOfEntries")
                        .uniqueKey(UniqueKey.functional("Name"))
                        .uniqueKey(UniqueKey.nonFunctional("Alias"))
                        .parameter(alias)
                        .parameter(name)
                        .parameter(ParameterDef.readWrite("Enable", ValueType.BOOLEAN))
                        .build())
                .add(ObjectDef.builder(V + "Outer.{i}.Stats.")
                        .parameter(ParameterDef.readOnly("Count", ValueType.UNSIGNED_INT))
                        .build())
                .add(ObjectDef.builder(V + "Outer.{i}.Stats.Sample.{i}.")
                        .access(ObjectAccess.ADD_DELETE)
                        .parameter(ParameterDef.readWrite("Value", ValueType.INT))
                        .build())
                .add(ObjectDef.builder(V + "Outer.{i}.Inner.{i}.")
                        .access(ObjectAccess.ADD_DELETE)
                        .uniqueKey(UniqueKey.functional("Name"))
                        .parameter(name)
                        .parameter(ParameterDef.builder("Token", Syntax.builder(ValueType.STRING).secured(true).build())
                                .access(ParameterAccess.READ_WRITE).build())
                        .build())
                .build();
    }

    /** A step of a transaction. */
    @FunctionalInterface
    interface TxStep {
        void apply(Transaction tx);
    }

    /** Runs {@code step} in a transaction on the agent thread and commits it. */
    void tx(TxStep step) {
        controller.onAgent(() -> {
            Transaction tx = controller.agent().dataModel().begin();
            try {
                step.apply(tx);
                tx.commit();
            } finally {
                if (tx.isOpen()) {
                    tx.rollback();
                }
            }
            return null;
        });
    }

    /** Adds a Subscription of this controller with the given settings (name, value pairs). */
    String addSubscription(String... nameValues) {
        List<String> path = new ArrayList<>();
        tx(tx -> path.add(tx.add(LA + "Subscription.", settings(nameValues), Map.of("Recipient", CTRL_PATH))
                .instancePath()));
        return path.get(0);
    }

    /** Adds a row to a table (instance-number path) with the given settings (name, value pairs). */
    String add(String table, String... nameValues) {
        List<String> path = new ArrayList<>();
        tx(tx -> path.add(tx.add(table, settings(nameValues)).instancePath()));
        return path.get(0);
    }

    /** Sets parameters of an object (instance-number path) to the given values (name, value pairs). */
    void set(String object, String... nameValues) {
        tx(tx -> tx.set(object, settings(nameValues)));
    }

    static List<ParamSetting> settings(String... nameValues) {
        List<ParamSetting> out = new ArrayList<>();
        for (int i = 0; i < nameValues.length; i += 2) {
            out.add(ParamSetting.of(nameValues[i], nameValues[i + 1]));
        }
        return out;
    }

    /** An ordered map of name, value pairs. */
    static Map<String, String> map(String... nameValues) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < nameValues.length; i += 2) {
            out.put(nameValues[i], nameValues[i + 1]);
        }
        return out;
    }

    /** The names of the parameters the Supported Data Model gives the object at an instantiated path. */
    java.util.Set<String> parameterNames(String objectPath) {
        return controller.agent().dataModel().supported().object(objectPath).orElseThrow().parameters().keySet();
    }

    /** Sends a Get and returns the Message that comes back, checked to be a GET_RESP. */
    Msg get(long maxDepth, String... paths) {
        Msg answer = controller.send(Request.newBuilder()
                .setGet(Get.newBuilder().addAllParamPaths(List.of(paths)).setMaxDepth((int) maxDepth)).build());
        if (answer.getHeader().getMsgType() != Header.MsgType.GET_RESP) {
            throw new AssertionError("expected a GET_RESP, got " + answer);
        }
        return answer;
    }

    /** Sends a GetInstances and returns the answer, checked to be a GET_INSTANCES_RESP. */
    Msg getInstances(boolean firstLevelOnly, String... paths) {
        Msg answer = controller.send(Request.newBuilder().setGetInstances(
                GetInstances.newBuilder().addAllObjPaths(List.of(paths)).setFirstLevelOnly(firstLevelOnly)).build());
        if (answer.getHeader().getMsgType() != Header.MsgType.GET_INSTANCES_RESP) {
            throw new AssertionError("expected a GET_INSTANCES_RESP, got " + answer);
        }
        return answer;
    }

    /** Sends a GetSupportedDM and returns the answer, checked to be a GET_SUPPORTED_DM_RESP. */
    Msg getSupportedDm(GetSupportedDM.Builder request) {
        Msg answer = controller.send(Request.newBuilder().setGetSupportedDm(request).build());
        if (answer.getHeader().getMsgType() != Header.MsgType.GET_SUPPORTED_DM_RESP) {
            throw new AssertionError("expected a GET_SUPPORTED_DM_RESP, got " + answer);
        }
        return answer;
    }

    @Override
    public void close() {
        controller.close();
    }
}
