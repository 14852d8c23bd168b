package io.usp4j.mtp.websocket;

import io.usp4j.core.message.Messages;
import io.usp4j.core.proto.msg.Get;
import io.usp4j.core.proto.msg.Msg;
import io.usp4j.core.proto.msg.Request;
import io.usp4j.core.record.RecordCodec;

/** Encoded Records for tests. */
final class Records {
    private Records() {}

    static Msg get(String msgId, String path) {
        return Messages.request(msgId, Request.newBuilder().setGet(Get.newBuilder().addParamPaths(path)).build());
    }

    /** A no_session_context Record carrying a Get. */
    static byte[] getRecord(String from, String to, String msgId, String path) {
        return RecordCodec.encode(RecordCodec.noSessionContext(to, from, get(msgId, path)));
    }

    /** Bytes that are not a USP Record (field 1 claims 100 bytes that are not there). */
    static byte[] garbage() {
        return new byte[] {0x0a, 0x64, 0x01, 0x02, 0x03};
    }
}
