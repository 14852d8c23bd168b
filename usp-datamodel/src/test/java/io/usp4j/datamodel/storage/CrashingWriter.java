package io.usp4j.datamodel.storage;

import java.io.PrintStream;
import java.nio.file.Path;

/**
 * The child process of {@link FileStorageCrashTest}: commits numbered batches forever, printing
 * {@code A<n>.} after commit {@code n} returned, until it is killed.
 */
public final class CrashingWriter {
    static final String NAMESPACE = "crash";
    static final int KEYS_PER_BATCH = 5;
    /** Batch {@code n} deletes the keys of batch {@code n - KEEP}, so the store holds the last KEEP batches. */
    static final int KEEP = 20;
    static final long COMPACTION_THRESHOLD = 8 * 1024;

    private CrashingWriter() {
    }

    static String key(long batch, int j) {
        return String.format("%08d/%d", batch, j);
    }

    static String value(long batch, int j) {
        return batch + ":" + j + ":" + "v".repeat((int) ((batch * 31 + j * 17) % 600));
    }

    public static void main(String[] args) {
        PrintStream out = System.out;
        try (FileStorage storage = FileStorage.builder(Path.of(args[0])).compactionThreshold(COMPACTION_THRESHOLD)
                .open()) {
            long last = storage.getString("meta", "last").map(Long::parseLong).orElse(0L);
            out.println("R" + last + ".");
            out.flush();
            for (long n = last + 1; ; n++) {
                WriteBatch batch = new WriteBatch();
                for (int j = 0; j < KEYS_PER_BATCH; j++) {
                    batch.put(NAMESPACE, key(n, j), value(n, j));
                }
                if (n > KEEP) {
                    batch.deletePrefix(NAMESPACE, String.format("%08d/", n - KEEP));
                }
                batch.put("meta", "last", Long.toString(n));
                storage.commit(batch);
                out.println("A" + n + ".");
                out.flush();
            }
        }
    }
}
