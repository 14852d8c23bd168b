package io.usp4j.examples.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.usp4j.agent.UspAgent;
import io.usp4j.agent.device.DefaultsFile;
import io.usp4j.core.proto.msg.Get;
import io.usp4j.core.proto.msg.GetResp;
import io.usp4j.core.proto.msg.Msg;
import io.usp4j.core.proto.msg.Notify;
import io.usp4j.core.proto.msg.Operate;
import io.usp4j.core.proto.msg.OperateResp;
import io.usp4j.core.proto.msg.Request;
import io.usp4j.core.proto.msg.Set;
import io.usp4j.datamodel.storage.FileStorage;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The gateway's bindings against a real agent, a Controller on an in-memory link, and a real file store. */
@Timeout(60)
class GatewayTest {
    @TempDir
    Path dir;

    private FileStorage storage;
    private Gateway gateway;
    private InMemoryController controller;
    private final BlockingQueue<UspAgent> starts = new LinkedBlockingQueue<>();

    /** Starts a gateway on the data directory, with its timers off so the tests drive the LAN themselves. */
    private void startGateway(DefaultsFile defaults) {
        storage = FileStorage.open(dir);
        controller = new InMemoryController();
        Gateway.Builder b = Gateway.builder(storage)
                .endpointId(InMemoryController.AGENT)
                .controller(InMemoryController.ID)
                .transports(controller)
                .lanInterval(Duration.ZERO)
                .doorbellInterval(Duration.ZERO)
                .onStart(starts::add);
        if (defaults != null) {
            b.factoryDefaults(defaults.factoryDefaults());
        }
        gateway = b.build();
        gateway.start();
    }

    private void stopGateway() {
        gateway.close();
        storage.close();
        gateway = null;
    }

    @AfterEach
    void tearDown() {
        if (gateway != null) {
            stopGateway();
        }
    }

    /** The values a Get returns, by full parameter path. */
    private Map<String, String> get(String... paths) throws InterruptedException {
        Msg answer = controller.send(Request.newBuilder().setGet(Get.newBuilder().addAllParamPaths(java.util.List.of(paths))).build());
        assertThat(answer.getBody().hasResponse()).as("answer to Get: %s", answer).isTrue();
        Map<String, String> values = new LinkedHashMap<>();
        for (GetResp.RequestedPathResult r : answer.getBody().getResponse().getGetResp().getReqPathResultsList()) {
            assertThat(r.getErrCode()).as("%s: %s", r.getRequestedPath(), r.getErrMsg()).isZero();
            for (GetResp.ResolvedPathResult p : r.getResolvedPathResultsList()) {
                p.getResultParamsMap().forEach((k, v) -> values.put(p.getResolvedPath() + k, v));
            }
        }
        return values;
    }

    private Msg set(String objPath, String param, String value) throws InterruptedException {
        return controller.send(Request.newBuilder().setSet(Set.newBuilder().setAllowPartial(false)
                .addUpdateObjs(Set.UpdateObject.newBuilder().setObjPath(objPath)
                        .addParamSettings(Set.UpdateParamSetting.newBuilder().setParam(param).setValue(value).setRequired(true))))
                .build());
    }

    private Msg operate(String command, String key, Map<String, String> input) throws InterruptedException {
        return controller.send(Request.newBuilder().setOperate(Operate.newBuilder().setCommand(command).setCommandKey(key)
                .setSendResp(true).putAllInputArgs(input)).build());
    }

    @Test
    void answersGetOfDeviceInfoAndTheFirmwareTables() throws InterruptedException {
        startGateway(null);
        Map<String, String> info = get("Device.DeviceInfo.", "Device.WiFi.Radio.*.Channel", "Device.Hosts.HostNumberOfEntries");
        assertThat(info).containsEntry("Device.DeviceInfo.Manufacturer", "ACME Networks")
                .containsEntry("Device.DeviceInfo.ManufacturerOUI", "00D09E")
                .containsEntry("Device.DeviceInfo.SerialNumber", "GW0001")
                .containsEntry("Device.DeviceInfo.ProvisioningCode", "")
                .containsEntry("Device.WiFi.Radio.1.Channel", "6")
                .containsEntry("Device.WiFi.Radio.2.Channel", "36")
                .containsEntry("Device.Hosts.HostNumberOfEntries", "3");
        assertThat(Long.parseLong(info.get("Device.DeviceInfo.UpTime"))).isNotNegative();
    }

    @Test
    void aSetOfAnSsidReachesTheDriverAndTheDriverMayRefuse() throws InterruptedException {
        startGateway(null);
        Msg ok = set("Device.WiFi.SSID.[Name==\"wl1\"].", "SSID", "guest-5G");
        assertThat(ok.getBody().getResponse().hasSetResp()).as("%s", ok).isTrue();
        assertThat(gateway.onWifi(w -> w.ssid("wl1")).join()).isEqualTo("guest-5G");

        // Channel 140 is within 1-255 but not in the 2.4 GHz band: the driver refuses, nothing changes.
        Msg refused = set("Device.WiFi.Radio.1.", "Channel", "140");
        assertThat(refused.getBody().hasError()).as("%s", refused).isTrue();
        assertThat(gateway.onWifi(w -> w.channel("radio0")).join()).isEqualTo(6);
    }

