package io.usp4j.controller;

import static org.assertj.core.api.Assertions.assertThat;

import io.usp4j.core.error.ErrorCode;
import io.usp4j.core.message.MessageCodec;
import io.usp4j.core.message.Messages;
import io.usp4j.core.proto.msg.Get;
import io.usp4j.core.proto.msg.GetResp;
import io.usp4j.core.proto.msg.GetSupportedProtocolResp;
import io.usp4j.core.proto.msg.Msg;
import io.usp4j.core.proto.msg.Request;
import io.usp4j.core.proto.msg.Response;
import io.usp4j.core.proto.record.MQTTConnectRecord;
import io.usp4j.core.proto.record.Record;
import io.usp4j.core.record.RecordCodec;
import io.usp4j.core.transport.Destination;
import io.usp4j.core.transport.InMemoryTransport;
import io.usp4j.core.transport.InboundRecord;
import io.usp4j.core.transport.RecordReceiver;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The controller's Record handling against a scripted peer that answers as the test says: Error messages,
 * answers after the timeout, from the wrong sender, to another to_id, connect Records, and requests a
 * Controller does not serve.
 */
@Timeout(30)
class ControllerRecordsTest {
    static final String AGENT = "proto::scripted-agent";
    static final String CTRL = "proto::ctl";

    private InMemoryTransport.Pair pair;
    private UspController controller;
    private RemoteAgent remote;
    private final BlockingQueue<Record> atAgent = new LinkedBlockingQueue<>();

    @BeforeEach
    void start() {
        pair = InMemoryTransport.pair("MQTT", AGENT, CTRL);
        pair.first().start(new RecordReceiver() {
            @Override
            public void onRecord(InboundRecord record) {
                atAgent.add(RecordCodec.decode(record.bytes()));
            }
        });
        controller = UspController.builder().endpointId(CTRL).transport(pair.second()).timeout(Duration.ofSeconds(5)).build();
        controller.start();
        remote = controller.agent(AGENT, pair.first().address());
    }

    @AfterEach
    void stop() {
        controller.close();
        pair.first().close();
    }

    Msg nextRequest() throws InterruptedException {
        Record r = atAgent.poll(5, TimeUnit.SECONDS);
        assertThat(r).as("a Record from the controller").isNotNull();
        assertThat(r.getToId()).isEqualTo(AGENT);
        assertThat(r.getFromId()).isEqualTo(CTRL);
        return MessageCodec.decode(RecordCodec.payload(r));
    }

    void fromAgent(String from, String to, Msg msg) {
        pair.first().send(Destination.of(CTRL), RecordCodec.encode(RecordCodec.noSessionContext(to, from, msg)))
                .toCompletableFuture().join();
    }

    static Msg getResp(String msgId, String value) {
        return Messages.response(msgId, Response.newBuilder().setGetResp(GetResp.newBuilder().addReqPathResults(
                GetResp.RequestedPathResult.newBuilder().setRequestedPath("Device.X").addResolvedPathResults(
                        GetResp.ResolvedPathResult.newBuilder().setResolvedPath("Device.").putResultParams("X", value)))).build());
    }

