package io.usp4j.datamodel.storage;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The changes of one atomic commit: puts and deletes over any number of namespaces, applied in the order
 * they were added and handed to {@link Storage#commit(WriteBatch)}, which applies all or none of them.
 *
 * <p>Namespaces are 1 to {@value #MAX_NAMESPACE_LENGTH} characters with no control characters. Keys are any
 * string (the empty one too) of at most {@value #MAX_KEY_BYTES} bytes in UTF-8; values at most
 * {@value #MAX_VALUE_BYTES} bytes; a whole batch at most {@value #MAX_BATCH_BYTES} bytes. Namespaces, keys and
 * string values must be well-formed UTF-16 (no unpaired surrogate), so that they survive the trip to disk
 * unchanged. Every method checks its arguments at once and throws {@link IllegalArgumentException} (or
 * {@link NullPointerException} for a null) without changing the batch.
 *
 * <p>Not thread-safe: a batch is built by one thread. It may be committed, changed and committed again; a
 * commit takes its own copy.
 */
public final class WriteBatch {
    /** The longest namespace, in characters. */
    public static final int MAX_NAMESPACE_LENGTH = 256;
    /** The longest key, in UTF-8 bytes. */
    public static final int MAX_KEY_BYTES = 65_535;
    /** The largest value, in bytes. */
    public static final int MAX_VALUE_BYTES = 64 << 20;
    /** The largest batch, in bytes of its encoded mutations. */
    public static final int MAX_BATCH_BYTES = 256 << 20;

    /** Bytes a mutation costs besides its strings and value (kind, three length fields). */
    private static final int MUTATION_OVERHEAD = 1 + 2 + 4 + 4;

    private final List<Mutation> mutations = new ArrayList<>();
    private long encodedBytes;

    /** Creates an empty batch. */
    public WriteBatch() {
        // empty
    }

    /**
     * Adds a put of raw bytes.
     *
     * @param namespace the namespace
     * @param key the key
     * @param value the value; the batch keeps a copy
     * @return this batch
     * @throws IllegalArgumentException when a limit or the namespace syntax is broken
     */
    public WriteBatch put(String namespace, String key, byte[] value) {
        Objects.requireNonNull(value, "value");
        long cost = checkNamespace(namespace) + checkKey(key) + checkValueLength(value.length);
        return add(new Mutation.Put(namespace, key, value), cost);
    }

    /**
     * Adds a put of a string value, stored as UTF-8.
     *
     * @param namespace the namespace
     * @param key the key
     * @param value the value
     * @return this batch
     * @throws IllegalArgumentException when a limit or the namespace syntax is broken, or the value holds an
     *         unpaired surrogate
     */
    public WriteBatch put(String namespace, String key, String value) {
        Objects.requireNonNull(value, "value");
        requireWellFormed(value, "value");
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        long cost = checkNamespace(namespace) + checkKey(key) + checkValueLength(bytes.length);
        return add(new Mutation.Put(namespace, key, bytes), cost);
    }

    /**
     * Adds the removal of one key.
     *
     * @param namespace the namespace
     * @param key the key
     * @return this batch
     * @throws IllegalArgumentException when a limit or the namespace syntax is broken
     */
    public WriteBatch delete(String namespace, String key) {
        long cost = checkNamespace(namespace) + checkKey(key);
        return add(new Mutation.Delete(namespace, key), cost);
    }

    /**
     * Adds the removal of every key that starts with {@code prefix} (all keys of the namespace for the empty
     * prefix), as they stand when the mutation is applied: keys put earlier in the same batch go too, keys
     * put later stay.
     *
     * @param namespace the namespace
     * @param prefix the key prefix
     * @return this batch
     * @throws IllegalArgumentException when a limit or the namespace syntax is broken
     */
    public WriteBatch deletePrefix(String namespace, String prefix) {
        long cost = checkNamespace(namespace) + checkKey(prefix);
        return add(new Mutation.DeletePrefix(namespace, prefix), cost);
    }

    /** Removes every mutation, so the batch can be reused. */
    public void clear() {
        mutations.clear();
        encodedBytes = 0;
    }

    /** True when the batch holds no mutation. */
    public boolean isEmpty() {
        return mutations.isEmpty();
    }

    /** The number of mutations. */
    public int size() {
        return mutations.size();
    }

    /** The mutations in the order they were added, as an unmodifiable copy. */
    public List<Mutation> mutations() {
        return List.copyOf(mutations);
    }

    /** The size of the batch in the store's encoding, which {@link #MAX_BATCH_BYTES} bounds. */
    public long encodedBytes() {
        return encodedBytes;
    }

    private WriteBatch add(Mutation mutation, long cost) {
        long total = encodedBytes + cost + MUTATION_OVERHEAD;
        if (total > MAX_BATCH_BYTES) {
            throw new IllegalArgumentException("batch would exceed " + MAX_BATCH_BYTES + " bytes");
        }
        mutations.add(mutation);
        encodedBytes = total;
        return this;
    }

    /**
     * Checks a namespace name.
     *
     * @return its length in UTF-8 bytes
     */
    static int checkNamespace(String namespace) {
        Objects.requireNonNull(namespace, "namespace");
        if (namespace.isEmpty() || namespace.length() > MAX_NAMESPACE_LENGTH) {
            throw new IllegalArgumentException("namespace must have 1 to " + MAX_NAMESPACE_LENGTH
                    + " characters: '" + namespace + "'");
        }
        for (int i = 0; i < namespace.length(); i++) {
            if (Character.isISOControl(namespace.charAt(i))) {
                throw new IllegalArgumentException("namespace holds a control character: '" + namespace + "'");
            }
        }
        requireWellFormed(namespace, "namespace");
        return utf8Length(namespace);
    }

    /**
     * Checks a key or key prefix.
     *
     * @return its length in UTF-8 bytes
     */
    static int checkKey(String key) {
        Objects.requireNonNull(key, "key");
        requireWellFormed(key, "key");
        int length = utf8Length(key);
        if (length > MAX_KEY_BYTES) {
            throw new IllegalArgumentException("key is " + length + " bytes, more than " + MAX_KEY_BYTES);
        }
        return length;
    }

    private static int checkValueLength(int length) {
        if (length > MAX_VALUE_BYTES) {
            throw new IllegalArgumentException("value is " + length + " bytes, more than " + MAX_VALUE_BYTES);
        }
        return length;
    }

    private static void requireWellFormed(String s, String what) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new IllegalArgumentException(what + " holds an unpaired surrogate at index " + i);
            }
        }
    }

    private static int utf8Length(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                n += 1;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c)) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
        }
        return n;
    }
}
