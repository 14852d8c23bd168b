package io.usp4j.datamodel.binding;

import io.usp4j.datamodel.schema.CommandDef;
import java.util.Map;
import java.util.Objects;

/**
 * One invocation of a command, as its {@link CommandHandler} receives it.
 *
 * @param path the command path with instance numbers ({@code Device.WiFi.Radio.1.Reset()})
 * @param definition the command's definition
 * @param instance the object the command runs on
 * @param input the input arguments, validated against their definitions, canonical, with defaults filled in
 *     for omitted optional arguments and unknown arguments dropped (R-OPR.5–7)
 * @param commandKey the Controller's {@code command_key}, possibly empty
 */
public record CommandCall(
        String path, CommandDef definition, ObjectInstance instance, Map<String, String> input, String commandKey) {

    public CommandCall {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(definition, "definition");
        Objects.requireNonNull(instance, "instance");
        input = Map.copyOf(input);
        Objects.requireNonNull(commandKey, "commandKey");
    }
}
