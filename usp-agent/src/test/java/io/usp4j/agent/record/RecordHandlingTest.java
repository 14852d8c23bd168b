package io.usp4j.agent.record;

import static io.usp4j.agent.testing.TestController.AGENT_ID;
import static io.usp4j.agent.testing.TestController.CONTROLLER_ID;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.usp4j.agent.testing.TestController;
import io.usp4j.core.error.ErrorCode;
import io.usp4j.core.message.MessageCodec;
import io.usp4j.core.message.Messages;
import io.usp4j.core.proto.msg.GetSupportedProtocol;
import io.usp4j.core.proto.msg.Header;
import io.usp4j.core.proto.msg.Msg;
import io.usp4j.core.proto.msg.Request;
import io.usp4j.core.proto.record.NoSessionContextRecord;
import io.usp4j.core.proto.record.Record;
import io.usp4j.core.proto.record.SessionContextRecord;
import io.usp4j.core.record.RecordCodec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The agent's answers to bad Records (TR-369 §"Handling errors", spec digest §1.8). */
class RecordHandlingTest {
    private final TestController controller = TestController.start();

    @AfterEach
    void stop() {
        controller.close();
    }

    private static Msg gsp(String id) {
        return Messages.request(id, Request.newBuilder()
                .setGetSupportedProtocol(GetSupportedProtocol.newBuilder().setControllerSupportedProtocolVersions("1.3")).build());
    }

    private static Msg decode(Record r) {
        return MessageCodec.decode(RecordCodec.payload(r));
    }

    @Test
    void answersInANoSessionContextRecordAddressedBack() {
        controller.sendRecord(RecordCodec.noSessionContext(AGENT_ID, CONTROLLER_ID, gsp("m1")));
        Record r = controller.next();
        assertThat(r.getToId()).isEqualTo(CONTROLLER_ID);
        assertThat(r.getFromId()).isEqualTo(AGENT_ID);
        assertThat(r.getVersion()).isEqualTo("1.4");
        assertThat(r.hasNoSessionContext()).isTrue();
        Msg m = decode(r);
        assertThat(m.getHeader().getMsgId()).isEqualTo("m1");
        assertThat(m.getBody().getResponse().getGetSupportedProtocolResp().getAgentSupportedProtocolVersions())
                .isEqualTo("1.0,1.1,1.2,1.3,1.4");
    }

    @Test
    void ignoresRecordsForAnotherEndpoint() {
        controller.sendRecord(RecordCodec.noSessionContext("proto::someone-else", CONTROLLER_ID, gsp("m1")));
        assertThat(TestController.isProbeAnswer(controller.probe())).isTrue();
    }

    @Test
    void tp469_2_1_ignoresRecordsFromItsOwnEndpointId() {
        controller.sendRecord(RecordCodec.noSessionContext(AGENT_ID, AGENT_ID, gsp("m1")));
        assertThat(TestController.isProbeAnswer(controller.probe())).isTrue();
    }

    @Test
    void tp469_2_2_ignoresRecordsWithoutItsToId() {
        controller.sendRecord(RecordCodec.noSessionContext("proto::invalid", CONTROLLER_ID, gsp("m1")));
        assertThat(TestController.isProbeAnswer(controller.probe())).isTrue();
    }

    @Test
    void ignoresBytesThatAreNoRecord() {
        controller.sendBytes(new byte[] {(byte) 0xff, 0x01, 0x02});
        assertThat(TestController.isProbeAnswer(controller.probe())).isTrue();
    }

    @Test
    void answersAnInvalidRecordCarryingARequestWith7104() {
        Record noVersion = RecordCodec.noSessionContext(AGENT_ID, CONTROLLER_ID, gsp("m2")).toBuilder().clearVersion().build();
        controller.sendRecord(noVersion);
        Msg m = decode(controller.next());
        assertThat(m.getHeader().getMsgId()).isEqualTo("m2");
        assertThat(m.getBody().getError().getErrCode()).isEqualTo(ErrorCode.INVALID_RECORD_VALUE.code());
    }

    @Test
    void ignoresAnInvalidRecordFromAnInvalidEndpoint() {
        Record bad = RecordCodec.noSessionContext(AGENT_ID, "not an endpoint id", gsp("m3")).toBuilder().clearVersion().build();
        controller.sendRecord(bad);
        assertThat(TestController.isProbeAnswer(controller.probe())).isTrue();
    }

    @Test
    void answersAMalformedRequestMessageWith7004() {
        Msg noBody = Msg.newBuilder().setHeader(Header.newBuilder().setMsgId("m4").setMsgType(Header.MsgType.GET)).build();
        controller.sendRecord(Record.newBuilder().setVersion("1.4").setToId(AGENT_ID).setFromId(CONTROLLER_ID)
                .setNoSessionContext(NoSessionContextRecord.newBuilder().setPayload(noBody.toByteString())).build());
        Record r = controller.next();
        Msg m = decode(r);
        assertThat(m.getHeader().getMsgId()).isEqualTo("m4");
        assertThat(m.getBody().getError().getErrCode()).isEqualTo(ErrorCode.INVALID_ARGUMENTS.code());
    }

    @Test
    void ignoresAPayloadThatIsNoMessage() {
        controller.sendRecord(Record.newBuilder().setVersion("1.4").setToId(AGENT_ID).setFromId(CONTROLLER_ID)
                .setNoSessionContext(NoSessionContextRecord.newBuilder().setPayload(ByteString.copyFromUtf8("garbage!"))).build());
        assertThat(TestController.isProbeAnswer(controller.probe())).isTrue();
    }

    @Test
    void refusesSessionContextsWithADisconnect7106() {
        controller.sendRecord(Record.newBuilder().setVersion("1.4").setToId(AGENT_ID).setFromId(CONTROLLER_ID)
                .setSessionContext(SessionContextRecord.newBuilder().setSessionId(1).setSequenceId(1).setExpectedId(1)).build());
        Record r = controller.next();
        assertThat(r.hasDisconnect()).isTrue();
        assertThat(r.getDisconnect().getReasonCode()).isEqualTo(ErrorCode.SESSION_CONTEXT_NOT_ALLOWED.code());
        assertThat(r.getToId()).isEqualTo(CONTROLLER_ID);
    }

    @Test
    void ignoresResponsesMatchingNothingAndRequestsAnAgentDoesNotTake() {
        controller.sendRecord(RecordCodec.noSessionContext(AGENT_ID, CONTROLLER_ID,
                Messages.error("unknown", ErrorCode.MESSAGE_FAILED, "x", java.util.List.of())));
        assertThat(TestController.isProbeAnswer(controller.probe())).isTrue();
        Msg notify = controller.send(Request.newBuilder().setNotify(io.usp4j.core.proto.msg.Notify.newBuilder()
                .setSubscriptionId("s").setOnBoardReq(io.usp4j.core.proto.msg.Notify.OnBoardRequest.newBuilder().setOui("00D09E"))).build());
        assertThat(notify.getBody().getError().getErrCode()).isEqualTo(ErrorCode.MESSAGE_NOT_SUPPORTED.code());
    }
}
