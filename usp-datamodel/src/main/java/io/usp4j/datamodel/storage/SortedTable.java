package io.usp4j.datamodel.storage;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.BiConsumer;

/**
 * The in-memory image both stores serve reads from: namespace to sorted key to value bytes. Value arrays
 * are never modified once stored, so they are shared with entries handed out (which copy on access).
 *
 * <p>Thread-safe: reads take the read lock, {@link #apply} takes the write lock for a whole batch, so a read
 * never sees half a batch. {@link #forEachNamespace} takes no lock and may only be called by the thread
 * that is the sole caller of {@code apply} (the store's writer, under its commit lock).
 */
final class SortedTable {
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final TreeMap<String, TreeMap<String, byte[]>> namespaces = new TreeMap<>();

    byte[] get(String namespace, String key) {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(key, "key");
        lock.readLock().lock();
        try {
            TreeMap<String, byte[]> keys = namespaces.get(namespace);
            return keys == null ? null : keys.get(key);
        } finally {
            lock.readLock().unlock();
        }
    }

    List<StorageEntry> scanPrefix(String namespace, String prefix) {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(prefix, "prefix");
        lock.readLock().lock();
        try {
            TreeMap<String, byte[]> keys = namespaces.get(namespace);
            if (keys == null) {
                return List.of();
            }
            List<StorageEntry> out = new ArrayList<>();
            for (Map.Entry<String, byte[]> e : keys.tailMap(prefix, true).entrySet()) {
                if (!e.getKey().startsWith(prefix)) {
                    break;
                }
                out.add(StorageEntry.ofShared(e.getKey(), e.getValue()));
            }
            return Collections.unmodifiableList(out);
        } finally {
            lock.readLock().unlock();
        }
    }

    List<StorageEntry> scanRange(String namespace, String fromInclusive, String toExclusive) {
        Objects.requireNonNull(namespace, "namespace");
        if (fromInclusive != null && toExclusive != null && fromInclusive.compareTo(toExclusive) > 0) {
            throw new IllegalArgumentException("range start '" + fromInclusive + "' sorts after its end '"
                    + toExclusive + "'");
        }
        lock.readLock().lock();
        try {
            NavigableMap<String, byte[]> keys = namespaces.get(namespace);
            if (keys == null) {
                return List.of();
            }
            if (fromInclusive != null) {
                keys = keys.tailMap(fromInclusive, true);
            }
            if (toExclusive != null) {
                keys = keys.headMap(toExclusive, false);
            }
            List<StorageEntry> out = new ArrayList<>(keys.size());
            keys.forEach((k, v) -> out.add(StorageEntry.ofShared(k, v)));
            return Collections.unmodifiableList(out);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Applies mutations in order under one write lock. Put values must already be private copies. */
    void apply(List<Mutation> mutations) {
        lock.writeLock().lock();
        try {
            for (Mutation m : mutations) {
                applyOne(m);
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    private void applyOne(Mutation m) {
        if (m instanceof Mutation.Put put) {
            namespaces.computeIfAbsent(put.namespace(), ns -> new TreeMap<>()).put(put.key(), put.sharedValue());
        } else if (m instanceof Mutation.Delete delete) {
            TreeMap<String, byte[]> keys = namespaces.get(delete.namespace());
            if (keys != null) {
                keys.remove(delete.key());
                dropIfEmpty(delete.namespace(), keys);
            }
        } else if (m instanceof Mutation.DeletePrefix deletePrefix) {
            TreeMap<String, byte[]> keys = namespaces.get(deletePrefix.namespace());
            if (keys != null) {
                String prefix = deletePrefix.prefix();
                Iterator<String> it = keys.tailMap(prefix, true).keySet().iterator();
                while (it.hasNext() && it.next().startsWith(prefix)) {
                    it.remove();
                }
                dropIfEmpty(deletePrefix.namespace(), keys);
            }
        } else {
            throw new IllegalArgumentException("unknown mutation " + m);
        }
    }

    private void dropIfEmpty(String namespace, TreeMap<String, byte[]> keys) {
        if (keys.isEmpty()) {
            namespaces.remove(namespace);
        }
    }

    /** Installs a whole namespace read from a snapshot; only while the store is being opened. */
    void loadNamespace(String namespace, TreeMap<String, byte[]> keys) {
        lock.writeLock().lock();
        try {
            if (!keys.isEmpty()) {
                namespaces.put(namespace, keys);
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Visits every namespace in order; writer thread only (see class comment). */
    void forEachNamespace(BiConsumer<String, NavigableMap<String, byte[]>> visitor) {
        for (Map.Entry<String, TreeMap<String, byte[]>> e : namespaces.entrySet()) {
            visitor.accept(e.getKey(), Collections.unmodifiableNavigableMap(e.getValue()));
        }
    }

    int namespaceCount() {
        return namespaces.size();
    }

    long entryCount() {
        lock.readLock().lock();
        try {
            long n = 0;
            for (TreeMap<String, byte[]> keys : namespaces.values()) {
                n += keys.size();
            }
            return n;
        } finally {
            lock.readLock().unlock();
        }
    }
}
