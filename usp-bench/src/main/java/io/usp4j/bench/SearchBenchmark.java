package io.usp4j.bench;

import io.usp4j.core.path.PathName;
import io.usp4j.core.path.resolve.PathResolver;
import io.usp4j.core.path.resolve.Resolution;
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

/**
 * Resolving paths over a 10,000-row table: a search with two typed terms (target under 1 ms), a wildcard,
 * and a unique-key address. Each includes parsing the path, as a request would.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class SearchBenchmark {
    private PathResolver resolver;

    @Setup
    public void setUp() {
        resolver = new PathResolver(new TableModel(10_000));
        int expected = 0;
        for (int i = 1; i <= 10_000; i++) {
            expected += i % 2 == 0 && i % 2000 > 1000 ? 1 : 0;
        }
        if (search().paths().size() != expected) {
            throw new IllegalStateException("search matched " + search().paths().size() + ", expected " + expected);
        }
    }

    @Benchmark
    public Resolution search() {
        return resolver.resolve(PathName.parse("Device.X.Table.[Enable==true&&Port>1000].Name"));
    }

    @Benchmark
    public Resolution wildcard() {
        return resolver.resolve(PathName.parse("Device.X.Table.*.Name"));
    }

    @Benchmark
    public Resolution unique_key_address() {
        return resolver.resolve(PathName.parse("Device.X.Table.[Name==\"row-9876\"].Port"));
    }
}
