package io.usp4j.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.usp4j.agent.testing.TestController;
import io.usp4j.core.path.PathName;
import io.usp4j.core.path.resolve.ResolvedPath;
import io.usp4j.datamodel.instance.ParamSetting;
import io.usp4j.datamodel.storage.FileStorage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An agent process killed with SIGKILL while a Controller adds Subscriptions: after a restart on the same
 * store every answered Add of a persistent Subscription is there under the instance number it was answered
 * with, no non-persistent one survives (they end with the agent), and new rows get numbers never used before.
 */
class AgentRestartTest {
    private static final int ROUNDS = 3;

    @TempDir
    Path tmp;

    @Test
    void answeredPersistentSubscriptionsSurviveKillMinusNineWithTheirNumbers() throws Exception {
        Path dir = tmp.resolve("store");
        Random random = new Random(0x5EED_0369L);
        Map<String, String> answered = new LinkedHashMap<>();
        long everHighest = 0;
        for (int round = 0; round < ROUNDS; round++) {
            Path out = tmp.resolve("child-" + round + ".out");
            Path err = tmp.resolve("child-" + round + ".err");
            Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx128m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                    RestartingAgent.class.getName(), dir.toString(), "r" + round)
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            awaitAcks(out, child, 5 + round);
            Thread.sleep(random.nextInt(300));
            child.destroyForcibly();
            child.waitFor(20, TimeUnit.SECONDS);
            List<String[]> acks = acks(out);
            assertThat(acks).as("child answered Adds; stderr: %s", Files.readString(err)).isNotEmpty();
            Map<String, String> transient_ = new LinkedHashMap<>();
            for (String[] a : acks) {
                (Boolean.parseBoolean(a[2]) ? answered : transient_).put(a[0], a[1]);
                everHighest = Math.max(everHighest, number(a[0]));
            }

            try (FileStorage storage = FileStorage.open(dir); TestController c = TestController.start(b -> b.storage(storage))) {
                // The persistent Boot! subscription made in the first run fires after the kill: a local reboot.
                assertThat(bootNotify(c)).as("Boot! after round %d", round).isNotNull().satisfies(n -> {
                    assertThat(n.getSubscriptionId()).isEqualTo("boot");
                    assertThat(n.getEvent().getParamsMap()).containsEntry("Cause", "LocalReboot").containsEntry("CommandKey", "");
                });
                Map<String, String> present = c.onAgent(() -> {
                    Map<String, String> ids = new LinkedHashMap<>();
                    for (ResolvedPath p : c.agent().dataModel().view()
                            .resolve(PathName.parse("Device.LocalAgent.Subscription.*.ID")).paths()) {
                        ids.put(p.path().substring(0, p.path().length() - "ID".length()), c.agent().dataModel().view().value(p.path()));
                    }
                    ids.values().remove("boot"); // the Boot! subscription the first run made, checked above
                    return ids;
                });
                // Every answered persistent Add is there with its number; at most one more (committed, killed
                // before its answer); no non-persistent Subscription outlives the agent.
                assertThat(present).containsAllEntriesOf(answered);
                assertThat(present.size()).isBetween(answered.size(), answered.size() + 1);
                assertThat(present.keySet()).doesNotContainAnyElementsOf(transient_.keySet());
                present.forEach(answered::putIfAbsent);
                long highest = Math.max(everHighest,
                        present.keySet().stream().mapToLong(AgentRestartTest::number).max().orElse(0));
                String fresh = c.onAgent(() -> {
                    var tx = c.agent().dataModel().begin();
                    String path = tx.add("Device.LocalAgent.Subscription.", List.of(ParamSetting.of("ID", "fresh"))).instancePath();
                    tx.rollback();
                    return path;
                });
                assertThat(number(fresh)).as("a new row's number, above every number ever answered").isGreaterThan(highest);
                everHighest = highest;
            }
        }
    }

    /** The Boot! the restarted agent sends once this Controller is reachable (it speaks first). */
    private static io.usp4j.core.proto.msg.Notify bootNotify(TestController c) {
        List<io.usp4j.core.proto.record.Record> records = new ArrayList<>();
        records.add(c.probe());
        c.onAgent(() -> null);
        for (var r = c.poll(); r != null; r = c.poll()) {
            records.add(r);
        }
        for (var r : records) {
            var msg = io.usp4j.core.message.MessageCodec.decode(io.usp4j.core.record.RecordCodec.payload(r));
            if (msg.getBody().hasRequest() && msg.getBody().getRequest().hasNotify()) {
                return msg.getBody().getRequest().getNotify();
            }
        }
        return null;
    }

    private static long number(String instancePath) {
        String s = instancePath.substring(0, instancePath.length() - 1);
        return Long.parseLong(s.substring(s.lastIndexOf('.') + 1));
    }

    private static void awaitAcks(Path out, Process child, int count) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline && child.isAlive() && acks(out).size() < count) {
            Thread.sleep(20);
        }
    }

    private static List<String[]> acks(Path out) throws IOException {
        List<String[]> acks = new ArrayList<>();
        if (!Files.exists(out)) {
            return acks;
        }
        for (String line : Files.readAllLines(out)) {
            // A line cut by the kill has no trailing fields; it was not a complete acknowledgement.
            String[] f = line.split(" ");
            if (line.startsWith("A") && f.length == 3) {
                acks.add(new String[] {f[0].substring(1), f[1], f[2]});
            }
        }
        return acks;
    }
}
