package io.usp4j.controller;

import io.usp4j.agent.UspAgent;
import io.usp4j.core.value.ValueType;
import io.usp4j.datamodel.schema.Arguments;
import io.usp4j.datamodel.schema.CommandDef;
import io.usp4j.datamodel.schema.ObjectAccess;
import io.usp4j.datamodel.schema.ObjectDef;
import io.usp4j.datamodel.schema.ParameterDef;
import io.usp4j.datamodel.schema.SupportedDataModel;
import java.util.Map;

/**
 * The agent side of the tests: a real {@link UspAgent} with a small vendor model — {@code Device.X_TEST_Box.}
 * (writable {@code Name}, a sync command {@code Echo(Text)} answering {@code Text} back) and a writable table
 * {@code Device.X_TEST_Box.Item.{i}.} ({@code Label}) — and a {@code Device.LocalAgent.Controller.} entry for
 * the test controller, so that its subscriptions have a Recipient.
 */
public final class TestGateway {
    /** The agent's Endpoint ID. */
    public static final String AGENT_ID = "proto::gw-under-test";
    /** The controller's Endpoint ID. */
    public static final String CONTROLLER_ID = "proto::ctl-under-test";

    private TestGateway() {}

    /** The vendor part of the model. */
    public static SupportedDataModel model() {
        return SupportedDataModel.builder()
                .add(ObjectDef.builder("Device.").build())
                .add(ObjectDef.builder("Device.X_TEST_Box.")
                        .parameter(ParameterDef.readWrite("Name", ValueType.STRING))
                        .command(CommandDef.sync("Echo()", Arguments.of(ParameterDef.readWrite("Text", ValueType.STRING)),
                                Arguments.of(ParameterDef.readOnly("Text", ValueType.STRING))))
                        .build())
                .add(ObjectDef.builder("Device.X_TEST_Box.Item.{i}.")
                        .access(ObjectAccess.ADD_DELETE)
                        .parameter(ParameterDef.readWrite("Label", ValueType.STRING))
                        .build())
                .build();
    }

    /** Adds the model, the Echo() binding and the controller's entry to an agent's builder. */
    public static UspAgent.Builder configure(UspAgent.Builder b) {
        return configure(b, CONTROLLER_ID);
    }

    /** Adds the model, the Echo() binding and an enabled Controller entry for each of the Endpoint IDs. */
    public static UspAgent.Builder configure(UspAgent.Builder b, String... controllerIds) {
        return b.supportedDataModel(model())
                .bind("Device.X_TEST_Box.", o -> o.syncCommand("Echo()", call -> Map.of("Text", call.input().getOrDefault("Text", ""))))
                .factoryDefaults(tx -> {
                    for (String id : controllerIds) {
                        tx.create("Device.LocalAgent.Controller.", Map.of("EndpointID", id, "Enable", "true"));
                    }
                });
    }
}
