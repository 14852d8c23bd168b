package io.usp4j.datamodel.storage;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * Where the agent keeps what must outlive it: library-backed table rows and their parameter values,
 * configuration, instance-number counters, subscriptions, outboxes. A store maps (namespace, key) pairs to
 * byte values; namespaces keep unrelated users apart, keys are ordered within a namespace by
 * {@link String#compareTo} (UTF-16 code unit order), and {@link #commit(WriteBatch)} applies a whole batch
 * of changes atomically, so one USP transaction over many objects is stored entirely or not at all.
 *
 * <p>Thread-safety: every implementation must be safe to call from any thread. The intended use has the
 * agent thread as the only writer, with reads from it and from others (firmware, management threads).
 * Commits are serialized. Each read call sees the state after some whole number of commits, never part of
 * a commit; two read calls may straddle a commit. A commit is visible to reads only once it is durable (for
 * stores that are durable at all).
 *
 * <p>After {@link #close()} every method but {@code close} throws {@link IllegalStateException}.
 */
public interface Storage extends AutoCloseable {

    /**
     * Reads one value.
     *
     * @param namespace the namespace
     * @param key the key
     * @return a copy of the value, or empty when the key is absent
     * @throws IllegalStateException when the store is closed
     */
    Optional<byte[]> get(String namespace, String key);

    /**
     * Reads one value as UTF-8 text, the encoding {@link WriteBatch#put(String, String, String)} uses.
     *
     * @param namespace the namespace
     * @param key the key
     * @return the value, or empty when the key is absent
     * @throws IllegalStateException when the store is closed
     */
    default Optional<String> getString(String namespace, String key) {
        return get(namespace, key).map(bytes -> new String(bytes, StandardCharsets.UTF_8));
    }

    /**
     * Lists the keys of a namespace that start with {@code prefix}, in key order.
     *
     * @param namespace the namespace
     * @param prefix the key prefix; the empty string lists the whole namespace
     * @return the entries, as an unmodifiable list taken at one point in time
     * @throws IllegalStateException when the store is closed
     */
    List<StorageEntry> scan(String namespace, String prefix);

    /**
     * Lists the keys of a namespace in {@code [fromInclusive, toExclusive)}, in key order.
     *
     * @param namespace the namespace
     * @param fromInclusive the lowest key listed, or null for no lower bound
     * @param toExclusive the first key not listed, or null for no upper bound
     * @return the entries, as an unmodifiable list taken at one point in time
     * @throws IllegalArgumentException when {@code fromInclusive} sorts after {@code toExclusive}
     * @throws IllegalStateException when the store is closed
     */
    List<StorageEntry> scan(String namespace, String fromInclusive, String toExclusive);

    /**
     * Applies every mutation of the batch, in order, atomically: after the call returns all of them are in
     * effect (and durable, for a durable store); when it throws, none is in effect as far as this open store
     * is concerned. An empty batch does nothing.
     *
     * <p>A durable store that fails in the middle of writing cannot always know whether the commit reached
     * the disk: after a failed commit and a reopen, the batch is either entirely present or entirely absent.
     *
     * @param batch the changes; the store takes its own copy and the caller may reuse the batch
     * @throws StorageException when the store cannot record the commit
     * @throws IllegalStateException when the store is closed
     */
    void commit(WriteBatch batch);

    /**
     * Releases the store. Commits that returned stay in effect; reading or committing afterwards throws
     * {@link IllegalStateException}. Closing twice does nothing.
     *
     * @throws StorageException when releasing files fails
     */
    @Override
    void close();
}
