package io.usp4j.agent.message;

import io.usp4j.core.proto.msg.GetSupportedProtocolResp;
import io.usp4j.core.proto.msg.Request;
import io.usp4j.core.proto.msg.Response;
import io.usp4j.core.record.ProtocolVersion;

/** GetSupportedProtocol: the USP versions this agent speaks, whatever the Controller said it speaks. */
final class GetSupportedProtocolHandler implements RequestHandler {
    @Override
    public Response handle(RequestContext ctx, Request request) {
        return Response.newBuilder()
                .setGetSupportedProtocolResp(GetSupportedProtocolResp.newBuilder()
                        .setAgentSupportedProtocolVersions(ProtocolVersion.formatList(ProtocolVersion.SUPPORTED)))
                .build();
    }
}
