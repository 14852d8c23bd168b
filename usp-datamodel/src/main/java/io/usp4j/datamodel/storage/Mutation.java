package io.usp4j.datamodel.storage;

import java.util.Arrays;
import java.util.Objects;

/**
 * One change inside a {@link WriteBatch}. Made by the batch, which has already checked namespace, key and
 * size limits; a {@link Storage} implementation applies the mutations of a batch in order.
 */
public sealed interface Mutation permits Mutation.Put, Mutation.Delete, Mutation.DeletePrefix {

    /** The namespace the mutation acts on. */
    String namespace();

    /**
     * Sets {@code key} in {@code namespace} to a value, replacing any earlier one.
     *
     * @param namespace the namespace
     * @param key the key
     * @param value the value bytes; the record keeps its own copy and {@link #value()} hands out copies
     */
    record Put(String namespace, String key, byte[] value) implements Mutation {
        public Put {
            Objects.requireNonNull(namespace, "namespace");
            Objects.requireNonNull(key, "key");
            value = value.clone();
        }

        /** A copy of the value bytes. */
        @Override
        public byte[] value() {
            return value.clone();
        }

        /** The value bytes themselves, for stores in this package that take their own care not to leak them. */
        byte[] sharedValue() {
            return value;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Put p && namespace.equals(p.namespace) && key.equals(p.key)
                    && Arrays.equals(value, p.value);
        }

        @Override
        public int hashCode() {
            return (namespace.hashCode() * 31 + key.hashCode()) * 31 + Arrays.hashCode(value);
        }

        @Override
        public String toString() {
            return "Put[" + namespace + ", " + key + ", " + value.length + " bytes]";
        }
    }

    /**
     * Removes {@code key} from {@code namespace}; nothing happens when it is absent.
     *
     * @param namespace the namespace
     * @param key the key
     */
    record Delete(String namespace, String key) implements Mutation {
        public Delete {
            Objects.requireNonNull(namespace, "namespace");
            Objects.requireNonNull(key, "key");
        }
    }

    /**
     * Removes every key of {@code namespace} that starts with {@code prefix}; the empty prefix empties the
     * namespace.
     *
     * @param namespace the namespace
     * @param prefix the key prefix
     */
    record DeletePrefix(String namespace, String prefix) implements Mutation {
        public DeletePrefix {
            Objects.requireNonNull(namespace, "namespace");
            Objects.requireNonNull(prefix, "prefix");
        }
    }
}
