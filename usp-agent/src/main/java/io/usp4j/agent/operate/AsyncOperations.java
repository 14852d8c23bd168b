package io.usp4j.agent.operate;

import io.usp4j.agent.message.RequestContext;
import io.usp4j.agent.notify.NotificationSink;
import io.usp4j.core.error.ErrorCode;
import io.usp4j.core.error.UspException;
import io.usp4j.core.path.PathName;
import io.usp4j.core.path.resolve.ResolvedPath;
import io.usp4j.core.proto.msg.Notify;
import io.usp4j.core.proto.msg.OperateResp;
import io.usp4j.datamodel.binding.CommandCall;
import io.usp4j.datamodel.binding.ObjectBinding;
import io.usp4j.datamodel.instance.DataModel;
import io.usp4j.datamodel.instance.Transaction;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The asynchronous commands in progress, each with its {@code Device.LocalAgent.Request.{i}.} row (TR-369
 * §Asynchronous Operations, R-OPR.0–R-OPR.3):
 * <ul>
 *   <li>{@link #start} runs the command, then creates its Request row (Originator, Command, CommandKey;
 *       Status {@code Active}) and reports the row's path. A command that fails before it runs (bad input,
 *       7027) or at once gets no row: the failure goes in the OperateResp's {@code cmd_failure}. The same
 *       command with the same command key from the same Controller while the first still runs is refused
 *       with 7005 (the spec's "deny the new operation"; the row's unique key would clash anyway); other
 *       repeats run in parallel.</li>
 *   <li>When firmware finishes, on the agent thread: Status becomes {@code Success} or {@code Error}, an
 *       OperationComplete goes to the {@link NotificationSink} (output arguments, or the failure's code and
 *       message), and the row is removed.</li>
 *   <li>{@code Request.{i}.Cancel()} ({@link #requestBinding}) sets Status {@code Canceling}, cancels the
 *       firmware's stage and answers at once; the command then ends as above with Status {@code Canceled}
 *       and a {@code cmd_failure} of 7023.</li>
 *   <li>Requests do not survive a restart: {@link #purge} removes any row found when the agent is built
 *       (the operations they stood for are over).</li>
 * </ul>
 * Status {@code Requested} is not used: commands are never queued, so a row only exists once its command
 * is running.
 *
 * <p>Confined to the agent thread; firmware's completions, on any thread, are handed to the agent thread
 * through the executor of the message that started the command.
 */
public final class AsyncOperations {
    /** The Request table. */
    public static final String REQUEST_TABLE = "Device.LocalAgent.Request.";
    /** The Request object, as bound. */
    public static final String REQUEST_OBJECT = "Device.LocalAgent.Request.{i}.";

    private static final Logger LOG = LoggerFactory.getLogger(AsyncOperations.class);

    /** One command in progress. */
    private static final class Operation {
        final String requestPath;
        final String commandPath;
        final String objectPath;
        final String commandName;
        final String commandKey;
        final String originator;
        final DataModel model;
        final Executor agentThread;
        final NotificationSink sink;
        /** The data model's stage, to cancel; null when it cannot be. */
        final CompletableFuture<Map<String, String>> firmware;
        /** Completes when firmware finishes or the command is canceled. */
        final CompletableFuture<Map<String, String>> result;
        boolean canceling;

        Operation(String requestPath, ResolvedPath command, String commandKey, String originator, RequestContext ctx,
                CompletableFuture<Map<String, String>> firmware, CompletableFuture<Map<String, String>> result) {
            this.requestPath = requestPath;
            this.commandPath = command.path();
            this.commandName = command.name() + "()";
            this.objectPath = commandPath.substring(0, commandPath.length() - commandName.length());
            this.commandKey = commandKey;
            this.originator = originator;
            this.model = ctx.model();
            this.agentThread = ctx.agentThread();
            this.sink = ctx.notifications();
            this.firmware = firmware;
            this.result = result;
        }
    }

    private final Map<String, Operation> running = new LinkedHashMap<>();

    /** An empty registry; bind {@link #requestBinding()} to the same data model. */
    public AsyncOperations() {}

    /**
     * The binding of {@code Device.LocalAgent.Request.{i}.}: its {@code Cancel()} command, and a Status
     * kept in memory only.
     */
    public ObjectBinding requestBinding() {
        return ObjectBinding.builder()
                .syncCommand("Cancel()", this::cancel)
                .volatileValues("Status")
                .build();
    }

    /**
     * Starts an asynchronous command for a Controller's Operate.
     *
     * @param ctx the Operate's context; the Controller is the Request's Originator
     * @param command the command, as the Operate's path resolved to
     * @param input the Controller's input arguments
     * @param commandKey the Controller's command key
     * @return the command's result: {@code req_obj_path} naming its Request row, or {@code cmd_failure}
     * @throws IllegalArgumentException when the command's object does not come from the context's data model
     */
    public OperateResp.OperationResult start(RequestContext ctx, ResolvedPath command, Map<String, String> input,
            String commandKey) {
        String path = command.path();
        String originator = ctx.controllerEndpointId();
        for (Operation o : running.values()) {
            if (o.originator.equals(originator) && o.commandPath.equals(path) && o.commandKey.equals(commandKey)) {
                return failure(path, new CommandError(ErrorCode.RESOURCES_EXCEEDED, path + " with command key \""
                        + commandKey + "\" from this Controller is still running (" + o.requestPath + ")"));
            }
        }
        CompletionStage<Map<String, String>> stage = ctx.model().invoke(command.object(), command.name(), input, commandKey);
        CompletableFuture<Map<String, String>> result = new CompletableFuture<>();
        stage.whenComplete((out, failure) -> {
            if (failure != null) {
                result.completeExceptionally(failure);
            } else {
                result.complete(out);
            }
        });
        if (result.isCompletedExceptionally()) {
            return failure(path, CommandError.of(failureOf(result)));
        }
        CompletableFuture<Map<String, String>> firmware = asFuture(stage);
        String requestPath;
        Transaction tx = null;
        try {
            tx = ctx.model().begin();
            requestPath = tx.create(REQUEST_TABLE, Map.of("Originator", originator, "Command", path,
                    "CommandKey", commandKey, "Status", "Active")).instancePath();
            tx.commit();
        } catch (UspException | IllegalArgumentException | IllegalStateException e) {
            if (tx != null) {
                tx.rollback();
            }
            LOG.warn("could not create the Request of {} for {}: {}", path, originator, e.toString());
            result.cancel(false);
            if (firmware != null) {
                firmware.cancel(true);
            }
            boolean clash = e instanceof UspException u && u.errorCode() == ErrorCode.DUPLICATE_UNIQUE_KEY;
            return failure(path, new CommandError(clash ? ErrorCode.RESOURCES_EXCEEDED : ErrorCode.INTERNAL_ERROR,
                    "could not create the Request object: " + e.getMessage()));
        }
        ctx.refreshView();
        Operation op = new Operation(requestPath, command, commandKey, originator, ctx, firmware, result);
        running.put(requestPath, op);
        LOG.debug("{} started for {} as {}", path, originator, requestPath);
        result.whenComplete((out, failure) -> handOver(op, out, failure));
        return OperateResp.OperationResult.newBuilder().setExecutedCommand(path).setReqObjPath(requestPath).build();
    }

    /**
     * Removes every Request row: at start-up, the operations they stood for ended with the previous run
     * (TR-369 §Persistence of Asynchronous Operations). Call it on the thread that owns the model, with no
     * transaction open.
     *
     * @return how many rows were removed
     * @throws UspException when the rows cannot be removed (storage failure)
     */
    public static int purge(DataModel model) {
        if (model.supported().object(REQUEST_OBJECT).isEmpty()) {
            return 0;
        }
        List<ResolvedPath> rows = model.view().resolve(PathName.parse(REQUEST_TABLE + "*.")).paths();
        if (rows.isEmpty()) {
            return 0;
        }
        Transaction tx = model.begin();
        try {
            for (ResolvedPath row : rows) {
                tx.remove(row.path());
            }
            tx.commit();
        } finally {
            tx.rollback();
        }
        LOG.info("removed {} Request object(s) left from before the restart: their operations are over", rows.size());
        return rows.size();
    }

    private static OperateResp.OperationResult failure(String path, CommandError error) {
        return OperateResp.OperationResult.newBuilder()
                .setExecutedCommand(path)
                .setCmdFailure(OperateResp.OperationResult.CommandFailure.newBuilder()
                        .setErrCode(error.code().code())
                        .setErrMsg(error.message()))
                .build();
    }

    private static Throwable failureOf(CompletableFuture<?> failed) {
        try {
            failed.join();
            throw new IllegalStateException("the stage did not fail");
        } catch (CompletionException | CancellationException e) {
            return e;
        }
    }

    private static CompletableFuture<Map<String, String>> asFuture(CompletionStage<Map<String, String>> stage) {
        try {
            return stage.toCompletableFuture();
        } catch (UnsupportedOperationException e) {
            return null;
        }
    }

    /** Any thread: firmware finished (or the command was canceled); the rest happens on the agent thread. */
    private void handOver(Operation op, Map<String, String> out, Throwable failure) {
        try {
            op.agentThread.execute(() -> finish(op, out, failure));
        } catch (RejectedExecutionException e) {
            LOG.info("{} ({}) finished after the agent stopped", op.commandPath, op.requestPath);
        }
    }

    private void finish(Operation op, Map<String, String> out, Throwable failure) {
        if (running.get(op.requestPath) != op) {
            return;
        }
        running.remove(op.requestPath);
        Notify.OperationComplete.Builder complete = Notify.OperationComplete.newBuilder()
                .setObjPath(op.objectPath)
                .setCommandName(op.commandName)
                .setCommandKey(op.commandKey);
        String status;
        if (failure == null) {
            status = "Success";
            complete.setReqOutputArgs(Notify.OperationComplete.OutputArgs.newBuilder().putAllOutputArgs(out));
        } else {
            CommandError error = op.canceling
                    ? new CommandError(ErrorCode.COMMAND_CANCELED, op.commandPath + " was canceled by Cancel()")
                    : CommandError.of(failure);
            status = error.code() == ErrorCode.COMMAND_CANCELED ? "Canceled" : "Error";
            complete.setCmdFailure(Notify.OperationComplete.CommandFailure.newBuilder()
                    .setErrCode(error.code().code())
                    .setErrMsg(error.message()));
        }
        LOG.debug("{} ({}) ended: {}", op.commandPath, op.requestPath, status);
        setStatus(op, status);
        try {
            op.sink.operationComplete(complete.build());
        } catch (RuntimeException e) {
            LOG.error("the notification sink failed on the completion of {} ({})", op.commandPath, op.requestPath, e);
        }
        Transaction tx = null;
        try {
            tx = op.model.begin();
            tx.remove(op.requestPath);
            tx.commit();
        } catch (UspException | IllegalStateException e) {
            LOG.warn("could not remove {}: {}", op.requestPath, e.toString());
        } finally {
            if (tx != null) {
                tx.rollback();
            }
        }
    }

    private static void setStatus(Operation op, String status) {
        Transaction tx = null;
        try {
            tx = op.model.begin();
            tx.setInternal(op.requestPath + "Status", status);
            tx.commit();
        } catch (UspException | IllegalArgumentException | IllegalStateException e) {
            LOG.warn("could not set {}Status to {}: {}", op.requestPath, status, e.toString());
        } finally {
            if (tx != null) {
                tx.rollback();
            }
        }
    }

    /** {@code Request.{i}.Cancel()}: runs on the agent thread, from an Operate. */
    private Map<String, ?> cancel(CommandCall call) {
        String requestPath = call.instance().path();
        Operation op = running.get(requestPath);
        if (op == null) {
            throw new UspException(ErrorCode.COMMAND_FAILURE, requestPath + " has no operation in progress");
        }
        if (op.canceling || op.result.isDone()) {
            return Map.of();
        }
        op.canceling = true;
        setStatus(op, "Canceling");
        LOG.info("{} ({}) canceled", op.commandPath, requestPath);
        op.result.cancel(false);
        if (op.firmware != null) {
            op.firmware.cancel(true);
        }
        return Map.of();
    }
}
