package io.usp4j.core.value;

import io.usp4j.core.error.ErrorCode;
import io.usp4j.core.error.UspException;

/**
 * A string that is not a lexical form of the expected TR-106 type: USP error 7011 (Invalid type). The
 * message names the type, the rejected text and what was wrong with it.
 */
public final class InvalidTypeException extends UspException {
    private static final long serialVersionUID = 1L;

    private final ValueType type;
    private final boolean list;
    private final String input;

    /**
     * @param type the type the text was read as
     * @param list whether it was read as a comma-separated list of {@code type}
     * @param input the rejected text
     * @param reason what was wrong, in words
     */
    public InvalidTypeException(ValueType type, boolean list, String input, String reason) {
        super(ErrorCode.INVALID_TYPE, describe(type, list, input, reason));
        this.type = type;
        this.list = list;
        this.input = input;
    }

    private static String describe(ValueType type, boolean list, String input, String reason) {
        String shown = input.length() > 80 ? input.substring(0, 77) + "..." : input;
        return "Invalid " + (list ? "list of " : "") + type.xmlName() + " value \"" + shown + "\": " + reason;
    }

    /** The type the text was read as (the item type for a list). */
    public ValueType type() {
        return type;
    }

    /** Whether the text was read as a comma-separated list. */
    public boolean list() {
        return list;
    }

    /** The rejected text. */
    public String input() {
        return input;
    }
}
