package io.usp4j.core.path;

import io.usp4j.core.error.ErrorCode;
import io.usp4j.core.error.UspException;

/**
 * A path that does not follow the TR-369 / TR-106 path grammar: USP error 7008 (Invalid path syntax). The
 * message names the offending character and its position.
 */
public final class PathSyntaxException extends UspException {
    private static final long serialVersionUID = 1L;

    private final String input;
    private final int position;

    /**
     * @param input the whole text that was parsed
     * @param position the 0-based index of the offending character ({@code input.length()} for "ended early")
     * @param reason what was wrong, in words
     */
    public PathSyntaxException(String input, int position, String reason) {
        super(ErrorCode.INVALID_PATH_SYNTAX, describe(input, position, reason));
        this.input = input;
        this.position = position;
    }

    private static String describe(String input, int position, String reason) {
        String at = position >= input.length() ? "at end of path" : "at index " + position + " ('" + input.charAt(position) + "')";
        return "Invalid path syntax " + at + ": " + reason + " in \"" + input + "\"";
    }

    /** The text that failed to parse. */
    public String input() {
        return input;
    }

    /** The 0-based index of the offending character; equal to the input's length when it ended too early. */
    public int position() {
        return position;
    }
}
