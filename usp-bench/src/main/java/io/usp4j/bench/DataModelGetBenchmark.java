package io.usp4j.bench;

import io.usp4j.core.path.PathName;
import io.usp4j.core.path.resolve.InstantiatedObject;
import io.usp4j.core.path.resolve.ResolvedPath;
import io.usp4j.datamodel.binding.GroupGetter;
import io.usp4j.datamodel.binding.ObjectBinding;
import io.usp4j.datamodel.binding.ObjectInstance;
import io.usp4j.datamodel.binding.RowSource;
import io.usp4j.datamodel.instance.DataModel;
import io.usp4j.datamodel.instance.ModelView;
import io.usp4j.datamodel.instance.Transaction;
import io.usp4j.datamodel.storage.InMemoryStorage;
import io.usp4j.datamodel.schema.SupportedDataModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Get of 1,000 parameters from a bound model: {@code Device.X.Host.{i}.} with 100 rows of 10 parameters.
 *
 * <ul>
 *   <li>{@code partial_path_stored}: a fresh {@link ModelView}, {@code resolve("Device.X.Host.*.")}, then
 *       every parameter of every resolved row through {@link InstantiatedObject#value(String)}, as a Get of
 *       a partial path does; values library-stored (added through one transaction).</li>
 *   <li>{@code partial_path_firmware}: the same with every parameter firmware-read from a plain Java array
 *       (a "fake driver"): six by single getters, four (Active, Port, LeaseTimeRemaining, BytesSent) by one
 *       group getter per row; rows library-backed.</li>
 *   <li>{@code partial_path_firmware_rows}: the same getters, but the table is firmware-backed too (a
 *       {@link RowSource} listing 100 row ids), so each view also reconciles the row list once.</li>
 *   <li>{@code full_paths_stored}: a fresh view and 1,000 {@link ModelView#value(String)} calls with full
 *       paths {@code Device.X.Host.N.Param}, library-stored values.</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class DataModelGetBenchmark {
    static final int ROWS = 100;
    private static final PathName ALL_ROWS = PathName.parse("Device.X.Host.*.");

    private DataModel stored;
    private DataModel firmware;
    private DataModel firmwareRows;
    private String[] names;
    private String[] fullPaths;

    /** The fake driver: typed values by row (instance number - 1) and parameter index. */
    private Object[][] driver;

    @Setup
    public void setUp() {
        SupportedDataModel schema = HostTable.schema();
        names = HostTable.NAMES.toArray(new String[0]);

        stored = DataModel.builder(schema).storage(new InMemoryStorage()).build();
        HostTable.addRows(stored, 1, ROWS);

        driver = new Object[ROWS][];
        for (int n = 1; n <= ROWS; n++) {
            driver[n - 1] = HostTable.typedValues(n);
        }
        firmware = DataModel.builder(schema).storage(new InMemoryStorage())
                .bind(HostTable.ROW, this::bindToDriver)
                .build();
        Transaction tx = firmware.begin();
        for (int n = 1; n <= ROWS; n++) {
            tx.add(HostTable.TABLE, List.of());
        }
        tx.commit();

        List<String> rowIds = new ArrayList<>();
        for (int n = 1; n <= ROWS; n++) {
            rowIds.add("host" + n);
        }
        List<String> ids = List.copyOf(rowIds);
        firmwareRows = DataModel.builder(schema).storage(new InMemoryStorage())
                .bind(HostTable.ROW, o -> bindToDriver(o.rows(parent -> ids)))
                .build();

        fullPaths = new String[ROWS * names.length];
        for (int n = 1; n <= ROWS; n++) {
            for (int k = 0; k < names.length; k++) {
                fullPaths[(n - 1) * names.length + k] = HostTable.TABLE + n + "." + names[k];
            }
        }

        check(stored, "stored");
        check(firmware, "firmware");
        check(firmwareRows, "firmware rows");
        ModelView v = stored.view();
        for (String p : fullPaths) {
            if (v.value(p) == null) {
                throw new IllegalStateException("no value at " + p);
            }
        }
    }

    /** Every parameter read from {@link #driver}; the writable ones also written to it. */
    private void bindToDriver(ObjectBinding.Builder o) {
        for (int k : new int[] {HostTable.ALIAS, HostTable.HOST_NAME, HostTable.MAC, HostTable.IP,
                HostTable.INTERFACE_TYPE, HostTable.ENABLE}) {
            int index = k;
            o.getter(names[k], inst -> driver[row(inst)][index]);
        }
        GroupGetter stats = inst -> {
            Object[] d = driver[row(inst)];
            return Map.of(names[HostTable.ACTIVE], d[HostTable.ACTIVE], names[HostTable.PORT], d[HostTable.PORT],
                    names[HostTable.LEASE], d[HostTable.LEASE], names[HostTable.BYTES_SENT], d[HostTable.BYTES_SENT]);
        };
        o.group(stats, names[HostTable.ACTIVE], names[HostTable.PORT], names[HostTable.LEASE],
                names[HostTable.BYTES_SENT]);
        for (int k = 0; k < names.length; k++) {
            int index = k;
            o.setter(names[k], (inst, value) -> driver[row(inst)][index] = value);
        }
    }

    private static int row(ObjectInstance inst) {
        return (int) inst.instanceNumber() - 1;
    }

    /** Fails the run when a model does not give 1,000 values, or the values differ from the stored model's. */
    private void check(DataModel model, String what) {
        List<String> expected = new ArrayList<>();
        for (ResolvedPath p : stored.view().resolve(ALL_ROWS).paths()) {
            for (String name : names) {
                expected.add(p.path() + name + "=" + p.object().value(name));
            }
        }
        List<String> got = new ArrayList<>();
        for (ResolvedPath p : model.view().resolve(ALL_ROWS).paths()) {
            for (String name : names) {
                String v = p.object().value(name);
                if (v == null) {
                    throw new IllegalStateException(what + ": no value for " + p.path() + name);
                }
                got.add(p.path() + name + "=" + v);
            }
        }
        if (got.size() != ROWS * names.length || !got.equals(expected)) {
            throw new IllegalStateException(what + ": read " + got.size() + " values, not the expected ones");
        }
    }

    private void readAll(DataModel model, Blackhole bh) {
        ModelView view = model.view();
        for (ResolvedPath p : view.resolve(ALL_ROWS).paths()) {
            InstantiatedObject o = p.object();
            for (String name : names) {
                bh.consume(o.value(name));
            }
        }
    }

    @Benchmark
    public void partial_path_stored(Blackhole bh) {
        readAll(stored, bh);
    }

    @Benchmark
    public void partial_path_firmware(Blackhole bh) {
        readAll(firmware, bh);
    }

    @Benchmark
    public void partial_path_firmware_rows(Blackhole bh) {
        readAll(firmwareRows, bh);
    }

    @Benchmark
    public void full_paths_stored(Blackhole bh) {
        ModelView view = stored.view();
        for (String p : fullPaths) {
            bh.consume(view.value(p));
        }
    }
}
