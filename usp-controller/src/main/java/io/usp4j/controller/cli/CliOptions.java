package io.usp4j.controller.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A parsed command line: the connection options, the command, its words and its options. Options may stand
 * anywhere, as {@code --name value} or {@code --name=value}; {@code --} ends them. Connection options not
 * given default to the environment ({@code USP_MQTT}, {@code USP_MQTT_VERSION}, {@code USP_AGENT},
 * {@code USP_AGENT_TOPIC}, {@code USP_TOPIC}, {@code USP_ID}, {@code USP_WS}, {@code USP_CA}); a transport given
 * on the command line ({@code --mqtt} or {@code --ws}) replaces the other one from the environment. Immutable
 * once parsed; used by one thread.
 */
final class CliOptions {
    /** Commands that talk to an agent, plus {@code shell}. */
    static final Set<String> COMMANDS = Set.of("get", "set", "add", "delete", "operate", "instances", "supported-dm",
            "protocol", "subscribe", "shell");
    /** The options that set up the connection: fixed for a shell session. */
    static final Set<String> CONNECTION = Set.of("mqtt", "mqtt-version", "agent-topic", "topic", "agent", "id", "ws", "ca");
    private static final Set<String> WITH_VALUE = Set.of("mqtt", "mqtt-version", "agent-topic", "topic", "agent", "id",
            "ws", "ca", "timeout", "depth", "key", "count");
    private static final Set<String> FLAGS = Set.of("json", "help", "first-level", "no-resp", "keep");
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    String mqtt;
    String mqttVersion = "5";
    String agentTopic;
    String topic;
    String agent;
    String id;
    String ws;
    String ca;
    private boolean mqttGiven;
    private boolean wsGiven;
    Duration timeout = DEFAULT_TIMEOUT;
    boolean json;
    boolean help;

    String command;
    List<String> args = new ArrayList<>();
    int depth;
    boolean firstLevel;
    boolean noResp;
    String key;
    int count = -1;
    boolean keep;

    private CliOptions() {}

    /**
     * Parses a whole command line.
     *
     * @throws UsageException naming what is wrong
     */
    static CliOptions parse(List<String> argv, Map<String, String> env) throws UsageException {
        CliOptions o = new CliOptions();
        o.mqtt = env.get("USP_MQTT");
        o.mqttVersion = env.getOrDefault("USP_MQTT_VERSION", "5");
        o.agent = env.get("USP_AGENT");
        o.agentTopic = env.get("USP_AGENT_TOPIC");
        o.topic = env.get("USP_TOPIC");
        o.id = env.get("USP_ID");
        o.ws = env.get("USP_WS");
        o.ca = env.get("USP_CA");
        o.read(argv, true);
        // A transport named on the command line wins over the other one from the environment.
        if (o.wsGiven && !o.mqttGiven) {
            o.mqtt = null;
        } else if (o.mqttGiven && !o.wsGiven) {
            o.ws = null;
        }
        return o;
    }

    /**
     * Parses one line of the shell: a command and its options, with the session's connection and output
     * settings as the base.
     *
     * @throws UsageException naming what is wrong, also for a connection option
     */
    static CliOptions parseShellLine(List<String> words, CliOptions session) throws UsageException {
        CliOptions o = new CliOptions();
        o.mqtt = session.mqtt;
        o.mqttVersion = session.mqttVersion;
        o.agent = session.agent;
        o.agentTopic = session.agentTopic;
        o.topic = session.topic;
        o.id = session.id;
        o.ws = session.ws;
        o.ca = session.ca;
        o.timeout = session.timeout;
        o.json = session.json;
        o.read(words, false);
        if ("shell".equals(o.command)) {
            throw new UsageException("already in the shell");
        }
        return o;
    }

