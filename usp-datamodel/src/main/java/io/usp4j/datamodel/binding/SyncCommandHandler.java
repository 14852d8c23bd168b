package io.usp4j.datamodel.binding;

import java.util.Map;

/** A command that finishes before it returns: the usual shape of short synchronous commands. */
@FunctionalInterface
public interface SyncCommandHandler {

    /**
     * Runs the command.
     *
     * @param call the invocation
     * @return the output arguments by relative name, each of a form {@link ParameterGetter} accepts
     * @throws Exception when it fails; a {@link io.usp4j.core.error.UspException} keeps its code, anything else
     *     reports 7022 (Command failure)
     */
    Map<String, ?> invoke(CommandCall call) throws Exception;
}
