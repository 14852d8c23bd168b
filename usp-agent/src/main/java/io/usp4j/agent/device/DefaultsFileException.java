package io.usp4j.agent.device;

import java.util.Objects;

/**
 * A factory-defaults file ({@link DefaultsFile}) that cannot be read or applied: where (the file and the
 * 1-based line) and a one-line reason. The message reads {@code file:line: reason}, ready for a log or stderr.
 *
 * <p>Immutable.
 */
public final class DefaultsFileException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final int line;
    private final String reason;

    /**
     * An error at one line of a defaults file.
     *
     * @param source the file name (or what the text came from)
     * @param line the 1-based line number
     * @param reason a one-line reason
     * @param cause what failed underneath, or null
     */
    public DefaultsFileException(String source, int line, String reason, Throwable cause) {
        super(source + ":" + line + ": " + reason, cause);
        this.source = Objects.requireNonNull(source, "source");
        this.line = line;
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** The file name, or what the text came from. */
    public String source() {
        return source;
    }

    /** The 1-based line number. */
    public int line() {
        return line;
    }

    /** The reason, one line, without the file and line number. */
    public String reason() {
        return reason;
    }
}
