package io.usp4j.datamodel.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.usp4j.core.value.ValueType;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class SupportedDataModelTest {

    private static SupportedDataModel sample() {
        ObjectDef device = ObjectDef.builder("Device.")
                .parameter(ParameterDef.readOnly("RootDataModelVersion", ValueType.STRING))
                .parameter(ParameterDef.readOnly("X_ACME_FooNumberOfEntries", ValueType.UNSIGNED_INT))
                .command(CommandDef.sync("Reboot()", Arguments.NONE, Arguments.NONE))
                .event(EventDef.of("Boot!", Arguments.of(ParameterDef.readOnly("Cause", ValueType.STRING))))
                .build();
        ObjectDef foo = ObjectDef.builder("Device.X_ACME_Foo.{i}.")
                .access(ObjectAccess.ADD_DELETE)
                .numEntriesParameter("X_ACME_FooNumberOfEntries")
                .parameter(ParameterDef.builder("Alias", Syntax.builder(ValueType.STRING).maxLength(64).build())
                        .access(ParameterAccess.WRITE_ONCE_READ_ONLY)
                        .build())
                .parameter(ParameterDef.readWrite("Enable", ValueType.BOOLEAN))
                .parameter(ParameterDef.readOnly("Name", ValueType.STRING))
                .uniqueKey(UniqueKey.nonFunctional("Alias"))
                .uniqueKey(UniqueKey.functional("Name"))
                .build();
        ObjectDef bar = ObjectDef.builder("Device.X_ACME_Foo.{i}.Bar.")
                .parameter(ParameterDef.readOnly("Level", ValueType.INT))
                .build();
        ObjectDef info = ObjectDef.builder("Device.DeviceInfo.")
                .parameter(ParameterDef.readOnly("UpTime", ValueType.UNSIGNED_INT))
                .build();
        return SupportedDataModel.builder().add(device).add(foo).add(bar).add(info).build();
    }

    @Test
    void looks_up_objects_parameters_commands_and_events_by_supported_path() {
        SupportedDataModel m = sample();

        assertThat(m.object("Device.X_ACME_Foo.{i}.")).get().extracting(ObjectDef::isMultiInstance).isEqualTo(true);
        assertThat(m.parameter("Device.X_ACME_Foo.{i}.Enable")).get()
                .extracting(ParameterDef::access).isEqualTo(ParameterAccess.READ_WRITE);
        assertThat(m.command("Device.Reboot()")).get().extracting(CommandDef::async).isEqualTo(false);
        assertThat(m.event("Device.Boot!")).get()
                .satisfies(e -> assertThat(e.arguments().parameter("Cause")).isPresent());
        assertThat(m.element("Device.X_ACME_Foo.{i}.Bar.Level")).get().isInstanceOf(ParameterDef.class);
        assertThat(m.parameter("Device.X_ACME_Foo.{i}.Missing")).isEmpty();
        assertThat(m.object("Device.Nothing.")).isEmpty();
    }

    @Test
    void accepts_instance_numbers_and_table_paths_without_placeholder() {
        SupportedDataModel m = sample();

        assertThat(m.parameter("Device.X_ACME_Foo.12.Bar.Level")).isPresent();
        assertThat(m.object("Device.X_ACME_Foo.")).get()
                .extracting(ObjectDef::path).isEqualTo("Device.X_ACME_Foo.{i}.");
        assertThat(SupportedDataModel.toSupportedPath("Device.WiFi.SSID.3.Stats.BytesSent"))
                .isEqualTo("Device.WiFi.SSID.{i}.Stats.BytesSent");
        assertThat(SupportedDataModel.toSupportedPath("Device.Reboot()")).isEqualTo("Device.Reboot()");
    }

    @Test
    void lists_children_in_insertion_order_and_counts_elements() {
        SupportedDataModel m = sample();

        assertThat(m.childObjects("Device.")).extracting(ObjectDef::path)
                .containsExactly("Device.X_ACME_Foo.{i}.", "Device.DeviceInfo.");
        assertThat(m.childObjects("Device.X_ACME_Foo.1.")).extracting(ObjectDef::name).containsExactly("Bar");
        assertThat(m.rootObjects()).extracting(ObjectDef::path).containsExactly("Device.");
        assertThat(m.object("Device.X_ACME_Foo.{i}.").get().parameters().keySet())
                .containsExactly("Alias", "Enable", "Name");
        assertThat(m.objectCount()).isEqualTo(4);
        assertThat(m.parameterCount()).isEqualTo(7);
        assertThat(m.commandCount()).isEqualTo(1);
        assertThat(m.eventCount()).isEqualTo(1);
    }

    @Test
    void select_keeps_ancestors_unique_keys_and_entry_counter() {
        SupportedDataModel m = sample().select(List.of("Device.X_ACME_Foo.{i}.Bar.", "Device.X_ACME_Foo.{i}.Enable"));

        assertThat(m.objects()).extracting(ObjectDef::path)
                .containsExactly("Device.", "Device.X_ACME_Foo.{i}.", "Device.X_ACME_Foo.{i}.Bar.");
        assertThat(m.object("Device.").get().parameters().keySet()).containsExactly("X_ACME_FooNumberOfEntries");
        assertThat(m.object("Device.").get().commands()).isEmpty();
        assertThat(m.object("Device.X_ACME_Foo.{i}.").get().parameters().keySet())
                .containsExactly("Alias", "Enable", "Name");
        assertThat(m.parameter("Device.X_ACME_Foo.{i}.Bar.Level")).isPresent();
    }

    @Test
    void select_of_a_command_keeps_only_that_command() {
        SupportedDataModel m = sample().select(List.of("Device.Reboot()"));

        assertThat(m.objects()).extracting(ObjectDef::path).containsExactly("Device.");
        assertThat(m.command("Device.Reboot()")).isPresent();
        assertThat(m.event("Device.Boot!")).isEmpty();
        assertThat(m.parameterCount()).isZero();
    }

    @Test
    void select_rejects_unknown_paths() {
        assertThatThrownBy(() -> sample().select(List.of("Device.Nope.")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Device.Nope.");
        assertThatThrownBy(() -> sample().select(List.of("Device.Nope()")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Device.Nope()");
    }

    @Test
    void vendor_objects_extend_a_model_through_to_builder() {
        SupportedDataModel m = sample().toBuilder()
                .add(ObjectDef.builder("Device.DeviceInfo.X_ACME_Temperature.")
                        .parameter(ParameterDef.builder("Value",
                                        Syntax.builder(ValueType.INT).range(NumericRange.of(-40L, 125L)).units("degrees")
                                                .build())
                                .build())
                        .build())
                .build();

        ParameterDef value = m.parameter("Device.DeviceInfo.X_ACME_Temperature.Value").orElseThrow();
        assertThat(value.syntax().units()).contains("degrees");
        assertThat(m.childObjects("Device.DeviceInfo.")).hasSize(1);
        assertThat(m.toBuilder().remove("Device.X_ACME_Foo.{i}.").build().object("Device.X_ACME_Foo.{i}.Bar."))
                .isEmpty();
    }

    /** A second model overlapping {@link #sample()}: Device. and the Foo table again, plus a new table. */
    private static SupportedDataModel overlay() {
        ObjectDef device = ObjectDef.builder("Device.")
                .parameter(ParameterDef.readOnly("X_ACME_FooNumberOfEntries", ValueType.UNSIGNED_LONG))
                .parameter(ParameterDef.readOnly("X_ACME_BazNumberOfEntries", ValueType.UNSIGNED_INT))
                .command(CommandDef.async("Reboot()", Arguments.NONE, Arguments.NONE))
                .command(CommandDef.sync("FactoryReset()", Arguments.NONE, Arguments.NONE))
                .event(EventDef.of("Boot!", Arguments.NONE))
                .version("2.19")
                .build();
        ObjectDef foo = ObjectDef.builder("Device.X_ACME_Foo.{i}.")
                .access(ObjectAccess.READ_ONLY)
                .entries(0, 8)
                .numEntriesParameter("X_ACME_FooNumberOfEntries")
                .enableParameter("Enable")
                .parameter(ParameterDef.readOnly("Other", ValueType.INT))
                .parameter(ParameterDef.readWrite("Name", ValueType.STRING))
                .parameter(ParameterDef.readOnly("Extra", ValueType.BOOLEAN))
                .uniqueKey(UniqueKey.functional("Extra"))
                .build();
        ObjectDef baz = ObjectDef.builder("Device.X_ACME_Baz.{i}.")
                .numEntriesParameter("X_ACME_BazNumberOfEntries")
                .parameter(ParameterDef.readOnly("Id", ValueType.STRING))
                .build();
        return SupportedDataModel.builder().add(device).add(foo).add(baz).build();
    }

    @Test
    void merge_adds_objects_the_builder_lacks_after_its_own() {
        SupportedDataModel base = sample();
        SupportedDataModel other = overlay();
        SupportedDataModel m = base.toBuilder().merge(other).build();

        assertThat(m.objects()).extracting(ObjectDef::path).containsExactly(
                "Device.", "Device.X_ACME_Foo.{i}.", "Device.X_ACME_Foo.{i}.Bar.", "Device.DeviceInfo.",
                "Device.X_ACME_Baz.{i}.");
        assertThat(m.object("Device.X_ACME_Baz.{i}.").orElseThrow())
                .isSameAs(other.object("Device.X_ACME_Baz.{i}.").orElseThrow());
        assertThat(m.object("Device.DeviceInfo.").orElseThrow())
                .isSameAs(base.object("Device.DeviceInfo.").orElseThrow());
    }

    @Test
    void merge_unites_elements_of_shared_objects_and_other_wins_by_name() {
        SupportedDataModel m = sample().toBuilder().merge(overlay()).build();

        ObjectDef device = m.object("Device.").orElseThrow();
        assertThat(device.parameters().keySet()).containsExactly(
                "RootDataModelVersion", "X_ACME_FooNumberOfEntries", "X_ACME_BazNumberOfEntries");
        assertThat(device.parameter("X_ACME_FooNumberOfEntries").orElseThrow().type())
                .isEqualTo(ValueType.UNSIGNED_LONG);
        assertThat(device.commands().keySet()).containsExactly("Reboot()", "FactoryReset()");
        assertThat(device.command("Reboot()").orElseThrow().async()).isTrue();
        assertThat(device.event("Boot!").orElseThrow().arguments().isEmpty()).isTrue();
        assertThat(m.parameterCount()).isEqualTo(sample().parameterCount() + 1 + 2 + 1);
        assertThat(m.commandCount()).isEqualTo(2);

        ObjectDef foo = m.object("Device.X_ACME_Foo.{i}.").orElseThrow();
        assertThat(foo.parameters().keySet()).containsExactly("Alias", "Enable", "Name", "Other", "Extra");
        assertThat(foo.parameter("Name").orElseThrow().access()).isEqualTo(ParameterAccess.READ_WRITE);
        assertThat(foo.parameter("Alias").orElseThrow().access()).isEqualTo(ParameterAccess.WRITE_ONCE_READ_ONLY);
    }

    @Test
    void merge_keeps_this_builders_object_settings_and_fills_only_absent_ones() {
        SupportedDataModel m = sample().toBuilder().merge(overlay()).build();

        ObjectDef foo = m.object("Device.X_ACME_Foo.{i}.").orElseThrow();
        assertThat(foo.access()).isEqualTo(ObjectAccess.ADD_DELETE);
        assertThat(foo.maxEntries()).isEqualTo(ObjectDef.UNBOUNDED);
        assertThat(foo.numEntriesParameter()).contains("X_ACME_FooNumberOfEntries");
        assertThat(foo.uniqueKeys()).containsExactly(UniqueKey.nonFunctional("Alias"), UniqueKey.functional("Name"));
        assertThat(foo.enableParameter()).contains("Enable");
        assertThat(m.object("Device.").orElseThrow().version()).contains("2.19");

        SupportedDataModel reverse = overlay().toBuilder().merge(sample()).build();
        ObjectDef foo2 = reverse.object("Device.X_ACME_Foo.{i}.").orElseThrow();
        assertThat(foo2.access()).isEqualTo(ObjectAccess.READ_ONLY);
        assertThat(foo2.maxEntries()).isEqualTo(8);
        assertThat(foo2.enableParameter()).contains("Enable");
        assertThat(foo2.uniqueKeys()).containsExactly(UniqueKey.functional("Extra"));
        assertThat(foo2.parameters().keySet()).containsExactly("Other", "Name", "Extra", "Alias", "Enable");
        assertThat(foo2.parameter("Name").orElseThrow().access()).isEqualTo(ParameterAccess.READ_ONLY);
    }

    @Test
    void merge_into_an_empty_builder_copies_and_merging_a_model_into_itself_changes_nothing() {
        SupportedDataModel base = sample();

        assertThat(SupportedDataModel.builder().merge(base).build().objects())
                .containsExactlyElementsOf(base.objects());
        SupportedDataModel twice = base.toBuilder().merge(base).build();
        assertThat(twice.objects()).extracting(ObjectDef::path)
                .containsExactlyElementsOf(base.objects().stream().map(ObjectDef::path).toList());
        for (ObjectDef o : base.objects()) {
            ObjectDef t = twice.object(o.path()).orElseThrow();
            assertThat(t.parameters()).isEqualTo(o.parameters());
            assertThat(t.commands()).isEqualTo(o.commands());
            assertThat(t.events()).isEqualTo(o.events());
            assertThat(t.uniqueKeys()).isEqualTo(o.uniqueKeys());
            assertThat(t.numEntriesParameter()).isEqualTo(o.numEntriesParameter());
        }
        assertThat(twice.parameterCount()).isEqualTo(base.parameterCount());
    }

    @Test
    void builders_reject_inconsistent_definitions() {
        assertThatThrownBy(() -> SupportedDataModel.builder()
                        .add(ObjectDef.builder("Device.WiFi.").build()).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("parent Device.");
        assertThatThrownBy(() -> ObjectDef.builder("Device.T.{i}.").uniqueKey(UniqueKey.functional("Name")).build())
                .hasMessageContaining("unknown parameter Name");
        assertThatThrownBy(() -> ObjectDef.builder("Device.S.").access(ObjectAccess.ADD_DELETE).build())
                .hasMessageContaining("must be read-only");
        assertThatThrownBy(() -> ObjectDef.builder("Device..")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ObjectDef.builder("{i}.Device.")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ObjectDef.builder("Device.X").build()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ParameterDef.readOnly("1abc", ValueType.INT))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CommandDef.sync("Reboot", Arguments.NONE, Arguments.NONE))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ObjectDef.builder("Device.")
                        .parameter(ParameterDef.readOnly("A", ValueType.INT))
                        .parameter(ParameterDef.readOnly("A", ValueType.INT)))
                .hasMessageContaining("defined twice");
        assertThatThrownBy(() -> SupportedDataModel.builder()
                        .add(ObjectDef.builder("Device.").build())
                        .add(ObjectDef.builder("Device.T.{i}.").numEntriesParameter("TNumberOfEntries").build())
                        .build())
                .hasMessageContaining("TNumberOfEntries");
    }

    @Test
    void numeric_ranges_check_bounds_and_step() {
        NumericRange r = new NumericRange(BigDecimal.valueOf(10), BigDecimal.valueOf(20), BigDecimal.valueOf(5));

        assertThat(r.contains(BigDecimal.valueOf(15))).isTrue();
        assertThat(r.contains(BigDecimal.valueOf(16))).isFalse();
        assertThat(r.contains(BigDecimal.valueOf(25))).isFalse();
        assertThat(NumericRange.of(null, 3L).contains(BigDecimal.valueOf(-1000))).isTrue();
        assertThatThrownBy(() -> NumericRange.of(5L, 1L)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new SizeRange(2, 4).contains(5)).isFalse();
    }

    @Test
    void equal_syntaxes_are_equal_and_access_maps_to_usp_numbers() {
        Syntax a = Syntax.builder(ValueType.STRING).maxLength(32).enumeration("A", "B").build();
        Syntax b = Syntax.builder(ValueType.STRING).maxLength(32).enumeration("A", "B").build();

        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a.maxLength()).hasValue(32);
        assertThat(a.toBuilder().maxLength(64).build().maxLength()).hasValue(64);
        assertThat(ParameterAccess.WRITE_ONCE_READ_ONLY.protoNumber()).isEqualTo(1);
        assertThat(ObjectAccess.DELETE_ONLY.protoNumber()).isEqualTo(3);
        assertThat(ObjectAccess.ADD_ONLY.canDelete()).isFalse();
    }
}
