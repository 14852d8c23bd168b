package io.usp4j.datamodel.storage;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A store's files fail their integrity checks in a way that an interrupted write cannot explain: a checksum
 * mismatch with valid data after it, a broken header, a missing file, or a gap in the commit sequence.
 * Opening refuses such a store rather than silently dropping acknowledged commits; the operator decides
 * whether to restore a backup or start empty.
 */
public class StorageCorruptedException extends StorageException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final long offset;

    /**
     * @param file the damaged file
     * @param offset the byte offset where the damage was found, or -1 when it concerns the whole file
     * @param message what is wrong
     */
    public StorageCorruptedException(Path file, long offset, String message) {
        super(file + (offset >= 0 ? " at offset " + offset : "") + ": " + message);
        this.file = Objects.requireNonNull(file, "file");
        this.offset = offset;
    }

    /** The damaged file. */
    public Path file() {
        return file;
    }

    /** The byte offset of the damage, or -1 when the whole file is concerned. */
    public long offset() {
        return offset;
    }
}
