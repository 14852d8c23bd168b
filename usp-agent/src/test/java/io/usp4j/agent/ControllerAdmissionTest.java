package io.usp4j.agent;

import static io.usp4j.agent.testing.TestController.AGENT_ID;
import static io.usp4j.agent.testing.TestController.CONTROLLER_ID;
import static org.assertj.core.api.Assertions.assertThat;

import io.usp4j.agent.testing.TestController;
import io.usp4j.core.message.Messages;
import io.usp4j.core.proto.msg.GetSupportedProtocol;
import io.usp4j.core.proto.msg.Request;
import io.usp4j.core.record.RecordCodec;
import io.usp4j.datamodel.instance.ParamSetting;
import io.usp4j.datamodel.instance.Transaction;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which Controllers are served: the Controller table's Enable, and the policy for Controllers it lacks. */
class ControllerAdmissionTest {

    private static void sendGsp(TestController c, String id) {
        c.sendRecord(RecordCodec.noSessionContext(AGENT_ID, CONTROLLER_ID, Messages.request(id, Request.newBuilder()
                .setGetSupportedProtocol(GetSupportedProtocol.newBuilder().setControllerSupportedProtocolVersions("1.4"))
                .build())));
    }

    /** Sends a request and says whether it was answered, without waiting when it was not. */
    private static boolean answered(TestController c, String id) {
        sendGsp(c, id);
        c.onAgent(() -> null);
        return c.poll() != null;
    }

    private static void onTable(TestController c, java.util.function.Consumer<Transaction> change) {
        c.onAgent(() -> {
            Transaction tx = c.agent().dataModel().begin();
            change.accept(tx);
            tx.commit();
            return null;
        });
    }

    @Test
    void aControllerIsServedWhileItsEntryIsEnabled() {
        try (TestController c = TestController.start()) {
            onTable(c, tx -> tx.create("Device.LocalAgent.Controller.", Map.of("EndpointID", CONTROLLER_ID)));
            assertThat(answered(c, "while-disabled")).isFalse();
            onTable(c, tx -> tx.set("Device.LocalAgent.Controller.1.", List.of(ParamSetting.of("Enable", "true"))));
            assertThat(answered(c, "once-enabled")).isTrue();
            onTable(c, tx -> tx.set("Device.LocalAgent.Controller.1.", List.of(ParamSetting.of("Enable", "false"))));
            assertThat(answered(c, "disabled-again")).isFalse();
        }
    }

    @Test
    void unknownControllersAreServedUnlessTheAgentSaysOtherwise() {
        try (TestController served = TestController.start()) {
            assertThat(answered(served, "unknown-served")).isTrue();
        }
        try (TestController strict = TestController.start(b -> b.unknownControllers(UnknownControllers.IGNORE))) {
            assertThat(answered(strict, "unknown-ignored")).isFalse();
            onTable(strict, tx -> tx.create("Device.LocalAgent.Controller.", Map.of("EndpointID", CONTROLLER_ID, "Enable", "true")));
            assertThat(answered(strict, "now-provisioned")).isTrue();
            onTable(strict, tx -> tx.remove("Device.LocalAgent.Controller.1."));
            assertThat(answered(strict, "removed")).isFalse();
        }
    }
}
