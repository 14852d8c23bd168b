package io.usp4j.datamodel.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a process that is committing to a {@link FileStorage} with SIGKILL at random moments and checks
 * that every acknowledged commit survived, each batch entirely or not at all, and the store stays usable.
 */
class FileStorageCrashTest {
    private static final Pattern ACK = Pattern.compile("A(\\d+)\\.");
    private static final int ROUNDS = 10;

    @TempDir
    Path tmp;

    @Test
    void acknowledged_commits_survive_kill_minus_nine_at_random_moments() throws Exception {
        Path dir = tmp.resolve("store");
        Random random = new Random(0x7E57_1369L);
        long previousLast = 0;
        for (int round = 0; round < ROUNDS; round++) {
            Path stderr = tmp.resolve("child-" + round + ".err");
            Path stdout = tmp.resolve("child-" + round + ".out");
            Process child = new ProcessBuilder(javaBinary(), "-Xmx64m", "-XX:+UseSerialGC",
                    "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                    CrashingWriter.class.getName(), dir.toString())
                    .redirectError(stderr.toFile())
                    .redirectOutput(stdout.toFile())
                    .start();
            boolean started = awaitFirstAck(stdout, child);
            Thread.sleep(random.nextInt(400));
            child.destroyForcibly();
            child.waitFor();
            assertThat(started).as("child acknowledged a commit; stderr: %s", Files.readString(stderr)).isTrue();

            long acked = maxAcked(stdout);
            assertThat(acked).as("round %d acknowledged commits beyond the last round", round)
                    .isGreaterThan(previousLast);
            try (FileStorage storage = FileStorage.open(dir)) {
                long last = storage.getString("meta", "last").map(Long::parseLong).orElseThrow();
                // The commit being written at the kill may have reached the disk without being acknowledged.
                assertThat(last).as("round %d: last commit vs acknowledged %d", round, acked)
                        .isBetween(acked, acked + 1);
                assertBatches(storage, last);
                previousLast = last;
            }
        }
        try (FileStorage storage = FileStorage.open(dir)) {
            WriteBatch batch = new WriteBatch();
            batch.put(CrashingWriter.NAMESPACE, "after", "the crashes");
            storage.commit(batch);
        }
        try (FileStorage storage = FileStorage.open(dir)) {
            assertThat(storage.getString(CrashingWriter.NAMESPACE, "after")).contains("the crashes");
            assertBatches(storage, previousLast);
        }
    }

    /** Exactly the last {@code KEEP} batches up to {@code last} are present, each with all its keys. */
    private static void assertBatches(FileStorage storage, long last) {
        long first = Math.max(1, last - CrashingWriter.KEEP + 1);
        List<String> expectedKeys = new ArrayList<>();
        for (long n = first; n <= last; n++) {
            for (int j = 0; j < CrashingWriter.KEYS_PER_BATCH; j++) {
                expectedKeys.add(CrashingWriter.key(n, j));
            }
        }
        List<StorageEntry> entries = storage.scan(CrashingWriter.NAMESPACE, "0");
        assertThat(entries).extracting(StorageEntry::key).containsExactlyElementsOf(expectedKeys);
        for (StorageEntry e : entries) {
            String[] parts = e.key().split("/");
            assertThat(e.valueAsString())
                    .isEqualTo(CrashingWriter.value(Long.parseLong(parts[0]), Integer.parseInt(parts[1])));
        }
    }

    /** Waits until the child has acknowledged a commit, or has died. */
    private static boolean awaitFirstAck(Path stdout, Process child) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline && child.isAlive()) {
            if (maxAcked(stdout) > 0) {
                return true;
            }
            Thread.sleep(5);
        }
        return maxAcked(stdout) > 0;
    }

    /**
     * The highest commit the child acknowledged. The child writes each line straight to the file after its
     * commit returned, so the file holds every acknowledgement once the child is dead; a line cut short by
     * the kill has no final dot and does not count.
     */
    private static long maxAcked(Path stdout) throws IOException {
        long max = -1;
        for (String line : Files.readAllLines(stdout, StandardCharsets.US_ASCII)) {
            Matcher m = ACK.matcher(line);
            if (m.matches()) {
                max = Math.max(max, Long.parseLong(m.group(1)));
            }
        }
        return max;
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
