package io.usp4j.datamodel.schema;

import java.util.Optional;

/**
 * A definition in the Supported Data Model: an object, a parameter, a command or an event.
 * Implementations are immutable and thread-safe.
 */
public sealed interface ElementDef permits ObjectDef, ParameterDef, CommandDef, EventDef {

    /**
     * The name as it appears in a path: {@code SSID} for the object {@code Device.WiFi.SSID.{i}.},
     * {@code Enable} for parameters, {@code Reboot()} for commands, {@code Boot!} for events.
     */
    String name();

    /** The life-cycle status. */
    Status status();

    /** The data-model version that introduced the element ({@code 2.12}), if the document says. */
    Optional<String> version();
}
