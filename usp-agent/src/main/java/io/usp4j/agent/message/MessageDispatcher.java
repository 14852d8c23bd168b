package io.usp4j.agent.message;

import io.usp4j.agent.operate.AsyncOperations;
import io.usp4j.core.error.ErrorCode;
import io.usp4j.core.error.UspException;
import io.usp4j.core.message.Messages;
import io.usp4j.core.proto.msg.Msg;
import io.usp4j.core.proto.msg.Request;
import io.usp4j.core.proto.msg.Response;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes each Request to its {@link RequestHandler} and turns the outcome into the Message to send back:
 * the handler's Response, or an Error message for a {@link RequestFailedException} (with its parameter
 * errors), any other {@link UspException} (its code), or an unexpected failure (7003, logged with its
 * stack). Requests an Agent does not take (Notify, Register, Deregister) get 7001 (R-MSG.1).
 *
 * <p>Runs on the agent thread; an answer that comes later ({@link #dispatchLater}) may be made on another.
 */
public final class MessageDispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(MessageDispatcher.class);

    private final Map<Request.ReqTypeCase, RequestHandler> handlers = new EnumMap<>(Request.ReqTypeCase.class);

    /**
     * A dispatcher with the standard handlers, whose asynchronous commands nobody can cancel: the data model
     * has no {@code Request.{i}.Cancel()} bound to them. Agents use {@link #MessageDispatcher(AsyncOperations)}.
     */
    public MessageDispatcher() {
        this(new AsyncOperations());
    }

    /**
     * A dispatcher with the standard handlers.
     *
     * @param operations the asynchronous commands in progress, whose {@link AsyncOperations#requestBinding()} is
     *     bound to the data model
     */
    public MessageDispatcher(AsyncOperations operations) {
        this(operations, WriteDefaults.NONE);
    }

    /**
     * A dispatcher with the standard handlers, whose Add writes the agent's own values into new instances.
     *
     * @param operations as {@link #MessageDispatcher(AsyncOperations)}
     * @param defaults the values the agent writes into each instance a Controller adds (a Subscription's
     *     Recipient and CreationDate)
     */
    public MessageDispatcher(AsyncOperations operations, WriteDefaults defaults) {
        handlers.put(Request.ReqTypeCase.GET, new GetHandler());
        handlers.put(Request.ReqTypeCase.GET_SUPPORTED_DM, new GetSupportedDmHandler());
        handlers.put(Request.ReqTypeCase.GET_INSTANCES, new GetInstancesHandler());
        handlers.put(Request.ReqTypeCase.SET, new SetHandler());
        handlers.put(Request.ReqTypeCase.ADD, new AddHandler(defaults));
        handlers.put(Request.ReqTypeCase.DELETE, new DeleteHandler());
        handlers.put(Request.ReqTypeCase.OPERATE, new OperateHandler(operations));
        handlers.put(Request.ReqTypeCase.GET_SUPPORTED_PROTOCOL, new GetSupportedProtocolHandler());
    }

    /**
     * Handles one Request Message whose answer is ready at once.
     *
     * @return the Message to send back, or null for none
     * @throws IllegalStateException when the handler answers later (use {@link #dispatchLater})
     */
    public Msg dispatch(RequestContext ctx, Msg msg) {
        CompletableFuture<Msg> answer = dispatchLater(ctx, msg).toCompletableFuture();
        if (!answer.isDone()) {
            throw new IllegalStateException("the answer to " + msg.getHeader().getMsgId() + " is not ready yet");
        }
        return answer.join();
    }

    /**
     * Handles one Request Message, whose answer may come later ({@link RequestHandler#handleLater}). Call it on
     * the agent thread; the stage may complete on another thread, and never fails: a failure of the request
     * becomes an Error message.
     *
     * @return a stage with the Message to send back, or with null for none
     */
    public CompletionStage<Msg> dispatchLater(RequestContext ctx, Msg msg) {
        String msgId = msg.getHeader().getMsgId();
        Request request = msg.getBody().getRequest();
        RequestHandler handler = handlers.get(request.getReqTypeCase());
        if (handler == null) {
            LOG.warn("{} sent a {} request, which an Agent does not take", ctx.controllerEndpointId(), request.getReqTypeCase());
            return CompletableFuture.completedFuture(Messages.error(msgId, ErrorCode.MESSAGE_NOT_SUPPORTED,
                    request.getReqTypeCase() + " is not a request an Agent takes", List.of()));
        }
        CompletionStage<Response> answer;
        try {
            answer = handler.handleLater(ctx, request);
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(failure(ctx, request, msgId, e));
        }
        return answer.handle((response, failure) -> {
            if (failure != null) {
                return failure(ctx, request, msgId, failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause() : failure);
            }
            return response == null ? null : Messages.response(msgId, response);
        });
    }

    private static Msg failure(RequestContext ctx, Request request, String msgId, Throwable e) {
        if (e instanceof RequestFailedException f) {
            LOG.debug("{} {} failed: {} {}", request.getReqTypeCase(), msgId, f.errorCode(), f.getMessage());
            return Messages.error(msgId, f.errorCode(), f.getMessage(), f.paramErrors());
        }
        if (e instanceof UspException u) {
            LOG.debug("{} {} failed: {} {}", request.getReqTypeCase(), msgId, u.errorCode(), u.getMessage());
            return Messages.error(msgId, u);
        }
        LOG.error("{} {} from {} failed unexpectedly", request.getReqTypeCase(), msgId, ctx.controllerEndpointId(), e);
        return Messages.error(msgId, ErrorCode.INTERNAL_ERROR, "internal error", List.of());
    }
}
