package io.usp4j.agent.message;

import io.usp4j.core.proto.msg.Request;
import io.usp4j.core.proto.msg.Response;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Answers one kind of USP request. Runs on the agent thread, which owns the data model.
 */
@FunctionalInterface
public interface RequestHandler {

    /**
     * Handles a request.
     *
     * @param ctx the message's context: who sent it, the data model, a view for reads
     * @param request the request body
     * @return the response body, or null when none is to be sent (Operate with {@code send_resp=false})
     * @throws RequestFailedException to answer with an Error message carrying parameter errors
     * @throws io.usp4j.core.error.UspException to answer with an Error message of that code
     */
    Response handle(RequestContext ctx, Request request);

    /**
     * Handles a request whose answer may not be ready when this returns (an Operate waiting for a synchronous
     * command that firmware finishes on another thread). The dispatcher calls this; the default answers at
     * once with {@link #handle}. A handler that overrides it must not block the agent thread.
     *
     * @param ctx the message's context; touch the data model through it only on the agent thread
     * @param request the request body
     * @return a stage completing, on any thread, with the response body (null for none), or failing with a
     *     {@link RequestFailedException} or {@link io.usp4j.core.error.UspException} for an Error message
     * @throws RequestFailedException or {@link io.usp4j.core.error.UspException} as {@link #handle} does
     */
    default CompletionStage<Response> handleLater(RequestContext ctx, Request request) {
        return CompletableFuture.completedFuture(handle(ctx, request));
    }
}