    static Throwable failure(CompletableFuture<?> f) {
        ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class, () -> f.get(10, TimeUnit.SECONDS));
        return e.getCause();
    }

    @Test
    void anErrorMessageFailsTheRequestWithItsCodeAndParamErrors() throws Exception {
        CompletableFuture<GetResp> f = remote.get("Device.X");
        Msg req = nextRequest();
        assertThat(req.getBody().getRequest().getGet().getParamPathsList()).containsExactly("Device.X");
        fromAgent(AGENT, CTRL, Messages.error(req.getHeader().getMsgId(), ErrorCode.PERMISSION_DENIED, "no",
                List.of(Messages.paramError("Device.X", ErrorCode.PERMISSION_DENIED, "not for you"))));
        Throwable e = failure(f);
        assertThat(e).isInstanceOf(UspErrorException.class).hasMessageContaining("7006").hasMessageContaining("no");
        UspErrorException u = (UspErrorException) e;
        assertThat(u.code()).isEqualTo(7006);
        assertThat(u.errorCode()).contains(ErrorCode.PERMISSION_DENIED);
        assertThat(u.msgId()).isEqualTo(req.getHeader().getMsgId());
        assertThat(u.paramErrors()).hasSize(1);
    }

    @Test
    void answersAreMatchedByMsgIdWhateverTheirOrderAndOnlyFromTheAgentAsked() throws Exception {
        CompletableFuture<GetResp> first = remote.get("Device.X");
        CompletableFuture<GetResp> second = remote.get("Device.X");
        Msg r1 = nextRequest();
        Msg r2 = nextRequest();
        assertThat(r1.getHeader().getMsgId()).isNotEqualTo(r2.getHeader().getMsgId());
        // Another endpoint answering the second: ignored.
        fromAgent("proto::intruder", CTRL, getResp(r2.getHeader().getMsgId(), "forged"));
        // An answer addressed to another controller: ignored.
        fromAgent(AGENT, "proto::other-ctl", getResp(r2.getHeader().getMsgId(), "misrouted"));
        fromAgent(AGENT, CTRL, getResp(r2.getHeader().getMsgId(), "two"));
        fromAgent(AGENT, CTRL, getResp(r1.getHeader().getMsgId(), "one"));
        assertThat(second.get(5, TimeUnit.SECONDS).getReqPathResults(0).getResolvedPathResults(0).getResultParamsMap())
                .containsEntry("X", "two");
        assertThat(first.get(5, TimeUnit.SECONDS).getReqPathResults(0).getResolvedPathResults(0).getResultParamsMap())
                .containsEntry("X", "one");
    }

    @Test
    void aLateAnswerIsDroppedAndAWrongTypeFailsTheTypedCall() throws Exception {
        CompletableFuture<Msg> f = remote.send(Request.newBuilder().setGet(Get.newBuilder().addParamPaths("Device.X")).build(),
                Duration.ofMillis(150));
        Msg req = nextRequest();
        assertThat(failure(f)).isInstanceOf(TimeoutException.class);
        fromAgent(AGENT, CTRL, getResp(req.getHeader().getMsgId(), "late"));
        assertThat(controller.pendingRequests()).isZero();

        CompletableFuture<GetResp> typed = remote.get("Device.X");
        Msg again = nextRequest();
        fromAgent(AGENT, CTRL, Messages.response(again.getHeader().getMsgId(), Response.newBuilder()
                .setGetSupportedProtocolResp(GetSupportedProtocolResp.newBuilder().setAgentSupportedProtocolVersions("1.4")).build()));
        assertThat(failure(typed)).isInstanceOf(UnexpectedResponseException.class);
    }

    @Test
    void aConnectRecordMarksTheAgentReachable() throws Exception {
        BlockingQueue<AgentPresence> seen = new LinkedBlockingQueue<>();
        controller.onPresence(seen::add);
        assertThat(remote.isReachable()).isFalse();
        CompletableFuture<Void> reachable = remote.whenReachable();
        pair.first().send(Destination.of(CTRL), RecordCodec.encode(Record.newBuilder().setVersion("1.4").setToId(CTRL).setFromId(AGENT)
                .setMqttConnect(MQTTConnectRecord.newBuilder().setVersion(MQTTConnectRecord.MQTTVersion.V5)
                        .setSubscribedTopic("usp/agent")).build())).toCompletableFuture().join();
        reachable.get(5, TimeUnit.SECONDS);
        AgentPresence p = seen.poll(5, TimeUnit.SECONDS);
        assertThat(p).isNotNull();
        assertThat(p.agentEndpointId()).isEqualTo(AGENT);
        assertThat(p.connected()).isTrue();
        assertThat(p.record().getMqttConnect().getSubscribedTopic()).isEqualTo("usp/agent");
        assertThat(remote.isReachable()).isTrue();
    }

    @Test
    void aRequestOtherThanNotifyIsRefusedWith7001() throws Exception {
        fromAgent(AGENT, CTRL, Messages.request("agent-1", Request.newBuilder().setGet(Get.newBuilder().addParamPaths("Device.")).build()));
        Msg answer = nextRequest();
        assertThat(answer.getHeader().getMsgId()).isEqualTo("agent-1");
        assertThat(answer.getBody().getError().getErrCode()).isEqualTo(7001);
    }
}
