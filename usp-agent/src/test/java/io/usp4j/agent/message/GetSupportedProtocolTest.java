package io.usp4j.agent.message;

import static org.assertj.core.api.Assertions.assertThat;

import io.usp4j.agent.testing.TestController;
import io.usp4j.core.proto.msg.GetSupportedProtocol;
import io.usp4j.core.proto.msg.Header;
import io.usp4j.core.proto.msg.Msg;
import io.usp4j.core.proto.msg.Request;
import org.junit.jupiter.api.Test;

/** TP-469 1.80 (GetSupportedProtocol). */
class GetSupportedProtocolTest {
    @Test
    void tp469_1_80_getSupportedProtocolListsEveryVersion() {
        try (TestController controller = TestController.start()) {
            Msg answer = controller.send(Request.newBuilder().setGetSupportedProtocol(
                    GetSupportedProtocol.newBuilder().setControllerSupportedProtocolVersions("1.0,1.1")).build());
            assertThat(answer.getHeader().getMsgType()).isEqualTo(Header.MsgType.GET_SUPPORTED_PROTO_RESP);
            assertThat(answer.getBody().getResponse().getGetSupportedProtocolResp().getAgentSupportedProtocolVersions())
                    .isEqualTo("1.0,1.1,1.2,1.3,1.4");
        }
    }
}
