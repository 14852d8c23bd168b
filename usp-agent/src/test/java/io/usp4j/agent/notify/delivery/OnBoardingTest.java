package io.usp4j.agent.notify.delivery;

import static io.usp4j.agent.notify.delivery.DeliveryFixture.CONTROLLER;
import static io.usp4j.agent.notify.delivery.DeliveryFixture.ROW;
import static io.usp4j.agent.notify.delivery.DeliveryFixture.valueChange;
import static org.assertj.core.api.Assertions.assertThat;

import io.usp4j.agent.UspAgent;
import io.usp4j.agent.notify.NotificationDelivery.Policy;
import io.usp4j.agent.notify.delivery.NotificationOutbox.Outcome;
import io.usp4j.agent.testing.TestController;
import io.usp4j.core.error.ErrorCode;
import io.usp4j.core.message.Messages;
import io.usp4j.core.proto.msg.Get;
import io.usp4j.core.proto.msg.GetResp;
import io.usp4j.core.proto.msg.Header;
import io.usp4j.core.proto.msg.Msg;
import io.usp4j.core.proto.msg.Notify;
import io.usp4j.core.proto.msg.Operate;
import io.usp4j.core.proto.msg.OperateResp;
import io.usp4j.core.proto.msg.Request;
import io.usp4j.core.proto.msg.Set;
import io.usp4j.core.proto.msg.SetResp;
import io.usp4j.core.record.RecordCodec;
import io.usp4j.core.value.ValueType;
import io.usp4j.datamodel.schema.ObjectDef;
import io.usp4j.datamodel.schema.ParameterDef;
import io.usp4j.datamodel.schema.SupportedDataModel;
import io.usp4j.datamodel.storage.InMemoryStorage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * OnBoardRequest end to end: {@code Device.LocalAgent.Controller.{i}.SendOnBoardRequest()} by Operate, the
 * Notify it sends, retries until answered without expiring, {@code OnBoardingComplete} and
 * {@code OnBoardingRestartTime} (TP-469 1.60, 1.101–1.103), and the corners: disabled Controllers, a second
 * request replacing the first, the queue bound, resuming after a restart, where the identity comes from.
 */
class OnBoardingTest {
    private static final String COMMAND = ROW + "SendOnBoardRequest()";
    private static final String VERSIONS = "1.0,1.1,1.2,1.3,1.4";

    /** A device whose Device.DeviceInfo. tells who it is. */
    private static final Consumer<UspAgent.Builder> DEVICE_INFO = b -> b
            .supportedDataModel(SupportedDataModel.builder()
                    .add(ObjectDef.builder("Device.").build())
                    .add(ObjectDef.builder("Device.DeviceInfo.")
                            .parameter(ParameterDef.readOnly("ManufacturerOUI", ValueType.STRING))
                            .parameter(ParameterDef.readOnly("ProductClass", ValueType.STRING))
                            .parameter(ParameterDef.readOnly("SerialNumber", ValueType.STRING))
                            .build())
                    .build())
            .bind("Device.DeviceInfo.", o -> o
                    .constant("ManufacturerOUI", "00D09E")
                    .constant("ProductClass", "HGW-1")
                    .constant("SerialNumber", "SN0001"));

    private static final Notify.OnBoardRequest FROM_DEVICE_INFO = Notify.OnBoardRequest.newBuilder()
            .setOui("00D09E").setProductClass("HGW-1").setSerialNumber("SN0001")
            .setAgentSupportedProtocolVersions(VERSIONS).build();

    private static DeliveryFixture start(Map<String, String> row) {
        return DeliveryFixture.start(DeliverySettings.defaults().withRandom(FixedRandom.fraction(0.5)), DEVICE_INFO, row);
    }

    private static Request operate(boolean sendResp) {
        return Request.newBuilder().setOperate(Operate.newBuilder()
                .setCommand(COMMAND).setCommandKey("onboard").setSendResp(sendResp)).build();
    }

