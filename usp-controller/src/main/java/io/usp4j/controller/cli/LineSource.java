package io.usp4j.controller.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the shell reads its lines: JLine on a terminal (line editing, arrow-key history), else a plain
 * reader without prompts. One thread.
 */
interface LineSource extends AutoCloseable {

    /** The next line, or null at the end of input. */
    String readLine(String prompt);

    /** True when a person types the lines (prompts and greetings make sense). */
    boolean interactive();

    /**
     * Prints lines that arrive while a line may be being typed (notifications), above the prompt on a
     * terminal. Any thread.
     *
     * @param out the stream to use when there is no terminal
     */
    default void printAbove(String text, java.io.PrintStream out) {
        synchronized (out) {
            out.print(text);
            out.flush();
        }
    }

    @Override
    void close();

    /** JLine when {@code terminal} and JLine is on the class path, else plain. */
    static LineSource open(InputStream in, PrintStream out, boolean terminal) {
        if (terminal) {
            try {
                return new JLineSource();
            } catch (IOException | LinkageError e) {
                LoggerFactory.getLogger(LineSource.class).warn("no line editing ({}); reading plain lines", e.toString());
            }
        }
        return new Plain(in);
    }

    /** Plain lines, no prompt. */
    final class Plain implements LineSource {
        private static final Logger LOG = LoggerFactory.getLogger(Plain.class);
        private final BufferedReader reader;

        Plain(InputStream in) {
            this.reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        }

        @Override
        public String readLine(String prompt) {
            try {
                return reader.readLine();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public boolean interactive() {
            return false;
        }

        @Override
        public void close() {
            // The stream belongs to the caller.
            LOG.trace("plain line source closed");
        }
    }
}
