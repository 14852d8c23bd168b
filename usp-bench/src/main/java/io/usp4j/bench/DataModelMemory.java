package io.usp4j.bench;

import io.usp4j.datamodel.instance.DataModel;
import io.usp4j.datamodel.schema.SupportedDataModel;
import io.usp4j.datamodel.storage.InMemoryStorage;
import io.usp4j.datamodel.storage.Storage;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.ref.Reference;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import javax.management.ObjectName;

/**
 * Retained heap of an instantiated data model with 100,000 library-stored parameters (10,000 rows of
 * {@code Device.X.Host.{i}.} with 10 parameters each, added through transactions of 1,000 rows). Target:
 * under 200 bytes per parameter for the model itself.
 *
 * <p>Measured twice: on a {@link DiscardingStorage} (the model alone) and on an {@link InMemoryStorage}
 * (model plus the storage's serialized copy); the difference is the storage. Each measurement is the used
 * heap after repeated {@link System#gc()} with the model strongly reachable, minus the same before building.
 * Run with a fixed heap:
 *
 * <pre>
 * java -Xms1g -Xmx1g -cp usp-bench/target/benchmarks.jar io.usp4j.bench.DataModelMemory [rows] [--histogram] [--wait]
 * </pre>
 *
 * {@code --histogram} prints the classes whose live heap grew most while building (from the JVM's class
 * histogram); {@code --wait} keeps the last model alive until Enter is pressed, for {@code jcmd GC.class_histogram}.
 */
public final class DataModelMemory {
    private static final int PARAMS_PER_ROW = HostTable.NAMES.size();
    private static final int BATCH = 1_000;
    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

    private DataModelMemory() {}

    /** What one measurement found. */
    private record Measured(String label, long bytes, long buildMillis, Map<String, long[]> histogramGrowth) {}

    public static void main(String[] args) throws Exception {
        int rows = 10_000;
        boolean histogram = false;
        boolean wait = false;
        for (String a : args) {
            if (a.equals("--histogram")) {
                histogram = true;
            } else if (a.equals("--wait")) {
                wait = true;
            } else {
                rows = Integer.parseInt(a.replace("_", ""));
            }
        }
        SupportedDataModel schema = HostTable.schema();
        System.out.printf(Locale.ROOT, "JVM %s, max heap %d MB, GC %s%n", System.getProperty("java.vm.version"),
                Runtime.getRuntime().maxMemory() >> 20, gcNames());
        System.out.printf(Locale.ROOT, "%,d rows x %d parameters = %,d library-stored parameters, transactions of %,d rows%n%n",
                rows, PARAMS_PER_ROW, (long) rows * PARAMS_PER_ROW, BATCH);

        // Warm-up: load every class and let the JIT compile the build, so the measurements hold only the
        // model and the build times compare.
        build(schema, new InMemoryStorage(), rows);

        int n = rows;
        boolean h = histogram;
        Measured model = measure("model only (storage discards writes)", h, () -> build(schema, new DiscardingStorage(), n));
        Measured total = measure("model + InMemoryStorage", h, () -> build(schema, new InMemoryStorage(), n));

        long params = (long) rows * PARAMS_PER_ROW;
        System.out.println("| what | retained heap | bytes/row | bytes/parameter | build time |");
        System.out.println("|---|---|---|---|---|");
        row(model.label(), model.bytes(), rows, params, model.buildMillis() + " ms");
        row(total.label(), total.bytes(), rows, params, total.buildMillis() + " ms");
        row("storage alone (difference)", total.bytes() - model.bytes(), rows, params, "");
        System.out.printf(Locale.ROOT, "%nmodel: %.1f bytes per parameter, target < 200: %s%n",
                (double) model.bytes() / params, model.bytes() < 200 * params ? "met" : "NOT met");

        if (histogram) {
            printGrowth(model, params);
            printGrowth(total, params);
        }
        if (wait) {
            DataModel kept = build(schema, new InMemoryStorage(), rows);
            System.out.printf("%npid %d holds a model with InMemoryStorage; press Enter to exit%n",
                    ProcessHandle.current().pid());
            System.in.read();
            Reference.reachabilityFence(kept);
        }
    }

    private static void row(String label, long bytes, int rows, long params, String time) {
        System.out.printf(Locale.ROOT, "| %s | %,d bytes (%.1f MB) | %.0f | %.1f | %s |%n", label, bytes,
                bytes / (1024.0 * 1024.0), (double) bytes / rows, (double) bytes / params, time);
    }

    /** A model over {@code storage} with {@code rows} rows added in transactions of {@link #BATCH} rows. */
    static DataModel build(SupportedDataModel schema, Storage storage, int rows) {
        DataModel model = DataModel.builder(schema).storage(storage).build();
        for (int first = 1; first <= rows; first += BATCH) {
            HostTable.addRows(model, first, Math.min(rows, first + BATCH - 1));
        }
        String count = model.view().value("Device.X.HostNumberOfEntries");
        if (!Integer.toString(rows).equals(count)) {
            throw new IllegalStateException("model holds " + count + " rows, expected " + rows);
        }
        return model;
    }

    private static Measured measure(String label, boolean histogram, Supplier<DataModel> builder) throws Exception {
        Map<String, long[]> before = histogram ? histogram() : null;
        long base = usedAfterGc();
        long start = System.nanoTime();
        DataModel model = builder.get();
        long millis = (System.nanoTime() - start) / 1_000_000;
        long used = usedAfterGc();
        Map<String, long[]> growth = null;
        if (histogram) {
            growth = new HashMap<>();
            Map<String, long[]> after = histogram();
            for (Map.Entry<String, long[]> e : after.entrySet()) {
                long[] b = before.getOrDefault(e.getKey(), new long[2]);
                growth.put(e.getKey(), new long[] {e.getValue()[0] - b[0], e.getValue()[1] - b[1]});
            }
        }
        Reference.reachabilityFence(model);
        return new Measured(label, used - base, millis, growth);
    }

    private static long usedAfterGc() throws InterruptedException {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(100);
            used = Math.min(used, MEMORY.getHeapMemoryUsage().getUsed());
        }
        return used;
    }

    private static String gcNames() {
        List<String> names = new ArrayList<>();
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            names.add(gc.getName());
        }
        return String.join(" + ", names);
    }

    /** The live class histogram (it runs a full GC): class name to {instances, bytes}. */
    private static Map<String, long[]> histogram() throws Exception {
        String text = (String) ManagementFactory.getPlatformMBeanServer().invoke(
                new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                new Object[] {new String[0]}, new String[] {String[].class.getName()});
        Map<String, long[]> out = new HashMap<>();
        for (String line : text.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 4 || !f[0].endsWith(":")) {
                continue;
            }
            out.put(f[3], new long[] {Long.parseLong(f[1]), Long.parseLong(f[2])});
        }
        return out;
    }

    private static void printGrowth(Measured m, long params) {
        System.out.printf(Locale.ROOT, "%nLive heap growth by class, %s:%n", m.label());
        System.out.println("| class | instances | bytes | bytes/parameter |");
        System.out.println("|---|---|---|---|");
        m.histogramGrowth().entrySet().stream()
                .filter(e -> e.getValue()[1] > 0)
                .sorted((a, b) -> Long.compare(b.getValue()[1], a.getValue()[1]))
                .limit(12)
                .forEach(e -> System.out.printf(Locale.ROOT, "| %s | %,d | %,d | %.1f |%n", e.getKey(),
                        e.getValue()[0], e.getValue()[1], (double) e.getValue()[1] / params));
    }
}
