package io.usp4j.agent.device;

import java.util.Objects;

/**
 * Why the agent (re)started, as {@code Device.Boot!} reports it: the cause, the command key of the Operate
 * that caused it (empty otherwise), whether the firmware changed, and a free-text reason.
 *
 * @param cause one of {@code LocalReboot}, {@code RemoteReboot}, {@code FactoryReset},
 *     {@code LocalFactoryReset}, {@code RemoteFactoryReset}
 * @param commandKey the {@code command_key} of the Reboot() or FactoryReset() Operate, or empty
 * @param firmwareUpdated true when the firmware changed since the last start
 * @param reason a short reason, possibly empty
 */
public record BootRecord(String cause, String commandKey, boolean firmwareUpdated, String reason) {
    /** A plain local reboot (power cycle, watchdog, a restart nobody asked for over USP). */
    public static final BootRecord LOCAL_REBOOT = new BootRecord("LocalReboot", "", false, "");

    public BootRecord {
        Objects.requireNonNull(cause, "cause");
        Objects.requireNonNull(commandKey, "commandKey");
        Objects.requireNonNull(reason, "reason");
    }
}
