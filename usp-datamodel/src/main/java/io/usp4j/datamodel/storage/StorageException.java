package io.usp4j.datamodel.storage;

/**
 * A store could not do what was asked: an I/O failure, a file written by an unknown format version, or a
 * store that was put out of service by an earlier failure. Unchecked: the data model cannot repair storage
 * problems, it can only report them and abort the USP transaction that needed the store.
 */
public class StorageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message what failed, for a person */
    public StorageException(String message) {
        super(message);
    }

    /**
     * @param message what failed, for a person
     * @param cause the underlying failure (typically an {@link java.io.IOException})
     */
    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
