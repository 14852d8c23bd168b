package io.usp4j.agent.message;

import io.usp4j.core.error.ErrorCode;
import io.usp4j.core.error.UspException;
import io.usp4j.core.proto.msg.Request;
import io.usp4j.core.proto.msg.Response;

/** GetInstances: the instances of tables and their unique keys. Being written: answers 7001 until then. */
final class GetInstancesHandler implements RequestHandler {
    @Override
    public Response handle(RequestContext ctx, Request request) {
        throw new UspException(ErrorCode.MESSAGE_NOT_SUPPORTED, "not implemented yet");
    }
}
