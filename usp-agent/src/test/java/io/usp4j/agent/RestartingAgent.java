package io.usp4j.agent;

import io.usp4j.agent.testing.TestController;
import io.usp4j.core.proto.msg.Add;
import io.usp4j.core.proto.msg.Msg;
import io.usp4j.core.proto.msg.Request;
import io.usp4j.datamodel.storage.FileStorage;
import java.nio.file.Path;

/**
 * The child process of {@link AgentRestartTest}: an agent on a file store, fed Adds of Subscriptions as fast
 * as it answers them. Each answered Add is printed as {@code A<instance path> <ID> <Persistent>} once the
 * agent's answer has arrived, that is after the commit; the parent kills the process at any moment.
 */
public final class RestartingAgent {
    private RestartingAgent() {}

    public static void main(String[] args) {
        Path dir = Path.of(args[0]);
        String run = args[1];
        FileStorage storage = FileStorage.open(dir);
        TestController c = TestController.start(b -> b.storage(storage));
        if (run.equals("r0")) {
            // The first run provisions this Controller and a persistent Boot! subscription for it.
            c.onAgent(() -> {
                var tx = c.agent().dataModel().begin();
                tx.create("Device.LocalAgent.Controller.", java.util.Map.of("EndpointID", TestController.CONTROLLER_ID,
                        "Enable", "true"));
                tx.commit();
                return null;
            });
            sendPastNotifications(c, Request.newBuilder().setAdd(Add.newBuilder().setAllowPartial(false)
                    .addCreateObjs(Add.CreateObject.newBuilder().setObjPath("Device.LocalAgent.Subscription.")
                            .addParamSettings(Add.CreateParamSetting.newBuilder().setParam("ID").setValue("boot"))
                            .addParamSettings(Add.CreateParamSetting.newBuilder().setParam("Enable").setValue("true"))
                            .addParamSettings(Add.CreateParamSetting.newBuilder().setParam("NotifType").setValue("Event"))
                            .addParamSettings(Add.CreateParamSetting.newBuilder().setParam("ReferenceList").setValue("Device.Boot!"))
                            .addParamSettings(Add.CreateParamSetting.newBuilder().setParam("Persistent").setValue("true"))))
                    .build());
            System.out.println("BOOT-SUBSCRIBED");
        }
        for (int n = 1; ; n++) {
            boolean persistent = n % 2 == 0;
            String id = run + "-" + n;
            Msg answer = sendPastNotifications(c, Request.newBuilder().setAdd(Add.newBuilder().setAllowPartial(false)
                    .addCreateObjs(Add.CreateObject.newBuilder().setObjPath("Device.LocalAgent.Subscription.")
                            .addParamSettings(Add.CreateParamSetting.newBuilder().setParam("ID").setValue(id))
                            .addParamSettings(Add.CreateParamSetting.newBuilder().setParam("NotifType").setValue("ValueChange"))
                            .addParamSettings(Add.CreateParamSetting.newBuilder().setParam("Persistent")
                                    .setValue(Boolean.toString(persistent)))))
                    .build());
            String path = answer.getBody().getResponse().getAddResp().getCreatedObjResults(0).getOperStatus()
                    .getOperSuccess().getInstantiatedPath();
            // stdout is the acknowledgement channel the parent reads; this is a test program, not library code.
            System.out.println("A" + path + " " + id + " " + persistent);
            System.out.flush();
        }
    }

    /** Sends a request and returns its answer, passing over the notifications (Boot!) the agent sends meanwhile. */
    private static Msg sendPastNotifications(TestController c, Request request) {
        String id = c.nextMsgId();
        c.sendRecord(io.usp4j.core.record.RecordCodec.noSessionContext(TestController.AGENT_ID, TestController.CONTROLLER_ID,
                io.usp4j.core.message.Messages.request(id, request)));
        while (true) {
            Msg m = io.usp4j.core.message.MessageCodec.decode(io.usp4j.core.record.RecordCodec.payload(c.next()));
            if (m.getHeader().getMsgId().equals(id)) {
                return m;
            }
        }
    }
}
