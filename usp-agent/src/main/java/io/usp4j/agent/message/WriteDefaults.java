package io.usp4j.agent.message;

import java.util.Map;

/**
 * Values the agent itself writes into an instance a Controller adds, before unique keys are assigned and
 * without access checks: the {@code Recipient} and {@code CreationDate} of a
 * {@code Device.LocalAgent.Subscription.{i}.}, for instance. The subscription engine plugs in here
 * ({@link MessageDispatcher#MessageDispatcher(io.usp4j.agent.operate.AsyncOperations, WriteDefaults)});
 * {@link #NONE} writes nothing. Called on the agent thread.
 */
@FunctionalInterface
public interface WriteDefaults {
    /** Writes nothing. */
    WriteDefaults NONE = (ctx, tablePath) -> Map.of();

    /**
     * The values for a new instance.
     *
     * @param ctx the Add message's context (who sent it)
     * @param tablePath the table the instance goes into, with instance numbers
     *     ({@code Device.LocalAgent.Subscription.})
     * @return values by parameter name relative to the new instance; they must pass the parameters' type and
     *     constraint checks (a failure is a bug, answered with 7003)
     */
    Map<String, String> internalValues(RequestContext ctx, String tablePath);
}
