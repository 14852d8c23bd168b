package io.usp4j.examples.gateway;

import com.google.protobuf.TextFormat;
import io.usp4j.agent.UspAgent;
import io.usp4j.core.message.MessageCodec;
import io.usp4j.core.message.Messages;
import io.usp4j.core.proto.msg.Add;
import io.usp4j.core.proto.msg.Get;
import io.usp4j.core.proto.msg.GetSupportedProtocol;
import io.usp4j.core.proto.msg.Msg;
import io.usp4j.core.proto.msg.Request;
import io.usp4j.core.proto.msg.Set;
import io.usp4j.core.record.RecordCodec;
import io.usp4j.core.transport.Destination;
import io.usp4j.core.transport.InMemoryTransport;
import io.usp4j.core.transport.InboundRecord;
import io.usp4j.core.transport.RecordReceiver;
import io.usp4j.datamodel.storage.InMemoryStorage;
import io.usp4j.examples.datamodel.GatewayDataModel;
import io.usp4j.examples.datamodel.WifiDriver;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The example gateway: a USP Agent over a pretend Wi-Fi driver, with its embedded default model
 * ({@link GatewaySchema}; a real device loads TR-181, see {@link GatewayDataModel}), talking to a Controller
 * in the same JVM over the in-memory transport. It prints each request the Controller sends and the
 * agent's answer, then the notification the Controller's subscription brings. The full simulated gateway,
 * reachable from outside over MQTT, is {@link GatewayAgent}.
 */
public final class GatewayMain {
    private static final String AGENT = "os::00D09E-GW-0001";
    private static final String CONTROLLER = "proto::example-controller";

    private GatewayMain() {}

    public static void main(String[] args) throws Exception {
        WifiDriver wifi = new WifiDriver();
        InMemoryTransport.Pair link = InMemoryTransport.pair("MQTT", AGENT, CONTROLLER);
        BlockingQueue<Msg> inbox = new LinkedBlockingQueue<>();
        link.second().start(new RecordReceiver() {
            @Override
            public void onRecord(InboundRecord record) {
                inbox.add(MessageCodec.decode(RecordCodec.payload(RecordCodec.decode(record.bytes()))));
            }
        });
        try (UspAgent agent = GatewayDataModel.agentBuilder(GatewaySchema.model(), wifi, new InMemoryStorage())
                .endpointId(AGENT)
                .transport(link.first())
                .factoryDefaults(tx -> tx.create("Device.LocalAgent.Controller.",
                        Map.of("EndpointID", CONTROLLER, "Enable", "true")))
                .build()) {
            agent.start();
            ask(link, inbox, Request.newBuilder().setGetSupportedProtocol(
                    GetSupportedProtocol.newBuilder().setControllerSupportedProtocolVersions("1.4")).build());
            ask(link, inbox, Request.newBuilder().setGet(Get.newBuilder().addParamPaths("Device.DeviceInfo.")
                    .addParamPaths("Device.WiFi.SSID.[Enable==true].SSID")).build());
            ask(link, inbox, Request.newBuilder().setAdd(Add.newBuilder().setAllowPartial(false)
                    .addCreateObjs(Add.CreateObject.newBuilder().setObjPath("Device.LocalAgent.Subscription.")
                            .addParamSettings(setting("Enable", "true"))
                            .addParamSettings(setting("NotifType", "ValueChange"))
                            .addParamSettings(setting("ReferenceList", "Device.WiFi.SSID.2.SSID")))).build());
            ask(link, inbox, Request.newBuilder().setSet(Set.newBuilder().setAllowPartial(false)
                    .addUpdateObjs(Set.UpdateObject.newBuilder().setObjPath("Device.WiFi.SSID.[Name==\"wl1\"].")
                            .addParamSettings(Set.UpdateParamSetting.newBuilder().setParam("SSID").setValue("guest-5G"))))
                    .build());
            Msg notify = inbox.poll(5, TimeUnit.SECONDS);
            print("Notification", notify);
            print("The driver now has", null);
            System.out.println("  wl1 SSID = " + wifi.ssid("wl1"));
        }
    }

    private static Add.CreateParamSetting setting(String name, String value) {
        return Add.CreateParamSetting.newBuilder().setParam(name).setValue(value).setRequired(true).build();
    }

    private static int ids;

    private static void ask(InMemoryTransport.Pair link, BlockingQueue<Msg> inbox, Request request) throws InterruptedException {
        Msg msg = Messages.request("example-" + ++ids, request);
        print("Controller sends", msg);
        link.second().send(Destination.of(AGENT), RecordCodec.encode(RecordCodec.noSessionContext(AGENT, CONTROLLER, msg)));
        print("Agent answers", inbox.poll(5, TimeUnit.SECONDS));
    }

    private static void print(String what, Msg msg) {
        System.out.println("== " + what);
        if (msg != null) {
            System.out.println(TextFormat.printer().escapingNonAscii(false).printToString(msg.getBody()).indent(2));
        }
    }
}
