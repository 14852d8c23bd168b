package io.usp4j.controller.cli;

/** The command line is wrong: the CLI prints the one-line reason and exits with 2. */
final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message);
    }
}
