package io.usp4j.controller.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lines from the terminal through JLine: editing, arrow-key history kept in {@code ~/.usp_history}, Ctrl-C
 * clears the line, Ctrl-D ends. One thread.
 */
final class JLineSource implements LineSource {
    private static final Logger LOG = LoggerFactory.getLogger(JLineSource.class);
    private final Terminal terminal;
    private final LineReader reader;

    JLineSource() throws IOException {
        this.terminal = TerminalBuilder.builder().system(true).build();
        this.reader = LineReaderBuilder.builder()
                .terminal(terminal)
                .appName("usp")
                .variable(LineReader.HISTORY_FILE, Path.of(System.getProperty("user.home"), ".usp_history"))
                // '!' expansion is the shell's own (it also takes lines that are not typed).
                .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
                .build();
    }

    @Override
    public String readLine(String prompt) {
        while (true) {
            try {
                return reader.readLine(prompt);
            } catch (UserInterruptException e) {
                LOG.trace("Ctrl-C: line cleared");
            } catch (EndOfFileException e) {
                return null;
            }
        }
    }

    @Override
    public void printAbove(String text, java.io.PrintStream out) {
        reader.printAbove(text.stripTrailing());
    }

    @Override
    public boolean interactive() {
        return true;
    }

    @Override
    public void close() {
        try {
            reader.getHistory().save();
            terminal.close();
        } catch (IOException e) {
            LOG.warn("closing the terminal failed: {}", e.toString());
        }
    }
}
