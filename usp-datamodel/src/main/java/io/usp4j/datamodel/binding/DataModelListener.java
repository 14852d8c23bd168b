package io.usp4j.datamodel.binding;

import java.util.Map;

/**
 * Hears what happens in the Instantiated Data Model: the raw material of USP notifications. Value changes
 * are reported for library-stored parameters whenever they change (by a Controller, by firmware through
 * {@code DataModel.update}, or by the library itself), and for firmware-read parameters when firmware says
 * so ({@code DataModel.valueChanged}) or when a poll finds them changed.
 *
 * <p>Methods are called on the thread that caused the event (the owner thread for transactions, the
 * reporting thread for firmware reports) and must not block.
 */
public interface DataModelListener {

    /**
     * A parameter's value changed.
     *
     * @param path the parameter path with instance numbers
     * @param value the new value
     */
    default void onValueChange(String path, String value) {}

    /**
     * A row was created (by Add, by the library, or found in firmware).
     *
     * @param path the instance path ({@code Device.WiFi.SSID.3.})
     */
    default void onObjectCreation(String path) {}

    /**
     * A row was deleted (by Delete, with an ancestor, or gone from firmware).
     *
     * @param path the instance path
     */
    default void onObjectDeletion(String path) {}

    /**
     * An event happened.
     *
     * @param path the event path with instance numbers ({@code Device.Boot!})
     * @param arguments the event arguments by name
     */
    default void onEvent(String path, Map<String, String> arguments) {}
}
