package io.usp4j.datamodel.storage;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The append-only journal of commit records (format in {@link FileFormat}). Not thread-safe: the owning
 * {@link FileStorage} calls it under its commit lock.
 */
final class JournalFile implements Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(JournalFile.class);

    private final Path path;
    private final FileChannel channel;
    private final long baseSeq;
    private long lastSeq;
    private long size;

    private JournalFile(Path path, FileChannel channel, long baseSeq, long lastSeq, long size) {
        this.path = path;
        this.channel = channel;
        this.baseSeq = baseSeq;
        this.lastSeq = lastSeq;
        this.size = size;
    }

    /** Writes an empty journal starting after {@code baseSeq} to {@code file}, forced to the device. */
    static void writeEmpty(Path file, long baseSeq) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer header = FileFormat.journalHeader(baseSeq);
            while (header.hasRemaining()) {
                ch.write(header);
            }
            ch.force(true);
        }
    }

    /**
     * Opens a journal, hands every intact record to {@code replay} in order and cuts off a torn tail (the
     * remains of a write that a crash interrupted before it was acknowledged).
     *
     * @throws StorageCorruptedException when the header is damaged, the sequence has a gap, or a damaged
     *         record has intact records after it
     */
    static JournalFile open(Path path, Consumer<FileFormat.Commit> replay) throws IOException {
        FileChannel channel = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
        try {
            return recover(path, channel, replay);
        } catch (IOException | RuntimeException e) {
            try {
                channel.close();
            } catch (IOException closeFailure) {
                e.addSuppressed(closeFailure);
            }
            throw e;
        }
    }

    private static JournalFile recover(Path path, FileChannel channel, Consumer<FileFormat.Commit> replay)
            throws IOException {
        long fileSize = channel.size();
        if (fileSize > Integer.MAX_VALUE - 16) {
            throw new StorageException("journal " + path + " is larger than 2 GiB");
        }
        if (fileSize < FileFormat.JOURNAL_HEADER_BYTES) {
            throw new StorageCorruptedException(path, -1, "only " + fileSize + " bytes, too short for a journal");
        }
        ByteBuffer b = ByteBuffer.allocate((int) fileSize);
        while (b.hasRemaining()) {
            if (channel.read(b, b.position()) < 0) {
                throw new StorageCorruptedException(path, b.position(), "file shrank while being read");
            }
        }
        b.flip();
        long baseSeq = readHeader(path, b);
        int limit = b.limit();
        int pos = FileFormat.JOURNAL_HEADER_BYTES;
        long lastSeq = baseSeq;
        while (pos < limit) {
            int length = FileFormat.intactRecordAt(b, pos, limit);
            if (length < 0) {
                break;
            }
            FileFormat.Commit commit;
            try {
                commit = FileFormat.decodePayload(b, pos + FileFormat.RECORD_HEADER_BYTES, length);
            } catch (FileFormat.FormatException e) {
                throw new StorageCorruptedException(path, pos, "undecodable record: " + e.getMessage());
            }
            if (commit.seq() != lastSeq + 1) {
                throw new StorageCorruptedException(path, pos, "commit " + commit.seq() + " follows commit "
                        + lastSeq);
            }
            replay.accept(commit);
            lastSeq = commit.seq();
            pos += FileFormat.RECORD_HEADER_BYTES + length;
        }
        if (pos < limit) {
            for (int q = pos + 1; q <= limit - FileFormat.RECORD_HEADER_BYTES; q++) {
                if (FileFormat.intactRecordAt(b, q, limit) >= 0) {
                    throw new StorageCorruptedException(path, pos, "damaged record followed by an intact one at "
                            + q);
                }
            }
            LOG.warn("Journal {}: cutting off {} bytes of an interrupted write at offset {} (after commit {})",
                    path, limit - pos, pos, lastSeq);
            channel.truncate(pos);
            channel.force(true);
        }
        return new JournalFile(path, channel, baseSeq, lastSeq, pos);
    }

    private static long readHeader(Path path, ByteBuffer b) {
        byte[] magic = new byte[FileFormat.JOURNAL_MAGIC.length];
        b.get(0, magic);
        if (!Arrays.equals(magic, FileFormat.JOURNAL_MAGIC)) {
            throw new StorageCorruptedException(path, 0, "not a usp4j journal (bad magic)");
        }
        int version = b.getInt(8);
        if (version != FileFormat.VERSION) {
            throw new StorageException("journal " + path + " has format version " + version
                    + "; this library reads version " + FileFormat.VERSION);
        }
        int headerCrcOffset = FileFormat.JOURNAL_HEADER_BYTES - 4;
        if (b.getInt(headerCrcOffset) != FileFormat.crc32c(b, 0, headerCrcOffset)) {
            throw new StorageCorruptedException(path, 0, "journal header checksum mismatch");
        }
        long baseSeq = b.getLong(12);
        if (baseSeq < 0) {
            throw new StorageCorruptedException(path, 12, "negative base sequence " + baseSeq);
        }
        return baseSeq;
    }

    /**
     * Appends one record and forces it to the device. On failure the journal may hold part of the record;
     * see {@link #truncateTo(long)}.
     */
    void append(ByteBuffer record, long seq) throws IOException {
        long at = size;
        while (record.hasRemaining()) {
            at += channel.write(record, at);
        }
        size = at;
        lastSeq = seq;
    }

    /** Forces appended records to the device. */
    void force() throws IOException {
        channel.force(false);
    }

    /** Cuts the journal back to {@code length} bytes (undoing a failed append) and forces that. */
    void truncateTo(long length, long seq) throws IOException {
        channel.truncate(length);
        channel.force(true);
        size = length;
        lastSeq = seq;
    }

    Path path() {
        return path;
    }

    long size() {
        return size;
    }

    long baseSeq() {
        return baseSeq;
    }

    long lastSeq() {
        return lastSeq;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
