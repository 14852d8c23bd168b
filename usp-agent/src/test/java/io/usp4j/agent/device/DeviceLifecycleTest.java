package io.usp4j.agent.device;

import static org.assertj.core.api.Assertions.assertThat;

import io.usp4j.agent.testing.TestController;
import io.usp4j.core.proto.msg.Msg;
import io.usp4j.core.proto.msg.Operate;
import io.usp4j.core.proto.msg.Request;
import io.usp4j.datamodel.instance.Transaction;
import io.usp4j.datamodel.storage.FileStorage;
import io.usp4j.datamodel.storage.Storage;
import io.usp4j.datamodel.storage.WriteBatch;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reboot(), FactoryReset(), the boot record the next start reports, and factory defaults. */
class DeviceLifecycleTest {
    @TempDir
    Path dir;

    private final List<String> hostCalls = new CopyOnWriteArrayList<>();

    private final DeviceHost host = new DeviceHost() {
        @Override
        public void reboot(BootRecord next) {
            hostCalls.add("reboot " + next);
        }

        @Override
        public void factoryReset(BootRecord next) {
            hostCalls.add("factoryReset " + next);
        }
    };

    private static final FactoryDefaults DEFAULTS = tx -> tx.create("Device.LocalAgent.Controller.",
            Map.of("EndpointID", "proto::factory-acs", "Enable", "true"));

    private TestController start(Storage storage) {
        return TestController.start(b -> b.storage(storage).host(host).factoryDefaults(DEFAULTS));
    }

    private static Request operate(String command, String key) {
        return Request.newBuilder().setOperate(Operate.newBuilder().setCommand(command).setCommandKey(key).setSendResp(true))
                .build();
    }

    private static List<String> controllers(TestController c) {
        return c.onAgent(() -> c.agent().dataModel().view()
                .resolve(io.usp4j.core.path.PathName.parse("Device.LocalAgent.Controller.*.EndpointID")).paths().stream()
                .map(p -> p.path() + "=" + c.agent().dataModel().view().value(p.path())).toList());
    }

    @Test
    void rebootIsAnsweredThenHandedToTheHostAndReportedByTheNextStartOnly() {
        try (FileStorage storage = FileStorage.open(dir)) {
            try (TestController c = start(storage)) {
                assertThat(c.agent().bootRecord()).isEqualTo(BootRecord.LOCAL_REBOOT);
                Msg answer = c.send(operate("Device.Reboot()", "reboot-42"));
                assertThat(answer.getBody().getResponse().getOperateResp().getOperationResults(0).getReqOutputArgs()
                        .getOutputArgsMap()).isEmpty();
                c.onAgent(() -> null);
                assertThat(hostCalls).containsExactly(
                        "reboot " + new BootRecord("RemoteReboot", "reboot-42", false, ""));
            }
            try (TestController c = start(storage)) {
                assertThat(c.agent().bootRecord()).isEqualTo(new BootRecord("RemoteReboot", "reboot-42", false, ""));
            }
            try (TestController c = start(storage)) {
                assertThat(c.agent().bootRecord()).isEqualTo(BootRecord.LOCAL_REBOOT);
            }
        }
    }

    @Test
    void aStoredBootRecordKeepsAnyText() {
        try (FileStorage storage = FileStorage.open(dir)) {
            try (TestController c = start(storage)) {
                c.send(Request.newBuilder().setOperate(Operate.newBuilder().setCommand("Device.Reboot()").setSendResp(true)
                        .setCommandKey("key%0A\nwith lines").putInputArgs("Reason", "line 1\nline 2 100%")
                        .putInputArgs("Cause", "LocalReboot")).build());
            }
            try (TestController c = start(storage)) {
                assertThat(c.agent().bootRecord())
                        .isEqualTo(new BootRecord("LocalReboot", "key%0A\nwith lines", false, "line 1\nline 2 100%"));
            }
        }
    }

    @Test
    void factoryDefaultsApplyOnceAndAgainAfterAFactoryReset() {
        try (FileStorage storage = FileStorage.open(dir)) {
            try (TestController c = start(storage)) {
                assertThat(controllers(c)).containsExactly("Device.LocalAgent.Controller.1.EndpointID=proto::factory-acs");
                c.onAgent(() -> {
                    Transaction tx = c.agent().dataModel().begin();
                    tx.create("Device.LocalAgent.Controller.", Map.of("EndpointID", "proto::later"));
                    tx.commit();
                    return null;
                });
            }
            try (TestController c = start(storage)) {
                assertThat(controllers(c)).containsExactly(
                        "Device.LocalAgent.Controller.1.EndpointID=proto::factory-acs",
                        "Device.LocalAgent.Controller.2.EndpointID=proto::later");
                c.send(operate("Device.FactoryReset()", "fr-1"));
                c.onAgent(() -> null);
                assertThat(hostCalls).containsExactly(
                        "factoryReset " + new BootRecord("RemoteFactoryReset", "fr-1", false, ""));
            }
            try (TestController c = start(storage)) {
                assertThat(c.agent().bootRecord()).isEqualTo(new BootRecord("RemoteFactoryReset", "fr-1", false, ""));
                assertThat(controllers(c)).containsExactly("Device.LocalAgent.Controller.1.EndpointID=proto::factory-acs");
            }
        }
    }

    @Test
    void aStartThatDiedBeforeMarkingTheStoreDoesNotApplyTheDefaultsTwice() {
        try (FileStorage storage = FileStorage.open(dir)) {
            try (TestController c = start(storage)) {
                assertThat(controllers(c)).hasSize(1);
            }
            storage.commit(new WriteBatch().delete(DeviceLifecycle.NAMESPACE, "initialised"));
            try (TestController c = start(storage)) {
                assertThat(controllers(c)).hasSize(1);
            }
        }
    }

    @Test
    void scheduleTimerCompletesAfterItsDelay() {
        io.usp4j.agent.testing.ManualTime time = new io.usp4j.agent.testing.ManualTime(java.time.Instant.parse("2026-01-01T00:00:00Z"));
        List<io.usp4j.core.proto.msg.Notify.OperationComplete> done = new CopyOnWriteArrayList<>();
        try (TestController c = TestController.start(b -> b.clock(time).timers(time).notificationSink(done::add))) {
            time.runOn(c.agent()::execute);
            Msg answer = c.send(Request.newBuilder().setOperate(Operate.newBuilder().setCommand("Device.ScheduleTimer()")
                    .setCommandKey("t-1").setSendResp(true).putInputArgs("DelaySeconds", "30")).build());
            assertThat(answer.getBody().getResponse().getOperateResp().getOperationResults(0).getReqObjPath())
                    .isEqualTo("Device.LocalAgent.Request.1.");
            time.advance(java.time.Duration.ofSeconds(29));
            assertThat(done).isEmpty();
            time.advance(java.time.Duration.ofSeconds(1));
            c.onAgent(() -> null);
            assertThat(done).singleElement().satisfies(oc -> {
                assertThat(oc.getCommandName()).isEqualTo("ScheduleTimer()");
                assertThat(oc.getCommandKey()).isEqualTo("t-1");
                assertThat(oc.hasReqOutputArgs()).isTrue();
            });
        }
    }
}