    /** Runs SendOnBoardRequest() with send_resp=false: no answer comes, only the Notify. */
    private static void operateQuietly(DeliveryFixture f) {
        f.controller.sendRecord(RecordCodec.noSessionContext(TestController.AGENT_ID, CONTROLLER,
                Messages.request(f.controller.nextMsgId(), operate(false))));
    }

    private static Notify onBoardRequest(Notify.OnBoardRequest content) {
        return Notify.newBuilder().setSubscriptionId("").setSendResp(true).setOnBoardReq(content).build();
    }

    private static String onBoardingComplete(DeliveryFixture f) {
        Msg answer = f.controller.send(Request.newBuilder()
                .setGet(Get.newBuilder().addParamPaths(ROW + "OnBoardingComplete")).build());
        assertThat(answer.getHeader().getMsgType()).isEqualTo(Header.MsgType.GET_RESP);
        GetResp resp = answer.getBody().getResponse().getGetResp();
        assertThat(resp.getReqPathResultsCount()).isEqualTo(1);
        GetResp.RequestedPathResult r = resp.getReqPathResults(0);
        assertThat(r.getRequestedPath()).isEqualTo(ROW + "OnBoardingComplete");
        assertThat(r.getErrCode()).isZero();
        assertThat(r.getResolvedPathResultsCount()).isEqualTo(1);
        assertThat(r.getResolvedPathResults(0).getResolvedPath()).isEqualTo(ROW);
        assertThat(r.getResolvedPathResults(0).getResultParamsMap().keySet()).containsExactly("OnBoardingComplete");
        return r.getResolvedPathResults(0).getResultParamsMap().get("OnBoardingComplete");
    }

    private static void setOnBoardingComplete(DeliveryFixture f, boolean value) {
        Msg answer = f.controller.send(Request.newBuilder().setSet(Set.newBuilder().setAllowPartial(false)
                .addUpdateObjs(Set.UpdateObject.newBuilder().setObjPath(ROW).addParamSettings(Set.UpdateParamSetting
                        .newBuilder().setParam("OnBoardingComplete").setValue(Boolean.toString(value)).setRequired(true))))
                .build());
        assertThat(answer.getHeader().getMsgType()).isEqualTo(Header.MsgType.SET_RESP);
        SetResp.UpdatedObjectResult r = answer.getBody().getResponse().getSetResp().getUpdatedObjResults(0);
        assertThat(r.getOperStatus().getOperSuccess().getUpdatedInstResults(0).getUpdatedParamsMap())
                .isEqualTo(Map.of("OnBoardingComplete", Boolean.toString(value)));
    }

    @Test
    void tp469_1_60_sendOnBoardRequestSendsTheNotify() {
        try (DeliveryFixture f = start(Map.of())) {
            f.introduce();
            operateQuietly(f);
            Msg m = f.nextNotify();
            assertThat(m.getBody().getRequest().getNotify()).isEqualTo(onBoardRequest(FROM_DEVICE_INFO));
            assertThat(m.getHeader().getMsgId()).isNotEmpty();
            // send_resp=false on the Operate: no OperateResp, nothing else.
            f.assertNothingSent();
        }
    }

    @Test
    void theOperateIsAnsweredBeforeTheNotifyGoesOut() {
        try (DeliveryFixture f = start(Map.of())) {
            f.introduce();
            Msg answer = f.controller.send(operate(true));
            assertThat(answer.getHeader().getMsgType()).isEqualTo(Header.MsgType.OPERATE_RESP);
            assertThat(answer.getBody().getResponse().getOperateResp()).isEqualTo(OperateResp.newBuilder()
                    .addOperationResults(OperateResp.OperationResult.newBuilder().setExecutedCommand(COMMAND)
                            .setReqOutputArgs(OperateResp.OperationResult.OutputArgs.getDefaultInstance()))
                    .build());
            assertThat(f.nextNotify().getBody().getRequest().getNotify()).isEqualTo(onBoardRequest(FROM_DEVICE_INFO));
        }
    }

