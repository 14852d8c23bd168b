package io.usp4j.datamodel.storage;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.CRC32C;
import java.util.zip.CheckedOutputStream;

/**
 * Writes and reads the snapshot file (format in {@link FileFormat}). Stateless and thread-safe; writing
 * reads the table without locking, so only the store's writer may call {@link #write}.
 */
final class SnapshotFile {
    private static final int HEADER_BYTES = 8 + 4 + 8 + 4;

    private SnapshotFile() {
    }

    /**
     * Writes the whole table to {@code file} (replacing it) and forces it to the device.
     *
     * @return the size of the file
     */
    static long write(Path file, long seq, SortedTable table) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            OutputStream raw = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
            CRC32C crc = new CRC32C();
            DataOutputStream out = new DataOutputStream(new CheckedOutputStream(raw, crc));
            out.write(FileFormat.SNAPSHOT_MAGIC);
            out.writeInt(FileFormat.VERSION);
            out.writeLong(seq);
            out.writeInt(table.namespaceCount());
            IOException[] failure = new IOException[1];
            table.forEachNamespace((namespace, keys) -> {
                if (failure[0] != null) {
                    return;
                }
                try {
                    byte[] name = namespace.getBytes(StandardCharsets.UTF_8);
                    out.writeShort(name.length);
                    out.write(name);
                    out.writeInt(keys.size());
                    for (Map.Entry<String, byte[]> e : keys.entrySet()) {
                        byte[] key = e.getKey().getBytes(StandardCharsets.UTF_8);
                        out.writeInt(key.length);
                        out.write(key);
                        out.writeInt(e.getValue().length);
                        out.write(e.getValue());
                    }
                } catch (IOException ex) {
                    failure[0] = ex;
                }
            });
            if (failure[0] != null) {
                throw failure[0];
            }
            out.flush();
            new DataOutputStream(raw).writeInt((int) crc.getValue());
            raw.flush();
            channel.force(true);
            return channel.size();
        }
    }

    /**
     * Reads a snapshot into an empty table.
     *
     * @return the sequence number of the last commit the snapshot holds
     * @throws StorageCorruptedException when the file fails its checks
     * @throws StorageException when the file has a format version this library does not read
     */
    static long read(Path file, SortedTable table) throws IOException {
        ByteBuffer b;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size > Integer.MAX_VALUE - 16) {
                throw new StorageException("snapshot " + file + " is larger than 2 GiB");
            }
            b = ByteBuffer.allocate((int) size);
            while (b.hasRemaining()) {
                if (channel.read(b, b.position()) < 0) {
                    throw new StorageCorruptedException(file, b.position(), "file shrank while being read");
                }
            }
            b.flip();
        }
        if (b.limit() < HEADER_BYTES + 4) {
            throw new StorageCorruptedException(file, -1, "only " + b.limit() + " bytes, too short for a snapshot");
        }
        byte[] magic = new byte[FileFormat.SNAPSHOT_MAGIC.length];
        b.get(magic);
        if (!Arrays.equals(magic, FileFormat.SNAPSHOT_MAGIC)) {
            throw new StorageCorruptedException(file, 0, "not a usp4j snapshot (bad magic)");
        }
        int version = b.getInt();
        if (version != FileFormat.VERSION) {
            throw new StorageException("snapshot " + file + " has format version " + version
                    + "; this library reads version " + FileFormat.VERSION);
        }
        int bodyEnd = b.limit() - 4;
        if (b.getInt(bodyEnd) != FileFormat.crc32c(b, 0, bodyEnd)) {
            throw new StorageCorruptedException(file, -1, "checksum mismatch");
        }
        ByteBuffer body = b.slice(0, bodyEnd).position(b.position());
        try {
            long seq = body.getLong();
            int namespaceCount = body.getInt();
            if (namespaceCount < 0) {
                throw new FileFormat.FormatException("bad namespace count " + namespaceCount);
            }
            for (int i = 0; i < namespaceCount; i++) {
                String namespace = FileFormat.str16(body);
                if (body.remaining() < 4) {
                    throw new FileFormat.FormatException("truncated entry count");
                }
                int count = body.getInt();
                if (count < 0) {
                    throw new FileFormat.FormatException("bad entry count " + count);
                }
                TreeMap<String, byte[]> keys = new TreeMap<>();
                for (int j = 0; j < count; j++) {
                    String key = FileFormat.str32(body, WriteBatch.MAX_KEY_BYTES);
                    keys.put(key, FileFormat.bytes32(body, WriteBatch.MAX_VALUE_BYTES));
                }
                table.loadNamespace(namespace, keys);
            }
            if (body.hasRemaining()) {
                throw new FileFormat.FormatException(body.remaining() + " stray bytes before the checksum");
            }
            return seq;
        } catch (FileFormat.FormatException e) {
            throw new StorageCorruptedException(file, body.position(), e.getMessage());
        }
    }
}
