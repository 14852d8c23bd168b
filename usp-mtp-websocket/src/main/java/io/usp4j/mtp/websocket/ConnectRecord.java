package io.usp4j.mtp.websocket;

import io.usp4j.core.proto.record.Record;
import io.usp4j.core.proto.record.WebSocketConnectRecord;
import io.usp4j.core.record.ProtocolVersion;
import io.usp4j.core.record.RecordCodec;

/** Builds the {@code websocket_connect} Record (R-MTP.6). Stateless. */
final class ConnectRecord {
    private ConnectRecord() {}

    /** The encoded {@code websocket_connect} Record from one endpoint to another. */
    static byte[] encode(String fromId, String toId) {
        return RecordCodec.encode(Record.newBuilder()
                .setVersion(ProtocolVersion.CURRENT.toString())
                .setToId(toId)
                .setFromId(fromId)
                .setWebsocketConnect(WebSocketConnectRecord.getDefaultInstance())
                .build());
    }
}