    @Test
    void hostsComingAndGoingAreNotified() throws InterruptedException {
        startGateway(null);
        controller.subscribe("joined", "ObjectCreation", "Device.Hosts.Host.");
        controller.subscribe("left", "ObjectDeletion", "Device.Hosts.Host.");
        controller.subscribe("active", "ValueChange", "Device.Hosts.Host.*.Active");

        SimulatedLan.Change joined = gateway.changeLan(lan -> lan.join("fridge")).join();
        Notify created = controller.awaitNotify(Notify::hasObjCreation);
        assertThat(created.getSubscriptionId()).isEqualTo("joined");
        assertThat(created.getObjCreation().getObjPath()).isEqualTo("Device.Hosts.Host.4.");
        assertThat(created.getObjCreation().getUniqueKeysMap()).containsEntry("PhysAddress", joined.mac());

        gateway.changeLan(lan -> lan.setActive(joined.mac(), false)).join();
        Notify idle = controller.awaitNotify(Notify::hasValueChange);
        assertThat(idle.getValueChange().getParamPath()).isEqualTo("Device.Hosts.Host.4.Active");
        assertThat(idle.getValueChange().getParamValue()).isEqualTo("false");

        gateway.changeLan(lan -> lan.leave(joined.mac())).join();
        assertThat(controller.awaitNotify(Notify::hasObjDeletion).getObjDeletion().getObjPath()).isEqualTo("Device.Hosts.Host.4.");
        assertThat(get("Device.Hosts.HostNumberOfEntries")).containsEntry("Device.Hosts.HostNumberOfEntries", "3");
    }

    @Test
    void ipPingCompletesLaterWithOperationComplete() throws InterruptedException {
        startGateway(null);
        controller.subscribe("ping", "OperationComplete", "Device.IP.Diagnostics.IPPing()");
        Msg started = operate("Device.IP.Diagnostics.IPPing()", "ping-1", Map.of("Host", "example.com", "NumberOfRepetitions", "2"));
        OperateResp.OperationResult result = started.getBody().getResponse().getOperateResp().getOperationResults(0);
        assertThat(result.getReqObjPath()).startsWith("Device.LocalAgent.Request.");

        Notify done = controller.awaitNotify(Notify::hasOperComplete);
        assertThat(done.getOperComplete().getCommandKey()).isEqualTo("ping-1");
        Map<String, String> out = done.getOperComplete().getReqOutputArgs().getOutputArgsMap();
        assertThat(out).containsEntry("Status", "Complete").containsEntry("SuccessCount", "2").containsEntry("FailureCount", "0");
        assertThat(Long.parseLong(out.get("MinimumResponseTime"))).isLessThanOrEqualTo(Long.parseLong(out.get("MaximumResponseTime")));

        operate("Device.IP.Diagnostics.IPPing()", "ping-2", Map.of("Host", "nowhere.invalid"));
        Notify failed = controller.awaitNotify(Notify::hasOperComplete);
        assertThat(failed.getOperComplete().getReqOutputArgs().getOutputArgsMap())
                .containsEntry("Status", "Error_CannotResolveHostName");
    }

    @Test
    void theDoorbellIsAVendorEvent() throws InterruptedException {
        startGateway(null);
        controller.subscribe("bell", "Event", "Device.X_ACME_Doorbell.Pressed!");
        gateway.pressDoorbell("front").join();
        Notify rang = controller.awaitNotify(Notify::hasEvent);
        assertThat(rang.getEvent().getObjPath()).isEqualTo("Device.X_ACME_Doorbell.");
        assertThat(rang.getEvent().getEventName()).isEqualTo("Pressed!");
        assertThat(rang.getEvent().getParamsMap()).containsEntry("Button", "front").containsEntry("PressCount", "1");
        assertThat(get("Device.X_ACME_Doorbell.PressCount")).containsEntry("Device.X_ACME_Doorbell.PressCount", "1");
    }

