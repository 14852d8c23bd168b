package io.usp4j.datamodel.schema;

/** What a Controller may do with the value of a parameter. */
public enum ParameterAccess {
    /** Readable, never writable by a Controller (TR-106 {@code readOnly}). */
    READ_ONLY(0),
    /** Readable and writable (TR-106 {@code readWrite}). */
    READ_WRITE(1),
    /** Writable, but a read returns no meaningful value (USP {@code PARAM_WRITE_ONLY}). */
    WRITE_ONLY(2),
    /**
     * Writable only when the instance is created (in the Add request) and read-only afterwards (TR-106
     * {@code writeOnceReadOnly}, e.g. the Alias of some tables). GetSupportedDM reports it as read-write.
     */
    WRITE_ONCE_READ_ONLY(1);

    private final int protoNumber;

    ParameterAccess(int protoNumber) {
        this.protoNumber = protoNumber;
    }

    /** The number of the matching {@code ParamAccessType} in GetSupportedDMResp. */
    public int protoNumber() {
        return protoNumber;
    }

    /** True when a Controller may write the value at some point (Set, or Add for write-once). */
    public boolean isWritable() {
        return this != READ_ONLY;
    }
}
