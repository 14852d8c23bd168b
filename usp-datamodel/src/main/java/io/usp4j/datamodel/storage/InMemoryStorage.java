package io.usp4j.datamodel.storage;

import java.util.List;
import java.util.Optional;

/**
 * A {@link Storage} that keeps everything in memory and forgets it when the JVM ends: for tests and for
 * state that must not survive a restart. Same semantics and limits as {@link FileStorage}.
 *
 * <p>Thread-safe as {@link Storage} describes: commits are serialized, and a read never sees part of a
 * commit.
 */
public final class InMemoryStorage implements Storage {
    private final SortedTable table = new SortedTable();
    private volatile boolean closed;

    /** Creates an empty store. */
    public InMemoryStorage() {
        // empty
    }

    @Override
    public Optional<byte[]> get(String namespace, String key) {
        ensureOpen();
        byte[] value = table.get(namespace, key);
        return value == null ? Optional.empty() : Optional.of(value.clone());
    }

    @Override
    public List<StorageEntry> scan(String namespace, String prefix) {
        ensureOpen();
        return table.scanPrefix(namespace, prefix);
    }

    @Override
    public List<StorageEntry> scan(String namespace, String fromInclusive, String toExclusive) {
        ensureOpen();
        return table.scanRange(namespace, fromInclusive, toExclusive);
    }

    @Override
    public void commit(WriteBatch batch) {
        List<Mutation> mutations = batch.mutations();
        ensureOpen();
        table.apply(mutations);
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
