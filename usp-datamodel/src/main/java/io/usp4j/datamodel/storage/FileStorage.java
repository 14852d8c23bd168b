package io.usp4j.datamodel.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A durable {@link Storage} in a directory of its own. Every commit is forced to the device before
 * {@link #commit(WriteBatch)} returns, and the store survives a crash or {@code kill -9} at any point
 * without corruption and without losing an acknowledged commit.
 *
 * <p>Layout: {@value #JOURNAL} is an append-only journal with one checksummed record per commit;
 * {@value #SNAPSHOT} holds the whole store as of some commit. Opening reads the snapshot, replays the
 * journal records after it, and cuts off a torn tail (a record whose write a crash interrupted: it was
 * never acknowledged). Damage that an interrupted write cannot explain, such as a bad record with intact
 * ones after it, is reported as {@link StorageCorruptedException} instead of being skipped. When the
 * journal has grown past the compaction threshold and past the snapshot's size, the store is compacted: a
 * new snapshot is written to a temporary file, forced, atomically renamed over the old one, the directory
 * is forced, and the journal is replaced by an empty one the same way. Records carry commit sequence
 * numbers, so a crash between those two renames is harmless. {@value #LOCK} is locked while the store is
 * open, so a second opener (another process, or this JVM) gets {@link StorageLockedException}. The files
 * start with a magic and a format version, so a future format is recognised.
 *
 * <p>Limits of what checksums can tell: a damaged final record looks exactly like an interrupted write and
 * is cut off (with a warning in the log); and a value that itself contains a well-formed journal record
 * could make a genuinely torn tail look like mid-journal damage, which then refuses to open rather than
 * lose anything.
 *
 * <p>Everything is held in memory too; reads never touch the disk. A failed commit leaves the store usable
 * when the journal could be restored to its earlier length; otherwise (and always after a failed force,
 * since the device's state is then unknown) the store refuses further commits until it is reopened.
 *
 * <p>Thread-safe as {@link Storage} describes. Commits and compaction are serialized by one lock; reads do
 * not wait for the disk, only for the brief moment a forced commit is applied in memory.
 */
public final class FileStorage implements Storage {
    /** The name of the journal file. */
    public static final String JOURNAL = "usp4j.journal";
    /** The name of the snapshot file. */
    public static final String SNAPSHOT = "usp4j.snapshot";
    /** The name of the lock file. */
    public static final String LOCK = "usp4j.lock";
    /** The compaction threshold unless the builder sets another. */
    public static final long DEFAULT_COMPACTION_THRESHOLD = 1 << 20;

    private static final Logger LOG = LoggerFactory.getLogger(FileStorage.class);
    private static final String TMP_SUFFIX = ".tmp";
    private static final boolean WINDOWS = System.getProperty("os.name", "").toLowerCase(Locale.ROOT)
            .startsWith("windows");

    private final Path directory;
    private final long compactionThreshold;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final SortedTable table = new SortedTable();
    private final ReentrantLock commitLock = new ReentrantLock();

    private JournalFile journal;
    private long lastSeq;
    private long snapshotBytes;
    private long compactAtJournalSize;
    private StorageException failure;
    private volatile boolean closed;

    private FileStorage(Builder builder) {
        this.directory = builder.directory;
        this.compactionThreshold = builder.compactionThreshold;
        long started = System.nanoTime();
        try {
            boolean created = !Files.isDirectory(directory);
            Files.createDirectories(directory);
            if (created && directory.toAbsolutePath().getParent() != null) {
                syncDirectory(directory.toAbsolutePath().getParent());
            }
        } catch (IOException e) {
            throw new StorageException("cannot create storage directory " + directory, e);
        }
        FileChannel channel = null;
        FileLock acquired = null;
        try {
            channel = FileChannel.open(directory.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            acquired = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            acquired = null;
        } catch (IOException e) {
            closeQuietly(channel, e);
            throw new StorageException("cannot lock storage directory " + directory, e);
        }
        if (acquired == null) {
            StorageLockedException locked = new StorageLockedException(directory);
            closeQuietly(channel, locked);
            throw locked;
        }
        this.lockChannel = channel;
        this.lock = acquired;
        try {
            load();
        } catch (IOException | RuntimeException e) {
            closeFiles(e);
            if (e instanceof RuntimeException re) {
                throw re;
            }
            throw new StorageException("cannot open storage in " + directory, e);
        }
        LOG.info("Opened storage {}: {} entries, commit {}, journal {} bytes, in {} ms", directory,
                table.entryCount(), lastSeq, journal.size(), (System.nanoTime() - started) / 1_000_000);
    }

    /**
     * Opens (creating when needed) the store in {@code directory} with default settings.
     *
     * @throws StorageLockedException when the directory is open elsewhere
     * @throws StorageCorruptedException when the files are damaged beyond an interrupted write
     * @throws StorageException when the files cannot be read or written, or have an unknown format version
     */
    public static FileStorage open(Path directory) {
        return builder(directory).open();
    }

    /** A builder for a store in {@code directory}. */
    public static Builder builder(Path directory) {
        return new Builder(directory);
    }

    /** Settings for opening a {@link FileStorage}. Not thread-safe. */
    public static final class Builder {
        private final Path directory;
        private long compactionThreshold = DEFAULT_COMPACTION_THRESHOLD;

        private Builder(Path directory) {
            this.directory = Objects.requireNonNull(directory, "directory");
        }

        /**
         * The journal size, in bytes, past which the store compacts (when the journal is also larger than
         * the last snapshot, which keeps compaction cost proportional to the commits written).
         *
         * @param bytes at least 1
         * @return this builder
         */
        public Builder compactionThreshold(long bytes) {
            if (bytes < 1) {
                throw new IllegalArgumentException("compaction threshold must be positive: " + bytes);
            }
            this.compactionThreshold = bytes;
            return this;
        }

        /**
         * Opens (creating when needed) the store.
         *
         * @throws StorageLockedException when the directory is open elsewhere
         * @throws StorageCorruptedException when the files are damaged beyond an interrupted write
         * @throws StorageException when the files cannot be read or written, or have an unknown format
         *         version
         */
        public FileStorage open() {
            return new FileStorage(this);
        }
    }

    private void load() throws IOException {
        Path snapshotFile = directory.resolve(SNAPSHOT);
        Path journalFile = directory.resolve(JOURNAL);
        Files.deleteIfExists(directory.resolve(SNAPSHOT + TMP_SUFFIX));
        Files.deleteIfExists(directory.resolve(JOURNAL + TMP_SUFFIX));

        long snapshotSeq = 0;
        if (Files.exists(snapshotFile)) {
            snapshotSeq = SnapshotFile.read(snapshotFile, table);
            snapshotBytes = Files.size(snapshotFile);
        }
        if (!Files.exists(journalFile)) {
            if (Files.exists(snapshotFile)) {
                throw new StorageCorruptedException(journalFile, -1, "journal missing next to a snapshot");
            }
            replaceJournal(0);
        }
        long skipUpTo = snapshotSeq;
        journal = JournalFile.open(journalFile, commit -> {
            if (commit.seq() > skipUpTo) {
                table.apply(commit.mutations());
            }
        });
        if (journal.baseSeq() > snapshotSeq) {
            throw new StorageCorruptedException(snapshotFile, -1, "journal starts after commit "
                    + journal.baseSeq() + " but the snapshot holds only up to commit " + snapshotSeq);
        }
        lastSeq = Math.max(snapshotSeq, journal.lastSeq());
        if (journal.baseSeq() < snapshotSeq) {
            // A compaction stopped between its two renames: the journal still holds what the snapshot has.
            LOG.info("Storage {}: finishing an interrupted compaction at commit {}", directory, snapshotSeq);
            compact();
        }
        scheduleCompaction(FileFormat.JOURNAL_HEADER_BYTES);
        if (journal.size() >= compactAtJournalSize) {
            compact();
        }
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
        long encodedBytes = batch.encodedBytes();
        if (mutations.isEmpty()) {
            ensureOpen();
            return;
        }
        commitLock.lock();
        try {
            ensureWritable();
            long seq = lastSeq + 1;
            ByteBuffer record = FileFormat.record(seq, mutations, encodedBytes);
            long sizeBefore = journal.size();
            try {
                journal.append(record, seq);
            } catch (IOException e) {
                undoAppend(sizeBefore, e);
                throw new StorageException("cannot write commit " + seq + " to " + journal.path(), e);
            }
            try {
                journal.force();
            } catch (IOException e) {
                fail(new StorageException("cannot force commit " + seq + " to " + journal.path()
                        + "; reopen the storage", e));
                throw failure;
            }
            table.apply(mutations);
            lastSeq = seq;
            if (journal.size() >= compactAtJournalSize) {
                compactAfterCommit();
            }
        } finally {
            commitLock.unlock();
        }
    }

    /**
     * Compacts now: writes a snapshot of the whole store and starts an empty journal. Commits wait
     * meanwhile; reads do not.
     *
     * @throws StorageException when the snapshot or the new journal cannot be written; when the old journal
     *         is already gone the store refuses further commits until it is reopened
     * @throws IllegalStateException when the store is closed
     */
    public void compact() {
        commitLock.lock();
        try {
            ensureWritable();
            compactLocked();
        } catch (IOException e) {
            throw new StorageException("cannot compact storage in " + directory, e);
        } finally {
            commitLock.unlock();
        }
    }

    /** The directory the store lives in. */
    public Path directory() {
        return directory;
    }

    /** The sequence number of the last acknowledged commit (0 for a store never written). */
    public long lastCommit() {
        commitLock.lock();
        try {
            return lastSeq;
        } finally {
            commitLock.unlock();
        }
    }

    @Override
    public void close() {
        commitLock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            StorageException problem = new StorageException("cannot close storage in " + directory);
            closeFiles(problem);
            if (problem.getSuppressed().length > 0) {
                throw problem;
            }
            LOG.debug("Closed storage {} at commit {}", directory, lastSeq);
        } finally {
            commitLock.unlock();
        }
    }

    private void compactAfterCommit() {
        try {
            compactLocked();
        } catch (IOException | StorageException e) {
            if (failure != null) {
                // Already logged; the commit itself is durable and applied, so it still succeeds.
                return;
            }
            // The commit itself is durable; try again once the journal has grown by another threshold.
            scheduleCompaction(journal.size());
            LOG.warn("Storage {}: compaction failed, the journal keeps growing: {}", directory, e.toString(), e);
        }
    }

    private void compactLocked() throws IOException {
        long started = System.nanoTime();
        Path snapshotFile = directory.resolve(SNAPSHOT);
        Path snapshotTmp = directory.resolve(SNAPSHOT + TMP_SUFFIX);
        long bytes;
        try {
            bytes = SnapshotFile.write(snapshotTmp, lastSeq, table);
            Files.move(snapshotTmp, snapshotFile, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            try {
                Files.deleteIfExists(snapshotTmp);
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
        syncDirectory(directory);
        snapshotBytes = bytes;
        long journalBytes = journal.size();
        try {
            journal.close();
            replaceJournal(lastSeq);
            journal = JournalFile.open(directory.resolve(JOURNAL), commit -> {
                throw new IllegalStateException("fresh journal holds a record");
            });
        } catch (IOException | RuntimeException e) {
            fail(new StorageException("journal of " + directory + " could not be replaced after a snapshot;"
                    + " reopen the storage", e));
            throw failure;
        }
        scheduleCompaction(journal.size());
        LOG.debug("Storage {}: compacted at commit {}: snapshot {} bytes, journal was {} bytes, {} ms", directory,
                lastSeq, bytes, journalBytes, (System.nanoTime() - started) / 1_000_000);
    }

    private void replaceJournal(long baseSeq) throws IOException {
        Path journalFile = directory.resolve(JOURNAL);
        Path journalTmp = directory.resolve(JOURNAL + TMP_SUFFIX);
        JournalFile.writeEmpty(journalTmp, baseSeq);
        Files.move(journalTmp, journalFile, StandardCopyOption.ATOMIC_MOVE);
        syncDirectory(directory);
    }

    /** Compaction becomes due once the journal has grown by a threshold (or a snapshot's size) past this. */
    private void scheduleCompaction(long journalSize) {
        compactAtJournalSize = journalSize + Math.max(compactionThreshold, snapshotBytes);
    }

    private void undoAppend(long sizeBefore, IOException cause) {
        try {
            journal.truncateTo(sizeBefore, lastSeq);
        } catch (IOException e) {
            cause.addSuppressed(e);
            fail(new StorageException("cannot undo a failed write to " + journal.path() + "; reopen the storage",
                    cause));
        }
    }

    private void fail(StorageException e) {
        failure = e;
        LOG.error("Storage {} refuses further commits: {}", directory, e.getMessage(), e);
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("storage " + directory + " is closed");
        }
    }

    private void ensureWritable() {
        ensureOpen();
        if (failure != null) {
            throw new StorageException("storage " + directory + " failed earlier; reopen it", failure);
        }
    }

    private void closeFiles(Exception problem) {
        if (journal != null) {
            try {
                journal.close();
            } catch (IOException e) {
                problem.addSuppressed(e);
            }
        }
        try {
            lock.release();
        } catch (IOException e) {
            problem.addSuppressed(e);
        }
        closeQuietly(lockChannel, problem);
    }

    private static void closeQuietly(FileChannel channel, Exception problem) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                problem.addSuppressed(e);
            }
        }
    }

    /** Forces a directory's entries (renames, creations) to the device, where the platform allows it. */
    static void syncDirectory(Path dir) throws IOException {
        if (WINDOWS) {
            // Windows cannot open a directory as a channel; NTFS journals renames itself.
            return;
        }
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }
}
