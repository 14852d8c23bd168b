package io.usp4j.datamodel.binding;

import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * Runs a command. The data model calls it on the thread that owns it; a handler that takes time returns an
 * unfinished stage and completes it from any thread.
 *
 * <p>For a synchronous command in the schema the result is the Operate response; for an asynchronous one
 * it is reported in the OperationComplete notification. Either way a stage that fails with a
 * {@link io.usp4j.core.error.UspException} reports that error code; any other failure reports 7022
 * (Command failure).
 *
 * <p>An asynchronous command may be canceled ({@code Device.LocalAgent.Request.{i}.Cancel()}): the data model
 * then cancels the returned stage ({@code CompletableFuture.cancel}), so firmware that wants to stop its
 * work watches its future ({@code isCancelled()}, or a {@code whenComplete} callback).
 */
@FunctionalInterface
public interface CommandHandler {

    /**
     * Starts the command.
     *
     * @param call the invocation
     * @return the output arguments by relative name ({@code Status}, {@code Result.1.Value}), each of a form
     *     {@link ParameterGetter} accepts
     * @throws Exception when the command cannot start; treated like a failed stage
     */
    CompletionStage<Map<String, ?>> invoke(CommandCall call) throws Exception;
}
