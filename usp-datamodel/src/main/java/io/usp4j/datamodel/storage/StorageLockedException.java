package io.usp4j.datamodel.storage;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The store's directory is already open, by another process or by another {@link FileStorage} in this JVM.
 * Two writers on one journal would corrupt it, so the second opener is refused.
 */
public class StorageLockedException extends StorageException {
    private static final long serialVersionUID = 1L;

    private final transient Path directory;

    /** @param directory the store directory whose lock is held */
    public StorageLockedException(Path directory) {
        super("storage directory " + directory + " is locked by another opener");
        this.directory = Objects.requireNonNull(directory, "directory");
    }

    /** The store directory whose lock is held. */
    public Path directory() {
        return directory;
    }
}
