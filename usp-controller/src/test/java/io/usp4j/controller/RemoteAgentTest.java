package io.usp4j.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.usp4j.agent.UspAgent;
import io.usp4j.agent.notify.NotificationDelivery.Policy;
import io.usp4j.agent.notify.delivery.NotificationOutbox;
import io.usp4j.core.proto.msg.AddResp;
import io.usp4j.core.proto.msg.DeleteResp;
import io.usp4j.core.proto.msg.GetInstancesResp;
import io.usp4j.core.proto.msg.GetResp;
import io.usp4j.core.proto.msg.GetSupportedDMResp;
import io.usp4j.core.proto.msg.Msg;
import io.usp4j.core.proto.msg.Notify;
import io.usp4j.core.proto.msg.OperateResp;
import io.usp4j.core.proto.msg.SetResp;
import io.usp4j.core.transport.InMemoryTransport;
import io.usp4j.core.transport.TransportException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
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

/** The controller library against a real {@link UspAgent} over an in-memory link: every message type, and notifications. */
@Timeout(30)
class RemoteAgentTest {
    private InMemoryTransport.Pair pair;
    private UspAgent agent;
    private UspController controller;
    private RemoteAgent remote;

    @BeforeEach
    void start() {
        pair = InMemoryTransport.pair("MQTT", TestGateway.AGENT_ID, TestGateway.CONTROLLER_ID);
        agent = TestGateway.configure(UspAgent.builder().endpointId(TestGateway.AGENT_ID).transport(pair.first())).build();
        controller = UspController.builder().endpointId(TestGateway.CONTROLLER_ID).transport(pair.second())
                .timeout(Duration.ofSeconds(5)).build();
        controller.start();
        agent.start();
        remote = controller.agent(TestGateway.AGENT_ID, pair.first().address());
    }

    @AfterEach
    void stop() {
        controller.close();
        agent.close();
    }

    static <T> T await(CompletableFuture<T> f) throws Exception {
        return f.get(10, TimeUnit.SECONDS);
    }

