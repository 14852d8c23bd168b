package io.usp4j.bench;

import io.usp4j.datamodel.storage.Storage;
import io.usp4j.datamodel.storage.StorageEntry;
import io.usp4j.datamodel.storage.WriteBatch;
import java.util.List;
import java.util.Optional;

/**
 * A {@link Storage} that accepts every commit and keeps nothing, so that a data model built on it holds the
 * only copy of its state: for measuring the model's own heap. Thread-safe (it has no state but the flag).
 */
final class DiscardingStorage implements Storage {
    private volatile boolean closed;
    private volatile long commits;

    @Override
    public Optional<byte[]> get(String namespace, String key) {
        ensureOpen();
        return Optional.empty();
    }

    @Override
    public List<StorageEntry> scan(String namespace, String prefix) {
        ensureOpen();
        return List.of();
    }

    @Override
    public List<StorageEntry> scan(String namespace, String fromInclusive, String toExclusive) {
        ensureOpen();
        return List.of();
    }

    @Override
    public synchronized void commit(WriteBatch batch) {
        ensureOpen();
        commits++;
    }

    /** How many commits were accepted (and dropped). */
    long commits() {
        return commits;
    }

    @Override
    public void close() {
        closed = true;
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("storage is closed");
        }
    }
}