    @Test
    void ethernetCountersGrow() throws InterruptedException {
        startGateway(null);
        String path = "Device.Ethernet.Interface.[Name==\"eth0\"].Stats.BytesReceived";
        long first = Long.parseLong(get(path).get("Device.Ethernet.Interface.1.Stats.BytesReceived"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        long later = first;
        while (later <= first && System.nanoTime() < deadline) {
            later = Long.parseLong(get(path).get("Device.Ethernet.Interface.1.Stats.BytesReceived"));
        }
        assertThat(later).isGreaterThan(first);
    }

    @Test
    void rebootRestartsTheAgentInProcessWhichSendsBootAndKeepsItsState() throws InterruptedException {
        startGateway(null);
        UspAgent first = starts.take();
        controller.subscribe("boot", "Event", "Device.Boot!");
        set("Device.DeviceInfo.", "ProvisioningCode", "ISP-7");

        Msg answer = operate("Device.Reboot()", "reboot-1", Map.of());
        assertThat(answer.getBody().getResponse().hasOperateResp()).as("%s", answer).isTrue();
        UspAgent second = starts.poll(10, TimeUnit.SECONDS);
        assertThat(second).isNotNull().isNotSameAs(first);
        assertThat(first.call(() -> 1)).isCompletedExceptionally(); // the old agent is closed

        // The new agent knows the Controller once it speaks; then the Boot! it has been holding goes out.
        assertThat(get("Device.DeviceInfo.ProvisioningCode")).containsEntry("Device.DeviceInfo.ProvisioningCode", "ISP-7");
        Notify boot = controller.awaitNotify(n -> n.hasEvent() && n.getEvent().getEventName().equals("Boot!"));
        assertThat(boot.getEvent().getParamsMap()).containsEntry("Cause", "RemoteReboot").containsEntry("CommandKey", "reboot-1");
    }

    @Test
    void rowsAndSubscriptionsSurviveAProgramRestart() throws InterruptedException {
        startGateway(null);
        controller.subscribe("kept", "ValueChange", "Device.WiFi.SSID.*.SSID");
        assertThat(set("Device.DeviceInfo.", "ProvisioningCode", "ISP-9").getBody().getResponse().hasSetResp()).isTrue();
        Msg added = controller.send(Request.newBuilder().setAdd(io.usp4j.core.proto.msg.Add.newBuilder().setAllowPartial(false)
                .addCreateObjs(io.usp4j.core.proto.msg.Add.CreateObject.newBuilder().setObjPath("Device.WiFi.SSID.")
                        .addParamSettings(io.usp4j.core.proto.msg.Add.CreateParamSetting.newBuilder()
                                .setParam("Alias").setValue("iot-net")))).build());
        assertThat(added.getBody().getResponse().hasAddResp()).as("%s", added).isTrue();
        stopGateway();

        startGateway(null);
        Map<String, String> after = get("Device.LocalAgent.Subscription.*.ID", "Device.DeviceInfo.ProvisioningCode",
                "Device.WiFi.SSID.2.Name", "Device.LocalAgent.ControllerNumberOfEntries");
        assertThat(after).containsValue("kept")
                .containsEntry("Device.DeviceInfo.ProvisioningCode", "ISP-9")
                .containsEntry("Device.WiFi.SSID.2.Name", "wl1")
                .containsEntry("Device.LocalAgent.ControllerNumberOfEntries", "1");
        // The persistent subscription still works.
        set("Device.WiFi.SSID.1.", "SSID", "home-2");
        Notify changed = controller.awaitNotify(Notify::hasValueChange);
        assertThat(changed.getSubscriptionId()).isEqualTo("kept");
        assertThat(changed.getValueChange().getParamPath()).isEqualTo("Device.WiFi.SSID.1.SSID");
    }

    @Test
    void factoryResetErasesTheStateAppliesTheDefaultsAgainAndSendsBoot() throws IOException, InterruptedException {
        DefaultsFile defaults = DefaultsFile.parse(new StringReader("""
                Device.LocalAgent.Controller.1.EndpointID "proto::test-controller"
                Device.LocalAgent.Controller.1.Enable "true"
                # Boot! goes to the Controller from the very first start
                Device.LocalAgent.Subscription.1.Recipient "Device.LocalAgent.Controller.1"
                Device.LocalAgent.Subscription.1.ID "boot"
                Device.LocalAgent.Subscription.1.Enable "true"
                Device.LocalAgent.Subscription.1.NotifType "Event"
                Device.LocalAgent.Subscription.1.ReferenceList "Device.Boot!"
                Device.LocalAgent.Subscription.1.Persistent "true"
                Device.DeviceInfo.ProvisioningCode "factory"
                """), "test-defaults");
        startGateway(defaults);
        starts.take();
        assertThat(get("Device.DeviceInfo.ProvisioningCode")).containsEntry("Device.DeviceInfo.ProvisioningCode", "factory");
        controller.awaitNotify(n -> n.hasEvent() && "LocalReboot".equals(n.getEvent().getParamsMap().get("Cause")));
        set("Device.DeviceInfo.", "ProvisioningCode", "changed");
        set("Device.WiFi.SSID.2.", "SSID", "changed");
        controller.subscribe("extra", "ValueChange", "Device.DeviceInfo.ProvisioningCode");

        operate("Device.FactoryReset()", "reset-1", Map.of());
        assertThat(starts.poll(10, TimeUnit.SECONDS)).isNotNull();
        Map<String, String> after = get("Device.DeviceInfo.ProvisioningCode", "Device.WiFi.SSID.2.SSID",
                "Device.LocalAgent.Subscription.*.ID");
        assertThat(after).containsEntry("Device.DeviceInfo.ProvisioningCode", "factory")
                .containsEntry("Device.WiFi.SSID.2.SSID", "guest")
                .doesNotContainValue("extra");
        Notify boot = controller.awaitNotify(n -> n.hasEvent() && n.getEvent().getEventName().equals("Boot!"));
        assertThat(boot.getEvent().getParamsMap()).containsEntry("Cause", "RemoteFactoryReset").containsEntry("CommandKey", "reset-1");
    }
}
