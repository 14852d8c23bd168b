package io.usp4j.core.record;

import static io.usp4j.core.internal.Wire.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

import io.usp4j.core.error.ErrorCode;
import io.usp4j.core.message.Messages;
import io.usp4j.core.proto.msg.GetSupportedProtocol;
import io.usp4j.core.proto.msg.Msg;
import io.usp4j.core.proto.msg.Request;
import io.usp4j.core.proto.record.Record;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class RecordCodecTest {

    private static final byte[] VALID = message()
            .string(1, "1.4")
            .string(2, "proto::agent")
            .string(3, "proto::controller")
            .message(7, message().bytes(2, new byte[] {1}))
            .build();

    @Test
    void wraps_a_message_and_reads_it_back() {
        Msg msg = Messages.request("m-1", Request.newBuilder()
                .setGetSupportedProtocol(GetSupportedProtocol.newBuilder().setControllerSupportedProtocolVersions("1.4"))
                .build());
        Record record = RecordCodec.noSessionContext("proto::agent", "proto::controller", msg);
        Record back = RecordCodec.decodeValid(RecordCodec.encode(record));
        assertThat(back.getVersion()).isEqualTo("1.4");
        assertThat(RecordCodec.payload(back)).isEqualTo(msg.toByteString());
    }

    @Test
    void truncated_bytes_are_7100_and_keep_the_ids_read_before_the_cut() {
        byte[] cut = Arrays.copyOf(VALID, VALID.length - 2);
        assertThatThrownBy(() -> RecordCodec.decode(cut))
                .asInstanceOf(type(MalformedRecordException.class))
                .satisfies(e -> {
                    assertThat(e.errorCode()).isEqualTo(ErrorCode.RECORD_NOT_PARSED);
                    assertThat(e.toId()).contains("proto::agent");
                    assertThat(e.fromId()).contains("proto::controller");
                });
    }

    @Test
    void garbage_is_7100_without_ids() {
        assertThatThrownBy(() -> RecordCodec.decode(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff}))
                .asInstanceOf(type(MalformedRecordException.class))
                .satisfies(e -> {
                    assertThat(e.errorCode().code()).isEqualTo(7100);
                    assertThat(e.toId()).isEmpty();
                    assertThat(e.fromId()).isEmpty();
                });
    }

    @Test
    void wrong_wire_type_for_a_known_field_is_7100() {
        // to_id (a string) sent as a varint.
        byte[] bytes = message().string(1, "1.4").varint(2, 5).build();
        assertThatThrownBy(() -> RecordCodec.decode(bytes)).isInstanceOf(MalformedRecordException.class);
    }

    @Test
    void record_without_record_type_is_discarded() {
        byte[] bytes = message().string(1, "1.4").string(2, "a").string(3, "b").build();
        assertThatThrownBy(() -> RecordCodec.decode(bytes))
                .isInstanceOf(MalformedRecordException.class)
                .hasMessageContaining("no record_type");
    }

    @Test
    void record_with_two_record_types_is_discarded_though_protobuf_would_keep_the_last() throws Exception {
        byte[] bytes = message()
                .string(1, "1.4").string(2, "a").string(3, "b")
                .message(7, message().bytes(2, new byte[] {1}))
                .message(9, message())
                .build();
        assertThat(Record.newBuilder().mergeFrom(bytes, 0, bytes.length).hasWebsocketConnect()).isTrue();
        assertThatThrownBy(() -> RecordCodec.decode(bytes))
                .isInstanceOf(MalformedRecordException.class)
                .hasMessageContaining("usp_record.Record.record_type");
    }

    @Test
    void the_same_oneof_member_twice_is_not_a_conflict() {
        byte[] bytes = message()
                .string(1, "1.4").string(2, "a").string(3, "b")
                .message(9, message())
                .message(9, message())
                .build();
        assertThat(RecordCodec.decode(bytes).hasWebsocketConnect()).isTrue();
    }

    @Test
    void unknown_fields_are_tolerated() {
        byte[] bytes = message()
                .string(1, "1.4").string(2, "a").string(3, "b")
                .message(9, message())
                .string(99, "from a later version")
                .build();
        assertThat(RecordCodec.decode(bytes).hasWebsocketConnect()).isTrue();
    }

    @Test
    void validation_names_each_missing_required_value_with_7104() {
        Record ok = RecordCodec.decode(VALID);
        RecordCodec.validate(ok);
        assertInvalid(ok.toBuilder().clearVersion().build(), "no version");
        assertInvalid(ok.toBuilder().setVersion("1").build(), "not major.minor");
        assertInvalid(ok.toBuilder().clearToId().build(), "no to_id");
        assertInvalid(ok.toBuilder().clearFromId().build(), "no from_id");
        assertInvalid(ok.toBuilder().setNoSessionContext(ok.getNoSessionContext().toBuilder().clearPayload()).build(),
                "empty payload");
    }

    private static void assertInvalid(Record record, String reason) {
        assertThatThrownBy(() -> RecordCodec.validate(record))
                .isInstanceOf(InvalidRecordException.class)
                .hasMessageContaining(reason)
                .extracting(e -> ((InvalidRecordException) e).errorCode())
                .isEqualTo(ErrorCode.INVALID_RECORD_VALUE);
    }

    @Test
    void payload_of_another_record_type_is_refused() {
        Record ws = RecordCodec.decode(message().string(1, "1.4").string(2, "a").string(3, "b").message(9, message()).build());
        assertThatThrownBy(() -> RecordCodec.payload(ws)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void random_bytes_never_escape_as_anything_but_the_typed_exception() {
        java.util.Random random = new java.util.Random(42);
        for (int i = 0; i < 20_000; i++) {
            byte[] bytes = new byte[random.nextInt(40)];
            random.nextBytes(bytes);
            try {
                RecordCodec.decodeValid(bytes);
            } catch (MalformedRecordException | InvalidRecordException expected) {
                assertThat(expected.errorCode().isRecordLevel()).isTrue();
            }
        }
    }
}
