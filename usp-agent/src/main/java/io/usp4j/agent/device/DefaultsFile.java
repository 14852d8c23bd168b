package io.usp4j.agent.device;

import io.usp4j.core.error.UspException;
import io.usp4j.datamodel.instance.Transaction;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A factory-defaults file in the plain text format vendors keep for the Broadband Forum's C reference agent:
 * one parameter per line, its path with explicit instance numbers and its value in double quotes.
 * <pre>
 * # The Controller this device reports to
 * Device.LocalAgent.Controller.1.EndpointID "proto::acs.example.net"
 * Device.LocalAgent.Controller.1.Enable     "true"
 * </pre>
 * Blank lines and lines starting with {@code #} are ignored. Objects are implied by their parameters: each
 * numbered instance is created once, with that instance number, before its first parameter is set. The value
 * is everything between the first and the last double quote of the line, so it may itself hold quotes; there
 * are no escapes. The format is described in {@code docs/defaults-file.md}.
 *
 * <p>Use: {@code builder.factoryDefaults(DefaultsFile.parse(path).factoryDefaults())}; the agent applies the
 * settings in one transaction on its first start and after a factory reset.
 *
 * <p>Immutable and thread-safe.
 */
public final class DefaultsFile {

    /**
     * One line of the file.
     *
     * @param path the parameter path with instance numbers ({@code Device.LocalAgent.Controller.1.EndpointID})
     * @param value the value, without its quotes
     * @param line the 1-based line number it came from
     */
    public record Setting(String path, String value, int line) {
        public Setting {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(value, "value");
        }

        /** The path of the object holding the parameter, ending in {@code .}. */
        public String objectPath() {
            return path.substring(0, path.lastIndexOf('.') + 1);
        }
    }

    /** A name (TR-106: a letter or underscore, then letters, digits, underscores and hyphens). */
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");
    /** An instance number: 1 or more, without leading zeros. */
    private static final Pattern NUMBER = Pattern.compile("[1-9][0-9]{0,9}");

    private final String source;
    private final List<Setting> settings;

    private DefaultsFile(String source, List<Setting> settings) {
        this.source = source;
        this.settings = List.copyOf(settings);
    }

    /**
     * Reads a defaults file (UTF-8).
     *
     * @throws IOException when the file cannot be read
     * @throws DefaultsFileException when a line is not a setting (the file name and line number say where)
     */
    public static DefaultsFile parse(Path file) throws IOException {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(r, file.toString());
        }
    }

    /**
     * Reads defaults from text, reported as coming from {@code defaults}.
     *
     * @throws IOException when the reader fails
     * @throws DefaultsFileException when a line is not a setting
     */
    public static DefaultsFile parse(Reader reader) throws IOException {
        return parse(reader, "defaults");
    }

    /**
     * Reads defaults from text; {@code source} names it in error messages.
     *
     * @throws IOException when the reader fails
     * @throws DefaultsFileException when a line is not a setting: no path, a path with a wildcard, search or
     *     {@code {i}}, an object path instead of a parameter, a value not in double quotes, or a parameter set
     *     twice
     */
    public static DefaultsFile parse(Reader reader, String source) throws IOException {
        Objects.requireNonNull(source, "source");
        BufferedReader in = reader instanceof BufferedReader b ? b : new BufferedReader(reader);
        List<Setting> settings = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        int lineNumber = 0;
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            lineNumber++;
            String text = line.strip();
            if (lineNumber == 1 && text.startsWith("\uFEFF")) {
                text = text.substring(1).strip(); // a byte-order mark some editors write
            }
            if (text.isEmpty() || text.startsWith("#")) {
                continue;
            }
            Setting s = parseLine(text, lineNumber, source);
            Integer first = seen.putIfAbsent(s.path(), lineNumber);
            if (first != null) {
                throw new DefaultsFileException(source, lineNumber, s.path() + " is already set on line " + first, null);
            }
            settings.add(s);
        }
        return new DefaultsFile(source, settings);
    }

    private static Setting parseLine(String text, int line, String source) {
        int space = 0;
        while (space < text.length() && !Character.isWhitespace(text.charAt(space))) {
            space++;
        }
        String path = text.substring(0, space);
        String reason = checkPath(path);
        if (reason != null) {
            throw new DefaultsFileException(source, line, reason, null);
        }
        String rest = text.substring(space).strip();
        if (rest.length() < 2 || rest.charAt(0) != '"' || rest.charAt(rest.length() - 1) != '"') {
            throw new DefaultsFileException(source, line, rest.isEmpty() ? "no value after " + path
                    : "the value of " + path + " must be in double quotes", null);
        }
        return new Setting(path, rest.substring(1, rest.length() - 1), line);
    }

    /** Why a path is not a parameter path with explicit instance numbers, or null when it is one. */
    private static String checkPath(String path) {
        if (path.endsWith(".")) {
            return path + " is an object; name a parameter (objects are implied by their parameters)";
        }
        String[] segments = path.split("\\.", -1);
        if (segments.length < 2) {
            return "'" + path + "' is not a parameter path";
        }
        for (int i = 0; i < segments.length; i++) {
            String s = segments[i];
            if (s.equals("*") || s.startsWith("[") || s.equals("{i}")) {
                return path + ": instances must be numbered explicitly (no '" + s + "')";
            }
            boolean number = NUMBER.matcher(s).matches();
            boolean name = NAME.matcher(s).matches();
            if (!number && !name) {
                return path + ": '" + s + "' is neither a name nor an instance number";
            }
            if (number && (i == 0 || i == segments.length - 1)) {
                return "'" + path + "' is not a parameter path";
            }
        }
        return null;
    }

    /** What the text came from (the file name), as error messages name it. */
    public String source() {
        return source;
    }

    /** The settings in file order. */
    public List<Setting> settings() {
        return settings;
    }

    /**
     * The settings as factory defaults: in one transaction, each numbered instance on a setting's path that
     * does not exist yet is created with that number ({@link Transaction#create(String, long, Map)}), parents
     * first, then the parameter is set ({@link Transaction#setInternal}), in file order. Applying throws
     * {@link DefaultsFileException} (with the line of the setting) when a parameter or table is not in the
     * data model, is not library-stored, or a value fails its checks; the agent then rolls the transaction
     * back and its build fails.
     */
    public FactoryDefaults factoryDefaults() {
        return this::apply;
    }

    private void apply(Transaction tx) {
        for (Setting s : settings) {
            try {
                createInstances(tx, s.objectPath());
                tx.setInternal(s.path(), s.value());
            } catch (UspException | IllegalArgumentException e) {
                throw new DefaultsFileException(source, s.line(), s.path() + ": " + e.getMessage(), e);
            }
        }
    }

    /** Creates each numbered instance on an object path that neither the data model nor this transaction has. */
    private static void createInstances(Transaction tx, String objectPath) {
        StringBuilder prefix = new StringBuilder();
        for (String segment : objectPath.split("\\.")) {
            if (NUMBER.matcher(segment).matches()) {
                String table = prefix.toString();
                if (tx.view().object(table + segment + ".") == null) {
                    tx.create(table, Long.parseLong(segment), Map.of());
                }
            }
            prefix.append(segment).append('.');
        }
    }

    @Override
    public String toString() {
        return "DefaultsFile[" + source + ", " + settings.size() + " settings]";
    }
}
