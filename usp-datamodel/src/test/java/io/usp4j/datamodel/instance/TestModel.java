package io.usp4j.datamodel.instance;

import io.usp4j.core.value.ValueType;
import io.usp4j.datamodel.schema.Arguments;
import io.usp4j.datamodel.schema.CommandDef;
import io.usp4j.datamodel.schema.DefaultValue;
import io.usp4j.datamodel.schema.EventDef;
import io.usp4j.datamodel.schema.ObjectAccess;
import io.usp4j.datamodel.schema.ObjectDef;
import io.usp4j.datamodel.schema.ParameterAccess;
import io.usp4j.datamodel.schema.ParameterDef;
import io.usp4j.datamodel.schema.PathReference;
import io.usp4j.datamodel.schema.SupportedDataModel;
import io.usp4j.datamodel.schema.Syntax;
import io.usp4j.datamodel.schema.UniqueKey;
import java.util.List;

/** A small Supported Data Model shaped like the parts of TR-181 the tests need. */
final class TestModel {
    private TestModel() {}

    static ParameterDef rw(String name, Syntax syntax) {
        return ParameterDef.builder(name, syntax).access(ParameterAccess.READ_WRITE).build();
    }

    static ParameterDef rw(String name, ValueType type) {
        return ParameterDef.readWrite(name, type);
    }

    static ParameterDef ro(String name, ValueType type) {
        return ParameterDef.readOnly(name, type);
    }

    static Syntax alias() {
        return Syntax.builder(ValueType.STRING).dataType("Alias").maxLength(64).build();
    }

    static PathReference strongRef(String target) {
        return new PathReference(PathReference.Form.PATH, PathReference.RefType.STRONG, List.of(target),
                PathReference.TargetType.ROW, "any");
    }

    static SupportedDataModel schema() {
        return SupportedDataModel.builder()
                .add(ObjectDef.builder("Device.")
                        .parameter(ro("RootDataModelVersion", ValueType.STRING))
                        .command(CommandDef.sync("Reboot()", Arguments.NONE, Arguments.NONE))
                        .command(CommandDef.async("SelfTest()",
                                Arguments.of(
                                        ParameterDef.builder("Level", Syntax.of(ValueType.UNSIGNED_INT)).mandatory(true).build(),
                                        ParameterDef.builder("Mode", Syntax.builder(ValueType.STRING)
                                                .defaultValue(new DefaultValue(DefaultValue.Kind.OBJECT, "quick")).build()).build()),
                                Arguments.of(ro("Result", ValueType.STRING), ro("Score", ValueType.INT))))
                        .event(EventDef.of("Boot!", Arguments.of(ro("Cause", ValueType.STRING), ro("FirmwareUpdated", ValueType.BOOLEAN))))
                        .build())
                .add(ObjectDef.builder("Device.DeviceInfo.")
                        .parameter(ro("Manufacturer", ValueType.STRING))
                        .parameter(ro("UpTime", ValueType.UNSIGNED_INT))
                        .parameter(ro("SoftwareVersion", ValueType.STRING))
                        .parameter(ro("HardwareVersion", ValueType.STRING))
                        .parameter(rw("ProvisioningCode", Syntax.builder(ValueType.STRING).maxLength(64).build()))
                        .parameter(ro("Status", ValueType.STRING))
                        .parameter(ParameterDef.builder("SerialToken", Syntax.of(ValueType.STRING))
                                .access(ParameterAccess.WRITE_ONCE_READ_ONLY).build())
                        .build())
                .add(ObjectDef.builder("Device.WiFi.")
                        .parameter(ro("SSIDNumberOfEntries", ValueType.UNSIGNED_INT))
                        .build())
                .add(ObjectDef.builder("Device.WiFi.SSID.{i}.")
                        .access(ObjectAccess.ADD_DELETE)
                        .numEntriesParameter("SSIDNumberOfEntries")
                        .parameter(rw("Alias", alias()))
                        .parameter(ro("Name", ValueType.STRING))
                        .parameter(rw("SSID", Syntax.builder(ValueType.STRING).maxLength(32).build()))
                        .parameter(rw("Enable", ValueType.BOOLEAN))
                        .uniqueKey(UniqueKey.nonFunctional("Alias"))
                        .uniqueKey(UniqueKey.functional("Name"))
                        .command(CommandDef.sync("Reset()", Arguments.NONE, Arguments.NONE))
                        .build())
                .add(ObjectDef.builder("Device.LocalAgent.")
                        .parameter(ro("ControllerNumberOfEntries", ValueType.UNSIGNED_INT))
                        .parameter(ro("SubscriptionNumberOfEntries", ValueType.UNSIGNED_INT))
                        .parameter(rw("Primary", Syntax.builder(ValueType.STRING)
                                .reference(strongRef("Device.LocalAgent.Controller.")).build()))
                        .build())
                .add(ObjectDef.builder("Device.LocalAgent.Controller.{i}.")
                        .access(ObjectAccess.ADD_DELETE)
                        .numEntriesParameter("ControllerNumberOfEntries")
                        .parameter(rw("Alias", alias()))
                        .parameter(rw("EndpointID", ValueType.STRING))
                        .parameter(rw("Enable", ValueType.BOOLEAN))
                        .parameter(ro("BootParameterNumberOfEntries", ValueType.UNSIGNED_INT))
                        .uniqueKey(UniqueKey.functional("EndpointID"))
                        .uniqueKey(UniqueKey.nonFunctional("Alias"))
                        .build())
                .add(ObjectDef.builder("Device.LocalAgent.Controller.{i}.BootParameter.{i}.")
                        .access(ObjectAccess.ADD_DELETE)
                        .numEntriesParameter("BootParameterNumberOfEntries")
                        .parameter(rw("Alias", alias()))
                        .parameter(rw("ParameterName", ValueType.STRING))
                        .parameter(rw("Enable", ValueType.BOOLEAN))
                        .uniqueKey(UniqueKey.nonFunctional("Alias"))
                        .uniqueKey(UniqueKey.functional("ParameterName"))
                        .build())
                .add(ObjectDef.builder("Device.LocalAgent.Subscription.{i}.")
                        .access(ObjectAccess.ADD_DELETE)
                        .numEntriesParameter("SubscriptionNumberOfEntries")
                        .parameter(rw("Alias", alias()))
                        .parameter(rw("Enable", ValueType.BOOLEAN))
                        .parameter(rw("ID", ValueType.STRING))
                        .parameter(ParameterDef.builder("Recipient", Syntax.builder(ValueType.STRING)
                                .reference(strongRef("Device.LocalAgent.Controller.")).build()).build())
                        .parameter(rw("NotifType", Syntax.builder(ValueType.STRING)
                                .enumeration("ValueChange", "ObjectCreation", "ObjectDeletion", "OperationComplete", "Event").build()))
                        .parameter(rw("NotifRetry", ValueType.BOOLEAN))
                        .parameter(rw("NotifExpiration", ValueType.UNSIGNED_INT))
                        .uniqueKey(UniqueKey.nonFunctional("Alias"))
                        .uniqueKey(UniqueKey.nonFunctional("Recipient", "ID"))
                        .build())
                .build();
    }
}