    @Test
    void onBoardRequestIsRetriedUntilAnsweredAndNeverExpires() {
        try (DeliveryFixture f = start(Map.of())) {
            f.introduce();
            operateQuietly(f);
            Msg first = f.nextNotify();
            // Retries at 7.5, 22.5, 52.5, 112.5, ... s; after ten days they are 3840 s apart (n capped at 10).
            f.advanceMillis(Duration.ofDays(10).toMillis());
            int retries = 0;
            for (var r = f.controller.poll(); r != null; r = f.controller.poll()) {
                assertThat(DeliveryFixture.notifyIn(r)).isEqualTo(first);
                retries++;
            }
            assertThat(retries).isGreaterThan(200);
            f.notifyResp(first.getHeader().getMsgId(), "");
            f.advanceMillis(Duration.ofDays(10).toMillis());
            f.assertNothingSent();
            assertThat(f.stats().delivered()).isEqualTo(1);
            assertThat(f.stats().expired()).isZero();
        }
    }

    @Test
    void tp469_1_101_onBoardingCompleteIsSetToFalse() {
        try (DeliveryFixture f = start(Map.of("OnBoardingComplete", "true"))) {
            f.introduce();
            assertThat(onBoardingComplete(f)).isEqualTo("true");
            operateQuietly(f);
            Msg m = f.nextNotify();
            assertThat(m.getBody().getRequest().getNotify().hasOnBoardReq()).isTrue();
            assertThat(onBoardingComplete(f)).isEqualTo("false");
            f.notifyResp(m.getHeader().getMsgId(), "");
            setOnBoardingComplete(f, true);
            assertThat(onBoardingComplete(f)).isEqualTo("true");
        }
    }

    @Test
    void tp469_1_102_reSentOnBoardingRestartTimeAfterTheNotifyResp() {
        try (DeliveryFixture f = start(Map.of("OnBoardingRestartTime", "60"))) {
            f.introduce();
            operateQuietly(f);
            Msg first = f.nextNotify();
            // Unanswered for 30 s: two retries (7.5 s, 22.5 s). The restart time counts from the NotifyResp.
            f.advanceMillis(30_000);
            assertThat(f.sentNow()).isEqualTo(first);
            assertThat(f.sentNow()).isEqualTo(first);
            f.notifyResp(first.getHeader().getMsgId(), "");
            f.advanceMillis(59_999);
            f.assertNothingSent();
            f.advanceMillis(1);
            Msg second = f.sentNow();
            assertThat(second.getBody().getRequest().getNotify()).isEqualTo(onBoardRequest(FROM_DEVICE_INFO));
            assertThat(second.getHeader().getMsgId()).isNotEqualTo(first.getHeader().getMsgId());

            // Answered again: the cycle goes on while OnBoardingComplete stays false...
            f.notifyResp(second.getHeader().getMsgId(), "");
            f.advanceMillis(60_000);
            Msg third = f.sentNow();
            f.notifyResp(third.getHeader().getMsgId(), "");
            // ... and stops once it is true.
            setOnBoardingComplete(f, true);
            f.advanceMillis(Duration.ofDays(1).toMillis());
            f.assertNothingSent();
        }
    }

    @Test
    void tp469_1_103_noReSendWhenOnBoardingRestartTimeIsZero() {
        try (DeliveryFixture f = start(Map.of("OnBoardingRestartTime", "0"))) {
            f.introduce();
            operateQuietly(f);
            Msg m = f.nextNotify();
            f.notifyResp(m.getHeader().getMsgId(), "");
            f.advanceMillis(60_000);
            f.assertNothingSent();
            f.advanceMillis(Duration.ofDays(1).toMillis());
            f.assertNothingSent();
            assertThat(onBoardingComplete(f)).isEqualTo("false");
        }
    }

    @Test
    void anErrorAnswerAlsoStartsTheRestartWait() {
        try (DeliveryFixture f = start(Map.of("OnBoardingRestartTime", "30"))) {
            f.introduce();
            operateQuietly(f);
            Msg m = f.nextNotify();
            f.answer(Messages.error(m.getHeader().getMsgId(), ErrorCode.REQUEST_DENIED, "later", List.of()));
            f.advanceMillis(29_999);
            f.assertNothingSent();
            f.advanceMillis(1);
            assertThat(f.sentNow().getBody().getRequest().getNotify().hasOnBoardReq()).isTrue();
        }
    }

