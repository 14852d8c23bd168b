package io.usp4j.agent.message;

import io.usp4j.core.proto.msg.Request;
import io.usp4j.core.proto.msg.Response;

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
}
