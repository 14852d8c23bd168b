package io.usp4j.core.record;

import static io.usp4j.core.internal.Wire.message;
import static org.assertj.core.api.Assertions.assertThat;

import io.usp4j.core.internal.Wire;
import io.usp4j.core.proto.record.MQTTConnectRecord;
import io.usp4j.core.proto.record.Record;
import io.usp4j.core.proto.record.SessionContextRecord;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** One hand-encoded Record of each record type: decoded, checked, and re-encoded byte for byte. */
class RecordGoldenTest {

    private static Wire header() {
        return message()
                .string(1, "1.4") // version
                .string(2, "proto::agent") // to_id
                .string(3, "proto::controller"); // from_id
    }

    private static Record roundTrip(byte[] golden) {
        Record record = RecordCodec.decode(golden);
        assertThat(RecordCodec.encode(record)).isEqualTo(golden);
        assertThat(record.getVersion()).isEqualTo("1.4");
        assertThat(record.getToId()).isEqualTo("proto::agent");
        assertThat(record.getFromId()).isEqualTo("proto::controller");
        return record;
    }

    @Test
    void no_session_context_record_literal_bytes() {
        // Written out in full once, to anchor the Wire helper itself.
        byte[] golden = HexFormat.of().parseHex(
                "0a03312e34" // 1: version "1.4"
                        + "120c70726f746f3a3a6167656e74" // 2: to_id "proto::agent"
                        + "1a1170726f746f3a3a636f6e74726f6c6c6572" // 3: from_id "proto::controller"
                        + "3a0512030a0178"); // 7: no_session_context { 2: payload 0a 01 78 }
        assertThat(header().message(7, message().bytes(2, new byte[] {0x0a, 0x01, 0x78})).build())
                .isEqualTo(golden);
        Record record = roundTrip(golden);
        assertThat(record.getRecordTypeCase()).isEqualTo(Record.RecordTypeCase.NO_SESSION_CONTEXT);
        assertThat(RecordCodec.payload(record).toByteArray()).containsExactly(0x0a, 0x01, 0x78);
    }

    @Test
    void no_session_context_record_with_integrity_fields() {
        byte[] golden = header()
                .varint(4, 1) // payload_security TLS12
                .bytes(5, new byte[] {1, 2, 3}) // mac_signature
                .string(6, "-----BEGIN CERTIFICATE-----") // sender_cert
                .message(7, message().bytes(2, new byte[] {9}))
                .build();
        Record record = roundTrip(golden);
        assertThat(record.getPayloadSecurity()).isEqualTo(Record.PayloadSecurity.TLS12);
        assertThat(record.getMacSignature().toByteArray()).containsExactly(1, 2, 3);
        assertThat(record.getSenderCert().toStringUtf8()).startsWith("-----BEGIN");
    }

    @Test
    void session_context_record() {
        byte[] golden = header()
                .message(8, message()
                        .varint(1, 77) // session_id
                        .varint(2, 5) // sequence_id
                        .varint(3, 4) // expected_id
                        .varint(4, 3) // retransmit_id
                        .varint(5, 1) // payload_sar_state BEGIN
                        .varint(6, 2) // payloadrec_sar_state INPROCESS
                        .bytes(7, new byte[] {1}) // payload[0]
                        .bytes(7, new byte[] {2, 3})) // payload[1]
                .build();
        SessionContextRecord s = roundTrip(golden).getSessionContext();
        assertThat(s.getSessionId()).isEqualTo(77);
        assertThat(s.getSequenceId()).isEqualTo(5);
        assertThat(s.getExpectedId()).isEqualTo(4);
        assertThat(s.getRetransmitId()).isEqualTo(3);
        assertThat(s.getPayloadSarState()).isEqualTo(SessionContextRecord.PayloadSARState.BEGIN);
        assertThat(s.getPayloadrecSarState()).isEqualTo(SessionContextRecord.PayloadSARState.INPROCESS);
        assertThat(s.getPayloadList()).hasSize(2);
    }

    @Test
    void session_context_record_with_uint64_extremes() {
        byte[] golden = header()
                .message(8, message().varint(1, -1L).varint(2, Long.MIN_VALUE).varint(3, 1))
                .build();
        SessionContextRecord s = roundTrip(golden).getSessionContext();
        assertThat(Long.toUnsignedString(s.getSessionId())).isEqualTo("18446744073709551615");
        assertThat(Long.toUnsignedString(s.getSequenceId())).isEqualTo("9223372036854775808");
    }

    @Test
    void websocket_connect_record() {
        byte[] golden = header().message(9, message()).build();
        assertThat(roundTrip(golden).hasWebsocketConnect()).isTrue();
    }

    @Test
    void mqtt_connect_record() {
        byte[] golden = header()
                .message(10, message().varint(1, 1).string(2, "usp/agent/oui:00256D:cpe-1"))
                .build();
        MQTTConnectRecord m = roundTrip(golden).getMqttConnect();
        assertThat(m.getVersion()).isEqualTo(MQTTConnectRecord.MQTTVersion.V5);
        assertThat(m.getSubscribedTopic()).isEqualTo("usp/agent/oui:00256D:cpe-1");
    }

    @Test
    void stomp_connect_record() {
        // version V1_2 is 0, the default, so it is absent on the wire.
        byte[] golden = header().message(11, message().string(2, "/queue/agent-1")).build();
        Record record = roundTrip(golden);
        assertThat(record.getStompConnect().getSubscribedDestination()).isEqualTo("/queue/agent-1");
        assertThat(record.getStompConnect().getVersion().getNumber()).isZero();
    }

    @Test
    void disconnect_record_with_fixed32_reason_code() {
        byte[] golden = header().message(12, message().string(1, "bye").fixed32(2, 7105)).build();
        Record record = roundTrip(golden);
        assertThat(record.getDisconnect().getReason()).isEqualTo("bye");
        assertThat(record.getDisconnect().getReasonCode()).isEqualTo(7105);
    }

    @Test
    void uds_connect_record() {
        byte[] golden = header().message(13, message()).build();
        assertThat(roundTrip(golden).hasUdsConnect()).isTrue();
    }
}
