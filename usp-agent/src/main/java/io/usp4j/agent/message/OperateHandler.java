package io.usp4j.agent.message;

import io.usp4j.agent.operate.AsyncOperations;
import io.usp4j.agent.operate.CommandError;
import io.usp4j.core.error.ErrorCode;
import io.usp4j.core.error.UspException;
import io.usp4j.core.path.ElementKind;
import io.usp4j.core.path.PathName;
import io.usp4j.core.path.resolve.Resolution;
import io.usp4j.core.path.resolve.ResolvedPath;
import io.usp4j.core.proto.msg.Operate;
import io.usp4j.core.proto.msg.OperateResp;
import io.usp4j.core.proto.msg.Request;
import io.usp4j.core.proto.msg.Response;
import io.usp4j.datamodel.schema.CommandDef;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Operate: runs a command on every object its Command Path or Search Path matches (TR-369 §Operate).
 * <ul>
 *   <li>The path must parse (else Error 7008), name a command of the Supported Data Model (else Error 7026)
 *       and, when it addresses one object without searching, that object must exist (else Error 7016).
 *       These fail the message as a whole; a search that matches nothing answers an empty OperateResp
 *       (R-MSG.4a).</li>
 *   <li>Each matched command gets one OperationResult, {@code executed_command} being its path with
 *       instance numbers. Whatever fails for one command goes in its {@code cmd_failure}, never in an Error
 *       (R-OPR.1): bad input arguments 7027 (R-OPR.5), firmware failures with their code or 7022.</li>
 *   <li>A synchronous command answers with its output arguments ({@code req_output_args}, empty when there
 *       are none). When firmware finishes it later, on another thread, the OperateResp waits for it without
 *       holding up the agent thread.</li>
 *   <li>An asynchronous command gets a {@code Device.LocalAgent.Request.{i}.} row ({@code req_obj_path});
 *       see {@link AsyncOperations}.</li>
 *   <li>With {@code send_resp=false} no OperateResp is sent when every command succeeded or started
 *       (R-OPR.4); when one failed, the OperateResp is sent all the same, carrying its {@code cmd_failure}.
 *       Request rows are created either way.</li>
 * </ul>
 */
final class OperateHandler implements RequestHandler {
    private static final Logger LOG = LoggerFactory.getLogger(OperateHandler.class);

    private final AsyncOperations operations;

    OperateHandler(AsyncOperations operations) {
        this.operations = Objects.requireNonNull(operations, "operations");
    }

    /**
     * Answers at once.
     *
     * @throws IllegalStateException when a synchronous command has not finished yet (the dispatcher uses
     *     {@link #handleLater}, which waits for it)
     */
    @Override
    public Response handle(RequestContext ctx, Request request) {
        CompletableFuture<Response> answer = handleLater(ctx, request).toCompletableFuture();
        if (!answer.isDone()) {
            throw new IllegalStateException("a synchronous command has not finished yet");
        }
        try {
            return answer.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }

    @Override
    public CompletionStage<Response> handleLater(RequestContext ctx, Request request) {
        Operate operate = request.getOperate();
        PathName path = PathName.parse(operate.getCommand());
        if (path.kind() != ElementKind.COMMAND) {
            throw new UspException(ErrorCode.INVALID_PATH, "\"" + operate.getCommand() + "\" is not a command path");
        }
        Resolution resolution = ctx.view().resolve(path);
        if (resolution.addressedElementMissing()) {
            throw new UspException(ErrorCode.OBJECT_DOES_NOT_EXIST,
                    "the object of " + operate.getCommand() + " does not exist");
        }
        List<CompletableFuture<OperateResp.OperationResult>> results = new ArrayList<>(resolution.paths().size());
        for (ResolvedPath command : resolution.paths()) {
            results.add(run(ctx, command, operate));
        }
        boolean ready = results.stream().allMatch(CompletableFuture::isDone);
        if (ready) {
            return CompletableFuture.completedFuture(response(operate, results));
        }
        Executor agentThread = ctx.agentThread();
        String msgId = ctx.msgId();
        return CompletableFuture.allOf(results.toArray(new CompletableFuture<?>[0]))
                .thenApplyAsync(done -> response(operate, results), task -> {
                    try {
                        agentThread.execute(task);
                    } catch (RejectedExecutionException e) {
                        LOG.info("the agent stopped before Operate {} could be answered", msgId);
                    }
                });
    }

    private CompletableFuture<OperateResp.OperationResult> run(RequestContext ctx, ResolvedPath command, Operate operate) {
        Map<String, String> input = operate.getInputArgsMap();
        String key = operate.getCommandKey();
        CommandDef def = ctx.model().supported().command(command.path())
                .orElseThrow(() -> new IllegalStateException("resolved to a command not in the schema: " + command.path()));
        if (def.async()) {
            return CompletableFuture.completedFuture(operations.start(ctx, command, input, key));
        }
        CompletableFuture<OperateResp.OperationResult> result = new CompletableFuture<>();
        ctx.model().invoke(command.object(), command.name(), input, key).whenComplete((out, failure) -> {
            OperateResp.OperationResult.Builder r = OperateResp.OperationResult.newBuilder().setExecutedCommand(command.path());
            if (failure == null) {
                r.setReqOutputArgs(OperateResp.OperationResult.OutputArgs.newBuilder().putAllOutputArgs(out));
            } else {
                CommandError error = CommandError.of(failure);
                r.setCmdFailure(OperateResp.OperationResult.CommandFailure.newBuilder()
                        .setErrCode(error.code().code())
                        .setErrMsg(error.message()));
            }
            result.complete(r.build());
        });
        return result;
    }

    /** The OperateResp, or null when {@code send_resp=false} and nothing failed. */
    private static Response response(Operate operate, List<CompletableFuture<OperateResp.OperationResult>> results) {
        OperateResp.Builder resp = OperateResp.newBuilder();
        boolean failed = false;
        for (CompletableFuture<OperateResp.OperationResult> r : results) {
            OperateResp.OperationResult result = r.join();
            failed |= result.hasCmdFailure();
            resp.addOperationResults(result);
        }
        if (!operate.getSendResp() && !failed) {
            return null;
        }
        return Response.newBuilder().setOperateResp(resp).build();
    }
}
