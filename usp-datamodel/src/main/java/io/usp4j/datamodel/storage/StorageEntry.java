package io.usp4j.datamodel.storage;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * One key and its value, as returned by a scan. Immutable: {@link #value()} returns a copy.
 */
public final class StorageEntry {
    private final String key;
    private final byte[] value;

    /**
     * @param key the key
     * @param value the value bytes, copied
     */
    public StorageEntry(String key, byte[] value) {
        this(value.clone(), Objects.requireNonNull(key, "key"));
    }

    private StorageEntry(byte[] sharedValue, String key) {
        this.key = key;
        this.value = sharedValue;
    }

    /** Wraps bytes the caller promises never to change. */
    static StorageEntry ofShared(String key, byte[] value) {
        return new StorageEntry(value, key);
    }

    /** The key, within the namespace that was scanned. */
    public String key() {
        return key;
    }

    /** A copy of the value bytes. */
    public byte[] value() {
        return value.clone();
    }

    /** The value decoded as UTF-8, the encoding string puts use. */
    public String valueAsString() {
        return new String(value, StandardCharsets.UTF_8);
    }

    /** The length of the value in bytes. */
    public int valueLength() {
        return value.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StorageEntry e && key.equals(e.key) && Arrays.equals(value, e.value);
    }

    @Override
    public int hashCode() {
        return key.hashCode() * 31 + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return "StorageEntry[" + key + ", " + value.length + " bytes]";
    }
}
