package io.usp4j.core.message;

import static io.usp4j.core.internal.Wire.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

import io.usp4j.core.error.ErrorCode;
import io.usp4j.core.error.UspException;
import io.usp4j.core.proto.msg.Get;
import io.usp4j.core.proto.msg.GetResp;
import io.usp4j.core.proto.msg.Header.MsgType;
import io.usp4j.core.proto.msg.Msg;
import io.usp4j.core.proto.msg.Request;
import io.usp4j.core.proto.msg.Response;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MessageCodecTest {

    private static MalformedMessageException malformed(byte[] bytes) {
        Throwable t = org.assertj.core.api.Assertions.catchThrowable(() -> MessageCodec.decode(bytes));
        assertThat(t).isInstanceOf(MalformedMessageException.class);
        MalformedMessageException e = (MalformedMessageException) t;
        assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_ARGUMENTS);
        return e;
    }

    @Test
    void two_request_types_in_one_request_is_7004_with_the_msg_id_kept() {
        byte[] bytes = message()
                .message(1, message().string(1, "m-1").varint(2, 1))
                .message(2, message().message(1, message()
                        .message(1, message().string(1, "Device."))
                        .message(3, message().string(1, "Device.X."))))
                .build();
        MalformedMessageException e = malformed(bytes);
        assertThat(e).hasMessageContaining("usp.Request.req_type");
        assertThat(e.msgId()).contains("m-1");
        assertThat(e.isRequest()).isTrue();
    }

    @Test
    void a_conflict_deep_inside_a_response_is_found() {
        // OperateResp.OperationResult with both req_obj_path and cmd_failure.
        byte[] bytes = message()
                .message(1, message().string(1, "m-2").varint(2, 7))
                .message(2, message().message(2, message().message(7, message().message(1, message()
                        .string(1, "Device.X()")
                        .string(2, "Device.LocalAgent.Request.1.")
                        .message(4, message().fixed32(1, 7022))))))
                .build();
        assertThat(malformed(bytes)).hasMessageContaining("operation_resp").satisfies(e -> assertThat(e.isRequest()).isFalse());
    }

    @Test
    void missing_parts_are_7004() {
        assertThat(malformed(message().message(2, message().message(3, message())).build()))
                .hasMessageContaining("no header");
        assertThat(malformed(message().message(1, message().varint(2, 1)).message(2, message().message(1, message())).build()))
                .hasMessageContaining("no msg_id");
        assertThat(malformed(message().message(1, message().string(1, "x")).build())).hasMessageContaining("no body");
        assertThat(malformed(message().message(1, message().string(1, "x")).message(2, message()).build()))
                .hasMessageContaining("no msg_body");
        assertThat(malformed(message().message(1, message().string(1, "x")).message(2, message().message(1, message())).build()))
                .hasMessageContaining("no req_type");
        assertThat(malformed(message().message(1, message().string(1, "x")).message(2, message().message(2, message())).build()))
                .hasMessageContaining("no resp_type");
    }

    @Test
    void unparsable_bytes_are_7004() {
        assertThat(malformed(new byte[] {0x0a, 0x10, 0x01})).hasMessageContaining("not a USP Message");
    }

    @Test
    void random_bytes_never_escape_as_anything_but_the_typed_exception() {
        Random random = new Random(7);
        for (int i = 0; i < 20_000; i++) {
            byte[] bytes = new byte[random.nextInt(48)];
            random.nextBytes(bytes);
            try {
                MessageCodec.decode(bytes);
            } catch (MalformedMessageException expected) {
                assertThat(expected.errorCode().code()).isEqualTo(7004);
            }
        }
    }

    @Test
    void builds_responses_with_the_type_taken_from_the_body() {
        Msg request = Messages.request("req-9", Request.newBuilder().setGet(Get.newBuilder().addParamPaths("Device.")).build());
        assertThat(request.getHeader().getMsgType()).isEqualTo(MsgType.GET);
        Msg response = Messages.response(request.getHeader().getMsgId(),
                Response.newBuilder().setGetResp(GetResp.getDefaultInstance()).build());
        assertThat(response.getHeader().getMsgId()).isEqualTo("req-9");
        assertThat(response.getHeader().getMsgType()).isEqualTo(MsgType.GET_RESP);
        assertThat(MessageCodec.decode(MessageCodec.encode(response))).isEqualTo(response);
    }

    @Test
    void builds_error_messages() {
        Msg error = Messages.error("req-1", ErrorCode.INVALID_ARGUMENTS, null,
                List.of(Messages.paramError("Device.X.1.A", ErrorCode.INVALID_TYPE, null)));
        assertThat(error.getHeader().getMsgType()).isEqualTo(MsgType.ERROR);
        assertThat(error.getBody().getError().getErrCode()).isEqualTo(7004);
        assertThat(error.getBody().getError().getErrMsg()).isEqualTo("Invalid arguments");
        assertThat(error.getBody().getError().getParamErrs(0).getErrCode()).isEqualTo(7011);

        Msg fromFailure = Messages.error("req-2", new UspException(ErrorCode.INVALID_PATH, "no Device.Foo."));
        assertThat(fromFailure.getBody().getError().getErrCode()).isEqualTo(7026);
        assertThat(fromFailure.getBody().getError().getErrMsg()).isEqualTo("no Device.Foo.");

        assertThat(Messages.error("req-3", 7801, "vendor", List.of()).getBody().getError().getErrCode()).isEqualTo(7801);
        assertThatThrownBy(() -> Messages.error("req-4", 404, "http?", List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Messages.error("", ErrorCode.INTERNAL_ERROR, null, List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void error_codes_are_looked_up_and_classified() {
        assertThat(ErrorCode.of(7026)).contains(ErrorCode.INVALID_PATH);
        assertThat(ErrorCode.of(7106)).contains(ErrorCode.SESSION_CONTEXT_NOT_ALLOWED);
        assertThat(ErrorCode.of(7032)).isEmpty();
        assertThat(ErrorCode.of(Long.MAX_VALUE)).isEmpty();
        assertThat(ErrorCode.isVendorSpecific(7800)).isTrue();
        assertThat(ErrorCode.isDataModelDefined(7230)).isTrue();
        assertThat(ErrorCode.values()).hasSize(32 + 7);
        assertThat(ErrorCode.RECORD_NOT_PARSED.isRecordLevel()).isTrue();
        assertThat(ErrorCode.INVALID_PATH.isRecordLevel()).isFalse();
        assertThat(catchCode(() -> { throw new UspException(ErrorCode.INVALID_VALUE, null); }))
                .asInstanceOf(type(UspException.class))
                .satisfies(e -> assertThat(e.getMessage()).isEqualTo("Invalid value"));
    }

    private static Throwable catchCode(Runnable r) {
        return org.assertj.core.api.Assertions.catchThrowable(r::run);
    }
}
