package io.usp4j.datamodel.xml;

import java.io.IOException;

/**
 * A data-model document is malformed or inconsistent: not well-formed XML, a forbidden DTD construct, an
 * unknown data type, a bad number, an object whose parent is missing, and so on. The message names the
 * file, the line and the problem ({@code tr-181.xml:1234: unknown data type Foo}).
 */
public final class DataModelFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final int line;
    private final String problem;

    /**
     * Creates the exception.
     *
     * @param file the document's file name
     * @param line the line of the offending element, or -1 when unknown
     * @param problem what is wrong
     */
    public DataModelFormatException(String file, int line, String problem) {
        this(file, line, problem, null);
    }

    /**
     * Creates the exception with its cause.
     *
     * @param file the document's file name
     * @param line the line of the offending element, or -1 when unknown
     * @param problem what is wrong
     * @param cause the underlying error
     */
    public DataModelFormatException(String file, int line, String problem, Throwable cause) {
        super(file + (line > 0 ? ":" + line : "") + ": " + problem, cause);
        this.file = file;
        this.line = line;
        this.problem = problem;
    }

    /** The file name of the offending document. */
    public String file() {
        return file;
    }

    /** The line of the offending element, or -1 when unknown. */
    public int line() {
        return line;
    }

    /** What is wrong, without file and line. */
    public String problem() {
        return problem;
    }
}
