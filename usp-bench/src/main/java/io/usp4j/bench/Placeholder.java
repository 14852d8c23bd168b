package io.usp4j.bench;

import org.openjdk.jmh.annotations.Benchmark;

/** Removed once real benchmarks land. */
public class Placeholder {
    @Benchmark
    public int nothing() {
        return 1;
    }
}
