package io.usp4j.controller.cli;

import io.usp4j.controller.Subscription;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The {@code usp} command-line Controller: {@code get}, {@code set}, {@code add}, {@code delete},
 * {@code operate}, {@code instances}, {@code supported-dm}, {@code protocol}, {@code subscribe} and an
 * interactive {@code shell}, against one Agent over MQTT ({@code --mqtt}, through a broker) or WebSocket
 * ({@code --ws}, dialling the Agent's WebSocket server).
 *
 * <p>Output is an aligned table by default and one JSON object per result with {@code --json}. Exit codes:
 * 0 success, 1 a USP error or a failure to reach the agent (the reason is printed), 2 bad usage (a one-line
 * reason).
 *
 * <p>Only {@link #main} touches {@code System.in/out/err} and {@code System.exit}; {@link #run} prints to
 * the streams it is given, so tests and embedding code run the CLI in-process. One instance runs one command
 * line, on the calling thread; {@link #stop} may be called from any thread (Ctrl-C).
 */
public final class UspCli {
    private final InputStream in;
    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> env;
    private final boolean terminal;
    private final CountDownLatch stop = new CountDownLatch(1);
    private final CountDownLatch finished = new CountDownLatch(1);

    /**
     * A CLI run.
     *
     * @param in where the shell reads lines
     * @param out where results go
     * @param err where errors and progress go
     * @param env the environment ({@code USP_MQTT}, {@code USP_AGENT}... give option defaults)
     * @param terminal whether {@code in} is a terminal (the shell then edits lines with JLine, if present)
     */
    public UspCli(InputStream in, PrintStream out, PrintStream err, Map<String, String> env, boolean terminal) {
        this.in = Objects.requireNonNull(in, "in");
        this.out = Objects.requireNonNull(out, "out");
        this.err = Objects.requireNonNull(err, "err");
        this.env = Map.copyOf(env);
        this.terminal = terminal;
    }

    /** Runs {@code usp} with the process's streams and environment, then exits with its code. */
    public static void main(String[] args) {
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            // Library logging stays quiet (the CLI reports failures itself) unless asked for (-Dorg.slf4j.simpleLogger.defaultLogLevel=debug).
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "error");
        }
        System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
        UspCli cli = new UspCli(System.in, System.out, System.err, System.getenv(), System.console() != null);
        Runtime.getRuntime().addShutdownHook(new Thread(cli::stopAndWait, "usp-cli-stop"));
        int code = cli.run(args);
        System.out.flush();
        System.exit(code);
    }

    /** Asks a running {@code subscribe} to finish (delete its subscription and return). Any thread. */
    public void stop() {
        stop.countDown();
    }

    private void stopAndWait() {
        stop();
        try {
            finished.await(3, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Runs one command line.
     *
     * @return the exit code: 0 success, 1 USP error or failure, 2 bad usage
     */
    public int run(String... args) {
        try {
            return runLine(Arrays.asList(args));
        } finally {
            out.flush();
            err.flush();
            finished.countDown();
        }
    }

    private int runLine(List<String> argv) {
        CliOptions o;
        try {
            o = CliOptions.parse(argv, env);
        } catch (UsageException e) {
            return usage(e.getMessage());
        }
        if (o.help || "help".equals(o.command)) {
            out.print(HELP);
            return 0;
        }
        if (o.command == null) {
            return usage("no command given (usp --help lists them)");
        }
        try (Connection c = Connection.open(o)) {
            if (o.command.equals("shell")) {
                return shell(o, c);
            }
            return new Commands(c.agent(), out, err, null, stop, this::print).run(o);
        } catch (UsageException e) {
            return usage(e.getMessage());
        } catch (Connection.CliFailure e) {
            err.println("usp: " + e.getMessage());
            return 1;
        }
    }

    private int usage(String reason) {
        err.println("usp: " + reason);
        return 2;
    }

    // ------------------------------------------------------------------ shell

    private int shell(CliOptions session, Connection c) {
        List<Subscription> subscriptions = new CopyOnWriteArrayList<>();
        try (LineSource lines = LineSource.open(in, out, terminal)) {
            Commands commands = new Commands(c.agent(), out, err, subscriptions, stop, text -> lines.printAbove(text, out));
            try {
                readLines(lines, commands, session);
            } finally {
                for (Subscription s : subscriptions) {
                    commands.finish(s, session);
                }
            }
        }
        return 0;
    }

    private void readLines(LineSource lines, Commands commands, CliOptions session) {
        List<String> history = new ArrayList<>();
        if (lines.interactive()) {
            out.println("usp shell: connected to " + session.agent + "; 'help' lists commands, 'exit' leaves");
        }
        String line;
        while ((line = lines.readLine("usp> ")) != null) {
            line = line.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("!")) {
                String expanded = expand(line, history);
                if (expanded == null) {
                    err.println("usp: no such history entry: " + line);
                    continue;
                }
                line = expanded;
                if (lines.interactive()) {
                    out.println(line);
                }
            }
            history.add(line);
            if (line.equals("exit") || line.equals("quit")) {
                return;
            }
            if (line.equals("history")) {
                for (int i = 0; i < history.size(); i++) {
                    out.printf("%4d  %s%n", i + 1, history.get(i));
                }
                continue;
            }
            try {
                CliOptions o = CliOptions.parseShellLine(Tokenizer.split(line), session);
                if (o.help || o.command == null || o.command.equals("help")) {
                    out.print(SHELL_HELP);
                    continue;
                }
                commands.run(o);
            } catch (UsageException e) {
                err.println("usp: " + e.getMessage());
            }
            out.flush();
        }
    }

    private void print(String text) {
        synchronized (out) {
            out.print(text);
            out.flush();
        }
    }

    /** {@code !!} is the last line, {@code !N} the N-th; null when there is no such line. */
    static String expand(String line, List<String> history) {
        if (line.equals("!!")) {
            return history.isEmpty() ? null : history.get(history.size() - 1);
        }
        try {
            int n = Integer.parseInt(line.substring(1));
            return n >= 1 && n <= history.size() ? history.get(n - 1) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static final String SHELL_HELP = String.join(System.lineSeparator(),
            "Commands (options as on the command line, e.g. --json, --depth 1):",
            "  get PATH...                      values of parameters, objects, search paths",
            "  set PATH=VALUE...                change parameters (all or nothing)",
            "  add OBJECT. [PARAM=VALUE...]     create an instance",
            "  delete INSTANCE....              delete instances",
            "  operate COMMAND() [ARG=VALUE...] run a command (--no-resp, --key KEY)",
            "  instances OBJECT....             list instances (--first-level)",
            "  supported-dm PATH...             the supported data model (--first-level)",
            "  protocol [VERSIONS]              the agent's USP versions",
            "  subscribe TYPE PATH...           print notifications as they arrive (until the shell ends)",
            "  history, !!, !N                  earlier lines",
            "  exit                             leave (subscriptions made here are deleted)",
            "");

    static final String HELP = String.join(System.lineSeparator(),
            "usage: usp [options] COMMAND [ARGS...]",
            "",
            "Commands:",
            "  get PATH... [--depth N]                 read parameters (Parameter, Object or Search Paths)",
            "  set PATH=VALUE...                       write parameters, all or nothing",
            "  add OBJECT_PATH. [PARAM=VALUE...]       create an instance",
            "  delete INSTANCE_PATH....                delete instances",
            "  operate COMMAND() [ARG=VALUE...]        run a command [--key KEY] [--no-resp]",
            "  instances OBJECT_PATH... [--first-level]",
            "  supported-dm PATH... [--first-level]",
            "  protocol [VERSIONS]                     the agent's supported USP versions",
            "  subscribe TYPE PATH... [--count N] [--keep]",
            "                                          TYPE: ValueChange ObjectCreation ObjectDeletion",
            "                                          OperationComplete Event; prints notifications until",
            "                                          Ctrl-C or N arrived, then deletes the subscription",
            "  shell                                   read commands interactively, with history",
            "",
            "Options (environment variable in brackets):",
            "  --mqtt tcp://HOST:PORT     the MQTT broker [USP_MQTT]",
            "  --mqtt-version 5|3.1.1     MQTT version (default 5) [USP_MQTT_VERSION]",
            "  --agent-topic TOPIC        the agent's topic [USP_AGENT_TOPIC]",
            "  --topic TOPIC              this controller's topic (default usp/controllers/ID) [USP_TOPIC]",
            "  --agent ENDPOINT_ID        the agent's Endpoint ID [USP_AGENT]",
            "  --id ENDPOINT_ID           this controller's Endpoint ID (default " + Connection.DEFAULT_ID + ") [USP_ID]",
            "  --ws ws://HOST:PORT/PATH   dial the agent's WebSocket server instead [USP_WS]",
            "       wss://HOST:PORT/PATH  ... over TLS, trusting the JDK's CAs",
            "  --ca FILE.pem              with wss://: trust only the CA certificates in FILE [USP_CA]",
            "  --timeout DURATION         how long to wait for an answer: 10, 10s, 500ms (default 10s)",
            "  --json                     one JSON object per result instead of a table",
            "",
            "Exit status: 0 success, 1 USP error or agent unreachable, 2 bad usage.",
            "");
}
