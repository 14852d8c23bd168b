package io.usp4j.agent.transport;

import io.usp4j.datamodel.binding.ChangeHandler;
import io.usp4j.datamodel.binding.ObjectInstance;
import java.util.Objects;
import java.util.function.Function;

/**
 * What an MTP binding contributes to {@code Device.LocalAgent.MTP.{i}.} for the rows of its protocol. The agent
 * binds that object once ({@link io.usp4j.agent.UspAgent.Builder#mtpProtocol}), so bindings of several
 * protocols can be installed together: its {@code Status} is {@code Down} for a row that is not enabled and the
 * {@code status} of the row's Protocol otherwise, and every contribution's change handler takes part in changes
 * of the rows (of any protocol: a row may change protocol).
 *
 * @param protocol the Protocol value of the rows ({@code MQTT}, {@code WebSocket}); also declared in
 *     {@code Device.LocalAgent.SupportedProtocols}
 * @param status the Status of an enabled row of this protocol: {@link #UP}, {@link #DOWN} or {@link #ERROR}.
 *     Called on the agent thread, in a read of the data model: it must not change the model
 * @param onChange the handler of changes to the rows
 */
public record MtpProtocol(String protocol, Function<ObjectInstance, String> status, ChangeHandler onChange) {
    /** The MTP is running. */
    public static final String UP = "Up";
    /** The MTP is not running (disabled, not started yet, connecting). */
    public static final String DOWN = "Down";
    /** The MTP should run but cannot (misconfigured, its port taken). */
    public static final String ERROR = "Error";

    /**
     * Checks the parts.
     *
     * @throws NullPointerException when one is null
     * @throws IllegalArgumentException when the protocol is empty
     */
    public MtpProtocol {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(onChange, "onChange");
        if (protocol.isEmpty()) {
            throw new IllegalArgumentException("empty protocol");
        }
    }
}