    @Test
    void aDisabledControllerIsNotServedAndGetsNoOnBoardRequest() {
        try (DeliveryFixture f = start(Map.of("Enable", "false", "OnBoardingComplete", "true"))) {
            f.controller.sendRecord(io.usp4j.core.record.RecordCodec.noSessionContext(TestController.AGENT_ID,
                    TestController.CONTROLLER_ID, io.usp4j.core.message.Messages.request("from-disabled", operate(true))));
            // The Controller is not served, so its own Get would go unanswered too: read the model directly.
            assertThat(f.controller.onAgent(() -> f.agent().dataModel().view().value(ROW + "OnBoardingComplete")))
                    .isEqualTo("true");
            assertThat(f.controller.poll()).isNull();
        }
    }

    @Test
    void aSecondRequestReplacesAnUnansweredOne() {
        try (DeliveryFixture f = start(Map.of())) {
            f.introduce();
            operateQuietly(f);
            Msg first = f.nextNotify();
            operateQuietly(f);
            Msg second = f.nextNotify();
            assertThat(second.getHeader().getMsgId()).isNotEqualTo(first.getHeader().getMsgId());
            assertThat(f.pending()).isEqualTo(1);
            // Only the second is retried; an answer to the first matches nothing.
            f.notifyResp(first.getHeader().getMsgId(), "");
            assertThat(f.stats().delivered()).isZero();
            f.advanceMillis(7_500);
            assertThat(f.sentNow()).isEqualTo(second);
            f.assertNothingSent();
        }
    }

    @Test
    void theApplicationCanSendOneAndItWaitsForTheController() {
        // Internal policy (R-NOT.5 item 2): through UspAgent.onBoarding(), before the Controller has spoken.
        try (DeliveryFixture f = start(Map.of())) {
            NotificationOutbox.Delivery d = f.controller.onAgent(() -> f.agent().onBoarding().send(CONTROLLER));
            f.assertNothingSent();
            Msg m = DeliveryFixture.notifyIn(f.controller.probe());
            assertThat(m.getHeader().getMsgId()).isEqualTo(d.msgId());
            assertThat(m.getBody().getRequest().getNotify()).isEqualTo(onBoardRequest(FROM_DEVICE_INFO));
            f.controller.next(); // the probe's answer
            f.notifyResp(d.msgId(), "");
            assertThat(d.outcome().toCompletableFuture().join()).isEqualTo(Outcome.DELIVERED);
        }
    }

    @Test
    void theQueueBoundSparesTheOnBoardRequest() {
        DeliverySettings settings = DeliverySettings.defaults().withRandom(FixedRandom.fraction(0.5)).withQueueLimit(2);
        try (DeliveryFixture f = DeliveryFixture.start(settings, DEVICE_INFO, Map.of())) {
            f.introduce();
            f.controller.transport().disconnect();
            NotificationOutbox.Delivery onBoard = f.controller.onAgent(() -> f.agent().onBoarding().send(CONTROLLER));
            f.sendOnce(valueChange("vc", "1"));
            f.sendOnce(valueChange("vc", "2"));
            f.sendOnce(valueChange("vc", "3"));
            assertThat(f.stats().dropped()).isEqualTo(2);
            f.controller.transport().reconnect();
            assertThat(f.nextNotify().getHeader().getMsgId()).isEqualTo(onBoard.msgId());
            assertThat(DeliveryFixture.values(List.of(f.nextNotify()))).containsExactly("3");
        }
    }

