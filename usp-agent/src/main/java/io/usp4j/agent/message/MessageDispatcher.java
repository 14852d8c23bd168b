package io.usp4j.agent.message;

import io.usp4j.core.error.ErrorCode;
import io.usp4j.core.error.UspException;
import io.usp4j.core.message.Messages;
import io.usp4j.core.proto.msg.Msg;
import io.usp4j.core.proto.msg.Request;
import io.usp4j.core.proto.msg.Response;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes each Request to its {@link RequestHandler} and turns the outcome into the Message to send back:
 * the handler's Response, or an Error message for a {@link RequestFailedException} (with its parameter
 * errors), any other {@link UspException} (its code), or an unexpected failure (7003, logged with its
 * stack). Requests an Agent does not take (Notify, Register, Deregister) get 7001 (R-MSG.1).
 *
 * <p>Runs on the agent thread.
 */
public final class MessageDispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(MessageDispatcher.class);

    private final Map<Request.ReqTypeCase, RequestHandler> handlers = new EnumMap<>(Request.ReqTypeCase.class);

    /** A dispatcher with the standard handlers. */
    public MessageDispatcher() {
        handlers.put(Request.ReqTypeCase.GET, new GetHandler());
        handlers.put(Request.ReqTypeCase.GET_SUPPORTED_DM, new GetSupportedDmHandler());
        handlers.put(Request.ReqTypeCase.GET_INSTANCES, new GetInstancesHandler());
        handlers.put(Request.ReqTypeCase.SET, new SetHandler());
        handlers.put(Request.ReqTypeCase.ADD, new AddHandler());
        handlers.put(Request.ReqTypeCase.DELETE, new DeleteHandler());
        handlers.put(Request.ReqTypeCase.OPERATE, new OperateHandler());
        handlers.put(Request.ReqTypeCase.GET_SUPPORTED_PROTOCOL, new GetSupportedProtocolHandler());
    }

    /**
     * Handles one Request Message.
     *
     * @return the Message to send back, or null for none
     */
    public Msg dispatch(RequestContext ctx, Msg msg) {
        String msgId = msg.getHeader().getMsgId();
        Request request = msg.getBody().getRequest();
        RequestHandler handler = handlers.get(request.getReqTypeCase());
        if (handler == null) {
            LOG.warn("{} sent a {} request, which an Agent does not take", ctx.controllerEndpointId(), request.getReqTypeCase());
            return Messages.error(msgId, ErrorCode.MESSAGE_NOT_SUPPORTED,
                    request.getReqTypeCase() + " is not a request an Agent takes", List.of());
        }
        try {
            Response response = handler.handle(ctx, request);
            return response == null ? null : Messages.response(msgId, response);
        } catch (RequestFailedException e) {
            LOG.debug("{} {} failed: {} {}", request.getReqTypeCase(), msgId, e.errorCode(), e.getMessage());
            return Messages.error(msgId, e.errorCode(), e.getMessage(), e.paramErrors());
        } catch (UspException e) {
            LOG.debug("{} {} failed: {} {}", request.getReqTypeCase(), msgId, e.errorCode(), e.getMessage());
            return Messages.error(msgId, e);
        } catch (RuntimeException e) {
            LOG.error("{} {} from {} failed unexpectedly", request.getReqTypeCase(), msgId, ctx.controllerEndpointId(), e);
            return Messages.error(msgId, ErrorCode.INTERNAL_ERROR, "internal error", List.of());
        }
    }
}
