package io.usp4j.datamodel.schema;

/**
 * What a Controller may do with the instances of an object, as GetSupportedDM reports it
 * ({@code ObjAccessType}). Single-instance objects are always {@link #READ_ONLY}.
 */
public enum ObjectAccess {
    /** Instances cannot be added or deleted by a Controller. */
    READ_ONLY(0),
    /** Add and Delete are both allowed (TR-106 {@code access="readWrite"}). */
    ADD_DELETE(1),
    /** Add is allowed, Delete is not. */
    ADD_ONLY(2),
    /** Delete is allowed, Add is not. */
    DELETE_ONLY(3);

    private final int protoNumber;

    ObjectAccess(int protoNumber) {
        this.protoNumber = protoNumber;
    }

    /** The number of the matching {@code ObjAccessType} in GetSupportedDMResp. */
    public int protoNumber() {
        return protoNumber;
    }

    /** True when a Controller may create instances (Add). */
    public boolean canAdd() {
        return this == ADD_DELETE || this == ADD_ONLY;
    }

    /** True when a Controller may delete instances (Delete). */
    public boolean canDelete() {
        return this == ADD_DELETE || this == DELETE_ONLY;
    }
}
