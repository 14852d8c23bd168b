package io.usp4j.core.error;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The USP error codes of TR-369: the message-level codes 7000–7031 and the Record-level codes 7100–7106.
 *
 * <p>Codes 7200–7299 (defined by a data model) and 7800–7999 (vendor) are not constants here; {@link
 * #isDataModelDefined(long)} and {@link #isVendorSpecific(long)} classify them.
 */
public enum ErrorCode {
    MESSAGE_FAILED(7000, "Message failed"),
    MESSAGE_NOT_SUPPORTED(7001, "Message not supported"),
    REQUEST_DENIED(7002, "Request denied (no reason specified)"),
    INTERNAL_ERROR(7003, "Internal error"),
    INVALID_ARGUMENTS(7004, "Invalid arguments"),
    RESOURCES_EXCEEDED(7005, "Resources exceeded"),
    PERMISSION_DENIED(7006, "Permission denied"),
    INVALID_CONFIGURATION(7007, "Invalid configuration"),
    INVALID_PATH_SYNTAX(7008, "Invalid path syntax"),
    PARAMETER_ACTION_FAILED(7009, "Parameter action failed"),
    UNSUPPORTED_PARAMETER(7010, "Unsupported parameter"),
    INVALID_TYPE(7011, "Invalid type"),
    INVALID_VALUE(7012, "Invalid value"),
    PARAMETER_READ_ONLY(7013, "Attempt to update non-writeable parameter"),
    VALUE_CONFLICT(7014, "Value conflict"),
    OPERATION_ERROR(7015, "Operation error"),
    OBJECT_DOES_NOT_EXIST(7016, "Object does not exist"),
    OBJECT_NOT_CREATED(7017, "Object could not be created"),
    OBJECT_NOT_A_TABLE(7018, "Object is not a table"),
    OBJECT_NOT_CREATABLE(7019, "Attempt to create non-creatable object"),
    OBJECT_NOT_UPDATED(7020, "Object could not be updated"),
    REQUIRED_PARAMETER_FAILED(7021, "Required parameter failed"),
    COMMAND_FAILURE(7022, "Command failure"),
    COMMAND_CANCELED(7023, "Command canceled"),
    DELETE_FAILURE(7024, "Delete failure"),
    DUPLICATE_UNIQUE_KEY(7025, "Object exists with duplicate key"),
    INVALID_PATH(7026, "Invalid path"),
    INVALID_COMMAND_ARGUMENTS(7027, "Invalid command arguments"),
    REGISTER_FAILURE(7028, "Register failure"),
    ALREADY_IN_USE(7029, "Already in use"),
    DEREGISTER_FAILURE(7030, "Deregister failure"),
    PATH_ALREADY_REGISTERED(7031, "Path already registered"),

    RECORD_NOT_PARSED(7100, "Record could not be parsed"),
    SECURE_SESSION_REQUIRED(7101, "Secure session required"),
    SECURE_SESSION_NOT_SUPPORTED(7102, "Secure session not supported"),
    SEGMENTATION_NOT_SUPPORTED(7103, "Segmentation and reassembly not supported"),
    INVALID_RECORD_VALUE(7104, "Invalid Record value"),
    SESSION_CONTEXT_TERMINATED(7105, "Session Context terminated"),
    SESSION_CONTEXT_NOT_ALLOWED(7106, "Session Context not allowed");

    private static final Map<Integer, ErrorCode> BY_CODE = new HashMap<>();

    static {
        for (ErrorCode c : values()) {
            BY_CODE.put(c.code, c);
        }
    }

    private final int code;
    private final String meaning;

    ErrorCode(int code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    /** The numeric code carried on the wire (e.g. 7026). */
    public int code() {
        return code;
    }

    /** The name the specification gives the code, usable as a default error message. */
    public String meaning() {
        return meaning;
    }

    /** True for the Record-level codes 7100–7199. */
    public boolean isRecordLevel() {
        return code >= 7100 && code <= 7199;
    }

    /**
     * Looks a numeric code up.
     *
     * @return the constant, or empty for a code this enum does not name (data-model, vendor or unknown)
     */
    public static Optional<ErrorCode> of(long code) {
        return code < Integer.MIN_VALUE || code > Integer.MAX_VALUE
                ? Optional.empty()
                : Optional.ofNullable(BY_CODE.get((int) code));
    }

    /** True for 7200–7299, the range data models define codes in (e.g. 7230 of Software Module Management). */
    public static boolean isDataModelDefined(long code) {
        return code >= 7200 && code <= 7299;
    }

    /** True for 7800–7999, the vendor-specific range. */
    public static boolean isVendorSpecific(long code) {
        return code >= 7800 && code <= 7999;
    }
}