    static Throwable failure(CompletableFuture<?> f) {
        ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class, () -> f.get(10, TimeUnit.SECONDS));
        return e.getCause();
    }

    @Test
    void getReturnsValuesAndPerPathErrors() throws Exception {
        GetResp resp = await(remote.get(List.of("Device.LocalAgent.EndpointID", "Device.X_TEST_Nothing."), 0));
        assertThat(resp.getReqPathResultsList()).hasSize(2);
        GetResp.RequestedPathResult ok = resp.getReqPathResults(0);
        assertThat(ok.getErrCode()).isZero();
        assertThat(ok.getResolvedPathResults(0).getResolvedPath()).isEqualTo("Device.LocalAgent.");
        assertThat(ok.getResolvedPathResults(0).getResultParamsMap()).containsEntry("EndpointID", TestGateway.AGENT_ID);
        GetResp.RequestedPathResult bad = resp.getReqPathResults(1);
        assertThat(bad.getRequestedPath()).isEqualTo("Device.X_TEST_Nothing.");
        assertThat(bad.getErrCode()).isEqualTo(7026);
        assertThat(remote.isReachable()).isTrue();
        assertThat(controller.pendingRequests()).isZero();
    }

    @Test
    void setChangesTheValueAndAFailedSetIsAUspError() throws Exception {
        SetResp set = await(remote.set(Map.of("Device.X_TEST_Box.Name", "kitchen")));
        SetResp.UpdatedInstanceResult r = set.getUpdatedObjResults(0).getOperStatus().getOperSuccess().getUpdatedInstResults(0);
        assertThat(r.getAffectedPath()).isEqualTo("Device.X_TEST_Box.");
        assertThat(r.getUpdatedParamsMap()).containsEntry("Name", "kitchen");
        GetResp get = await(remote.get("Device.X_TEST_Box.Name"));
        assertThat(get.getReqPathResults(0).getResolvedPathResults(0).getResultParamsMap()).containsEntry("Name", "kitchen");

        Throwable e = failure(remote.set(Map.of("Device.X_TEST_Box.NoSuchParam", "x")));
        assertThat(e).isInstanceOf(UspErrorException.class);
        UspErrorException use = (UspErrorException) e;
        assertThat(use.code()).isBetween(7000, 7999);
        assertThat(use.paramErrors()).isNotEmpty();
        assertThat(use.paramErrors().get(0).getParamPath()).isEqualTo("Device.X_TEST_Box.NoSuchParam");
        assertThat(use.paramErrors().get(0).getErrCode()).isEqualTo(7010);
    }

    @Test
    void addInstancesAndDelete() throws Exception {
        AddResp add = await(remote.add("Device.X_TEST_Box.Item.", Map.of("Label", "one")));
        String created = add.getCreatedObjResults(0).getOperStatus().getOperSuccess().getInstantiatedPath();
        assertThat(created).isEqualTo("Device.X_TEST_Box.Item.1.");
        await(remote.add("Device.X_TEST_Box.Item.", Map.of("Label", "two")));

        GetInstancesResp inst = await(remote.instances(List.of("Device.X_TEST_Box.Item."), true));
        assertThat(inst.getReqPathResults(0).getCurrInstsList()).extracting(GetInstancesResp.CurrInstance::getInstantiatedObjPath)
                .containsExactly("Device.X_TEST_Box.Item.1.", "Device.X_TEST_Box.Item.2.");

        DeleteResp del = await(remote.delete(List.of(created)));
        assertThat(del.getDeletedObjResults(0).getOperStatus().getOperSuccess().getAffectedPathsList()).containsExactly(created);
        inst = await(remote.instances(List.of("Device.X_TEST_Box.Item."), false));
        assertThat(inst.getReqPathResults(0).getCurrInstsList()).extracting(GetInstancesResp.CurrInstance::getInstantiatedObjPath)
                .containsExactly("Device.X_TEST_Box.Item.2.");

        // A path outside the Supported Data Model fails the whole Delete (allow_partial false).
        Throwable e = failure(remote.delete(List.of("Device.X_TEST_Nothing.1.")));
        assertThat(e).isInstanceOf(UspErrorException.class);
        assertThat(((UspErrorException) e).code()).isEqualTo(7026);
    }

    @Test
    void operateSyncAndWithoutResponse() throws Exception {
        OperateResp resp = await(remote.operate("Device.X_TEST_Box.Echo()", Map.of("Text", "hello"), true));
        OperateResp.OperationResult r = resp.getOperationResults(0);
        assertThat(r.getExecutedCommand()).isEqualTo("Device.X_TEST_Box.Echo()");
        assertThat(r.getReqOutputArgs().getOutputArgsMap()).isEqualTo(Map.of("Text", "hello"));

        assertThat(await(remote.operate("Device.X_TEST_Box.Echo()", Map.of("Text", "quiet"), false)))
                .isEqualTo(OperateResp.getDefaultInstance());
        // The link is ordered and the agent works in order: this answer comes after anything sent for the quiet one.
        assertThat(await(remote.supportedProtocol()).getAgentSupportedProtocolVersions()).contains("1.4");
        assertThat(controller.pendingRequests()).isZero();
    }

    @Test
    void supportedDmAndProtocol() throws Exception {
        GetSupportedDMResp dm = await(remote.supportedDm(List.of("Device.X_TEST_Box.")));
        GetSupportedDMResp.RequestedObjectResult r = dm.getReqObjResults(0);
        assertThat(r.getErrCode()).isZero();
        assertThat(r.getSupportedObjsList()).extracting(GetSupportedDMResp.SupportedObjectResult::getSupportedObjPath)
                .contains("Device.X_TEST_Box.", "Device.X_TEST_Box.Item.{i}.");
        GetSupportedDMResp.SupportedObjectResult box = r.getSupportedObjsList().stream()
                .filter(o -> o.getSupportedObjPath().equals("Device.X_TEST_Box.")).findFirst().orElseThrow();
        assertThat(box.getSupportedCommandsList()).extracting(GetSupportedDMResp.SupportedCommandResult::getCommandName)
                .containsExactly("Echo()");
        assertThat(box.getSupportedParamsList()).extracting(GetSupportedDMResp.SupportedParamResult::getParamName)
                .containsExactly("Name");

        assertThat(await(remote.supportedProtocol("1.3,1.4")).getAgentSupportedProtocolVersions()).contains("1.3", "1.4");
    }

    @Test
    void subscriptionRoutesValueChangesToItsListenerAndCancelDeletesTheRow() throws Exception {
        BlockingQueue<Notification> mine = new LinkedBlockingQueue<>();
        BlockingQueue<Notification> all = new LinkedBlockingQueue<>();
        BlockingQueue<Notification> agents = new LinkedBlockingQueue<>();
        controller.onNotification(all::add);
        remote.onNotification(agents::add);
        Subscription sub = await(remote.subscribe(NotifType.VALUE_CHANGE, List.of("Device.X_TEST_Box.Name"), mine::add));
        assertThat(sub.path()).startsWith("Device.LocalAgent.Subscription.");
        GetResp row = await(remote.get(sub.path()));
        Map<String, String> values = row.getReqPathResults(0).getResolvedPathResults(0).getResultParamsMap();
        assertThat(values).containsEntry("ID", sub.id()).containsEntry("Enable", "true")
                .containsEntry("NotifType", "ValueChange").containsEntry("NotifRetry", "true")
                .containsEntry("ReferenceList", "Device.X_TEST_Box.Name");

        await(remote.set(Map.of("Device.X_TEST_Box.Name", "garden")));
        Notification n = mine.poll(10, TimeUnit.SECONDS);
        assertThat(n).as("a ValueChange").isNotNull();
        assertThat(n.agentEndpointId()).isEqualTo(TestGateway.AGENT_ID);
        assertThat(n.subscriptionId()).isEqualTo(sub.id());
        assertThat(n.typeName()).isEqualTo("ValueChange");
        assertThat(n.payload().getSendResp()).isTrue();
        assertThat(n.payload().getValueChange().getParamPath()).isEqualTo("Device.X_TEST_Box.Name");
        assertThat(n.payload().getValueChange().getParamValue()).isEqualTo("garden");
        assertThat(all.poll(5, TimeUnit.SECONDS)).isEqualTo(n);
        assertThat(agents.poll(5, TimeUnit.SECONDS)).isEqualTo(n);
        // The NotifyResp went back: nothing is left waiting in the agent's outbox.
        awaitTrue(() -> agent.call(() -> agent.notificationOutbox().pending(TestGateway.CONTROLLER_ID)).get(5, TimeUnit.SECONDS) == 0);

        await(sub.cancel());
        GetInstancesResp left = await(remote.instances(List.of("Device.LocalAgent.Subscription."), true));
        assertThat(left.getReqPathResults(0).getCurrInstsList()).isEmpty();
    }

    @Test
    void aNotificationAskingForAResponseIsAcknowledged() throws Exception {
        BlockingQueue<Notification> got = new LinkedBlockingQueue<>();
        remote.onNotification(got::add);
        // The agent must know the way to the controller: it learns it from the controller's first Record.
        await(remote.supportedProtocol());
        Notify notify = Notify.newBuilder().setSubscriptionId("manual-1").setSendResp(true)
                .setEvent(Notify.Event.newBuilder().setObjPath("Device.").setEventName("Boot!").putParams("Cause", "LocalReboot"))
                .build();
        NotificationOutbox.Delivery d = agent.call(() -> agent.notificationOutbox()
                .send(TestGateway.CONTROLLER_ID, notify, new Policy(true, Duration.ZERO))).get(5, TimeUnit.SECONDS);
        assertThat(d.outcome().toCompletableFuture().get(10, TimeUnit.SECONDS)).isEqualTo(NotificationOutbox.Outcome.DELIVERED);
        Notification n = got.poll(5, TimeUnit.SECONDS);
        assertThat(n).isNotNull();
        assertThat(n.msgId()).isEqualTo(d.msgId());
        assertThat(n.typeName()).isEqualTo("Event");
        assertThat(n.payload().getEvent().getParamsMap()).containsEntry("Cause", "LocalReboot");
    }

    @Test
    void aCutLinkFailsTheRequestAndAnAgentThatNeverAnswersTimesOut() throws Exception {
        pair.second().disconnect();
        assertThat(failure(remote.get("Device.LocalAgent.EndpointID"))).isInstanceOf(TransportException.class);
        pair.second().reconnect();
        // The agent drops a Record addressed to someone else: nothing answers.
        RemoteAgent nobody = controller.agent("proto::nobody", pair.first().address());
        CompletableFuture<Msg> f = nobody.send(io.usp4j.core.proto.msg.Request.newBuilder()
                .setGetSupportedProtocol(io.usp4j.core.proto.msg.GetSupportedProtocol.newBuilder()
                        .setControllerSupportedProtocolVersions("1.4")).build(), Duration.ofMillis(200));
        assertThat(failure(f)).isInstanceOf(TimeoutException.class).hasMessageContaining("proto::nobody");
        assertThat(controller.pendingRequests()).isZero();
        assertThat(await(remote.supportedProtocol()).getAgentSupportedProtocolVersions()).isNotEmpty();
    }

    @Test
    void closingFailsWaitingRequestsAndRefusesNewOnes() {
        controller.close();
        assertThatThrownBy(() -> remote.get("Device.")).isInstanceOf(IllegalStateException.class);
    }

    interface Check {
        boolean ok() throws Exception;
    }

    static void awaitTrue(Check check) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!check.ok()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("condition not met within 10 s");
            }
            Thread.sleep(20);
        }
    }
}