    private void read(List<String> argv, boolean connectionAllowed) throws UsageException {
        boolean options = true;
        for (int i = 0; i < argv.size(); i++) {
            String a = argv.get(i);
            if (options && a.equals("--")) {
                options = false;
            } else if (options && (a.equals("-h") || a.equals("--help"))) {
                help = true;
            } else if (options && a.startsWith("--")) {
                String name = a.substring(2);
                String value = null;
                int eq = name.indexOf('=');
                if (eq >= 0) {
                    value = name.substring(eq + 1);
                    name = name.substring(0, eq);
                }
                if (!connectionAllowed && CONNECTION.contains(name)) {
                    throw new UsageException("--" + name + " is set when the shell starts");
                }
                if (WITH_VALUE.contains(name)) {
                    if (value == null) {
                        if (i + 1 >= argv.size()) {
                            throw new UsageException("--" + name + " needs a value");
                        }
                        value = argv.get(++i);
                    }
                    set(name, value);
                } else if (FLAGS.contains(name)) {
                    if (value != null) {
                        throw new UsageException("--" + name + " takes no value");
                    }
                    flag(name);
                } else {
                    throw new UsageException("unknown option --" + name);
                }
            } else if (command == null) {
                command = a.toLowerCase(Locale.ROOT);
                if (!COMMANDS.contains(command) && !command.equals("help")) {
                    throw new UsageException("unknown command '" + a + "' (get, set, add, delete, operate, instances, "
                            + "supported-dm, protocol, subscribe, shell)");
                }
            } else {
                args.add(a);
            }
        }
    }

    private void set(String name, String value) throws UsageException {
        switch (name) {
            case "mqtt" -> {
                mqtt = value;
                mqttGiven = true;
            }
            case "mqtt-version" -> {
                if (!value.equals("5") && !value.equals("5.0") && !value.equals("3.1.1")) {
                    throw new UsageException("--mqtt-version must be 5 or 3.1.1, not '" + value + "'");
                }
                mqttVersion = value;
            }
            case "agent-topic" -> agentTopic = value;
            case "topic" -> topic = value;
            case "agent" -> agent = value;
            case "id" -> id = value;
            case "ws" -> {
                ws = value;
                wsGiven = true;
            }
            case "ca" -> ca = value;
            case "timeout" -> timeout = duration(value);
            case "depth" -> depth = number("--depth", value, 0);
            case "key" -> key = value;
            case "count" -> {
                count = number("--count", value, 1);
            }
            default -> throw new UsageException("unknown option --" + name);
        }
    }

    private void flag(String name) {
        switch (name) {
            case "json" -> json = true;
            case "help" -> help = true;
            case "first-level" -> firstLevel = true;
            case "no-resp" -> noResp = true;
            case "keep" -> keep = true;
            default -> throw new IllegalStateException(name);
        }
    }

    private static int number(String option, String value, int min) throws UsageException {
        try {
            int n = Integer.parseInt(value);
            if (n >= min) {
                return n;
            }
        } catch (NumberFormatException e) {
            // Reported below, with the option's name.
        }
        throw new UsageException(option + " must be a whole number of at least " + min + ", not '" + value + "'");
    }

    /** {@code 10}, {@code 10s}, {@code 500ms}, {@code 2m}. */
    static Duration duration(String value) throws UsageException {
        String v = value.trim().toLowerCase(Locale.ROOT);
        try {
            Duration d;
            if (v.endsWith("ms")) {
                d = Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
            } else if (v.endsWith("s")) {
                d = Duration.ofMillis(Math.round(Double.parseDouble(v.substring(0, v.length() - 1)) * 1000));
            } else if (v.endsWith("m")) {
                d = Duration.ofMillis(Math.round(Double.parseDouble(v.substring(0, v.length() - 1)) * 60_000));
            } else {
                d = Duration.ofMillis(Math.round(Double.parseDouble(v) * 1000));
            }
            if (!d.isNegative() && !d.isZero()) {
                return d;
            }
        } catch (NumberFormatException e) {
            // Reported below.
        }
        throw new UsageException("--timeout must be a positive duration such as 10, 10s or 500ms, not '" + value + "'");
    }
}