    @Test
    void onBoardingResumesAfterARestart() {
        InMemoryStorage storage = new InMemoryStorage();
        DeliverySettings settings = DeliverySettings.defaults().withRandom(FixedRandom.fraction(0.5));
        try (DeliveryFixture before = DeliveryFixture.start(settings, DEVICE_INFO.andThen(b -> b.storage(storage)),
                Map.of("OnBoardingRestartTime", "60"))) {
            before.introduce();
            operateQuietly(before);
            before.nextNotify();
            // The agent restarts before the Controller answers.
        }
        try (DeliveryFixture after = DeliveryFixture.start(settings, DEVICE_INFO.andThen(b -> b.storage(storage)), null)) {
            Msg m = DeliveryFixture.notifyIn(after.controller.probe());
            assertThat(m.getBody().getRequest().getNotify()).isEqualTo(onBoardRequest(FROM_DEVICE_INFO));
            assertThat(TestController.isProbeAnswer(after.controller.next())).isTrue();
        }
    }

    @Test
    void noOnBoardRequestAtStartForControllersThatDidNotAskForOne() {
        InMemoryStorage storage = new InMemoryStorage();
        DeliverySettings settings = DeliverySettings.defaults().withRandom(FixedRandom.fraction(0.5));
        // OnBoardingComplete false (the default) but no restart time.
        try (DeliveryFixture before = DeliveryFixture.start(settings, b -> b.storage(storage), Map.of())) {
            before.introduce();
        }
        try (DeliveryFixture after = DeliveryFixture.start(settings, b -> b.storage(storage), null)) {
            after.introduce();
            after.advanceMillis(Duration.ofDays(1).toMillis());
            after.assertNothingSent();
        }
    }

    @Test
    void identityFromConfigurationWhenTheModelHasNoDeviceInfo() {
        DeliverySettings settings = DeliverySettings.defaults().withRandom(FixedRandom.fraction(0.5))
                .withDeviceIdentity(new DeviceIdentity("A0B1C2", "Box", "X-42"));
        try (DeliveryFixture f = DeliveryFixture.start(settings, b -> { }, Map.of())) {
            f.introduce();
            operateQuietly(f);
            assertThat(f.nextNotify().getBody().getRequest().getNotify().getOnBoardReq()).isEqualTo(
                    Notify.OnBoardRequest.newBuilder().setOui("A0B1C2").setProductClass("Box").setSerialNumber("X-42")
                            .setAgentSupportedProtocolVersions(VERSIONS).build());
        }
    }

    @Test
    void theModelsDeviceInfoWinsOverConfiguration() {
        DeliverySettings settings = DeliverySettings.defaults().withRandom(FixedRandom.fraction(0.5))
                .withDeviceIdentity(new DeviceIdentity("A0B1C2", "Box", "X-42"));
        try (DeliveryFixture f = DeliveryFixture.start(settings, DEVICE_INFO, Map.of())) {
            assertThat(f.controller.onAgent(() -> f.agent().onBoarding().identity()))
                    .isEqualTo(new DeviceIdentity("00D09E", "HGW-1", "SN0001"));
        }
    }

    @Test
    void withNothingKnownTheFieldsAreEmpty() {
        try (DeliveryFixture f = DeliveryFixture.start(0.5)) {
            // proto:: Endpoint ID: nothing to take from it either.
            assertThat(f.controller.onAgent(() -> f.agent().onBoarding().identity())).isEqualTo(DeviceIdentity.UNKNOWN);
            f.introduce();
            operateQuietly(f);
            assertThat(f.nextNotify().getBody().getRequest().getNotify().getOnBoardReq()).isEqualTo(
                    Notify.OnBoardRequest.newBuilder().setAgentSupportedProtocolVersions(VERSIONS).build());
        }
    }

    @Test
    void onceNotificationsAndOnBoardRequestsShareTheOutbox() {
        try (DeliveryFixture f = start(Map.of())) {
            f.introduce();
            f.send(valueChange("vc", "A"), Policy.ONCE);
            operateQuietly(f);
            assertThat(f.nextNotify().getBody().getRequest().getNotify().hasValueChange()).isTrue();
            assertThat(f.nextNotify().getBody().getRequest().getNotify().hasOnBoardReq()).isTrue();
        }
    }
}
