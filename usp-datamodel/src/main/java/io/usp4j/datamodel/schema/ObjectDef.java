package io.usp4j.datamodel.schema;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The definition of an object of the Supported Data Model: a single-instance object
 * ({@code Device.DeviceInfo.}) or a table ({@code Device.WiFi.SSID.{i}.}), with its parameters,
 * commands and events in document order, its unique keys and the name of the companion
 * {@code ...NumberOfEntries} parameter in its parent. Child objects are held by the
 * {@link SupportedDataModel}, not here. Immutable and thread-safe.
 */
public final class ObjectDef implements ElementDef {
    /** The {@link #maxEntries()} of a table with no limit. */
    public static final long UNBOUNDED = Long.MAX_VALUE;

    private final String path;
    private final ObjectAccess access;
    private final long minEntries;
    private final long maxEntries;
    private final String numEntriesParameter;
    private final String enableParameter;
    private final List<UniqueKey> uniqueKeys;
    private final Map<String, ParameterDef> parameters;
    private final Map<String, CommandDef> commands;
    private final Map<String, EventDef> events;
    private final Status status;
    private final String version;

    private ObjectDef(Builder b) {
        this.path = b.path;
        this.access = b.access;
        this.minEntries = b.minEntries;
        this.maxEntries = b.maxEntries;
        this.numEntriesParameter = b.numEntriesParameter;
        this.enableParameter = b.enableParameter;
        this.uniqueKeys = List.copyOf(b.uniqueKeys);
        this.parameters = freeze(b.parameters);
        this.commands = freeze(b.commands);
        this.events = freeze(b.events);
        this.status = b.status;
        this.version = b.version;
    }

    private static <V> Map<String, V> freeze(Map<String, V> map) {
        return map.isEmpty() ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }

    /**
     * Starts an object definition. A path ending in {@code {i}.} makes a table (read-only, 0 to unbounded
     * entries until set otherwise); any other path a single-instance object with exactly one entry.
     *
     * @param path the supported path, e.g. {@code Device.X_ACME_Foo.} or {@code Device.X_ACME_Foo.Bar.{i}.}
     * @throws IllegalArgumentException when the path is not a supported object path
     */
    public static Builder builder(String path) {
        return new Builder(path);
    }

    /** A builder holding this definition's settings, to derive a changed copy. */
    public Builder toBuilder() {
        Builder b = new Builder(path)
                .access(access)
                .entries(minEntries, maxEntries)
                .numEntriesParameter(numEntriesParameter)
                .enableParameter(enableParameter)
                .status(status)
                .version(version);
        uniqueKeys.forEach(b::uniqueKey);
        parameters.values().forEach(b::parameter);
        commands.values().forEach(b::command);
        events.values().forEach(b::event);
        return b;
    }

    /** A builder with this definition's settings and unique keys but no parameters, commands or events. */
    Builder shellBuilder() {
        Builder b = new Builder(path)
                .access(access)
                .entries(minEntries, maxEntries)
                .numEntriesParameter(numEntriesParameter)
                .enableParameter(enableParameter)
                .status(status)
                .version(version);
        uniqueKeys.forEach(b::uniqueKey);
        return b;
    }

    /** The supported path, ending in {@code .} ({@code {i}.} for tables). */
    public String path() {
        return path;
    }

    @Override
    public String name() {
        return Names.lastName(path);
    }

    /** The path of the parent object, or empty for a root object ({@code Device.}). */
    public Optional<String> parentPath() {
        return Optional.ofNullable(Names.parentPath(path));
    }

    /** True for a table (path ends in {@code {i}.}). */
    public boolean isMultiInstance() {
        return path.endsWith("{i}.");
    }

    /** What a Controller may do with instances; always read-only for single-instance objects. */
    public ObjectAccess access() {
        return access;
    }

    /** The fewest instances the table may have (1 for a mandatory single-instance object). */
    public long minEntries() {
        return minEntries;
    }

    /** The most instances, or {@link #UNBOUNDED}. */
    public long maxEntries() {
        return maxEntries;
    }

    /** The name of the parameter in the parent object counting the instances of this table, if any. */
    public Optional<String> numEntriesParameter() {
        return Optional.ofNullable(numEntriesParameter);
    }

    /** The name of the parameter that enables an instance ({@code Enable}), if the document names one. */
    public Optional<String> enableParameter() {
        return Optional.ofNullable(enableParameter);
    }

    /** The unique keys of a table, in document order; empty for single-instance objects. */
    public List<UniqueKey> uniqueKeys() {
        return uniqueKeys;
    }

    /** The parameters, in document order, by name. */
    public Map<String, ParameterDef> parameters() {
        return parameters;
    }

    /** The commands, in document order, by name ({@code Reboot()}). */
    public Map<String, CommandDef> commands() {
        return commands;
    }

    /** The events, in document order, by name ({@code Boot!}). */
    public Map<String, EventDef> events() {
        return events;
    }

    /** The parameter with the given name. */
    public Optional<ParameterDef> parameter(String name) {
        return Optional.ofNullable(parameters.get(name));
    }

    /** The command with the given name ({@code Reboot()}). */
    public Optional<CommandDef> command(String name) {
        return Optional.ofNullable(commands.get(name));
    }

    /** The event with the given name ({@code Boot!}). */
    public Optional<EventDef> event(String name) {
        return Optional.ofNullable(events.get(name));
    }

    @Override
    public Status status() {
        return status;
    }

    @Override
    public Optional<String> version() {
        return Optional.ofNullable(version);
    }

    @Override
    public String toString() {
        return path + " " + access + " (" + parameters.size() + " parameters)";
    }

    /** Collects the settings of an {@link ObjectDef}. Not thread-safe. */
    public static final class Builder {
        private final String path;
        private ObjectAccess access = ObjectAccess.READ_ONLY;
        private long minEntries;
        private long maxEntries;
        private String numEntriesParameter;
        private String enableParameter;
        private final List<UniqueKey> uniqueKeys = new ArrayList<>();
        private final Map<String, ParameterDef> parameters = new LinkedHashMap<>();
        private final Map<String, CommandDef> commands = new LinkedHashMap<>();
        private final Map<String, EventDef> events = new LinkedHashMap<>();
        private Status status = Status.CURRENT;
        private String version;

        private Builder(String path) {
            this.path = Names.requireObjectPath(path);
            boolean table = path.endsWith("{i}.");
            this.minEntries = table ? 0 : 1;
            this.maxEntries = table ? UNBOUNDED : 1;
        }

        /** Sets the access (default read-only). */
        public Builder access(ObjectAccess access) {
            this.access = Objects.requireNonNull(access, "access");
            return this;
        }

        /** Sets the instance count range; {@code max} may be {@link #UNBOUNDED}. */
        public Builder entries(long min, long max) {
            this.minEntries = min;
            this.maxEntries = max;
            return this;
        }

        /** Names the counting parameter in the parent object, or clears it with {@code null}. */
        public Builder numEntriesParameter(String name) {
            this.numEntriesParameter = name;
            return this;
        }

        /** Names the enabling parameter, or clears it with {@code null}. */
        public Builder enableParameter(String name) {
            this.enableParameter = name;
            return this;
        }

        /** Adds a unique key. */
        public Builder uniqueKey(UniqueKey key) {
            uniqueKeys.add(Objects.requireNonNull(key, "key"));
            return this;
        }

        /**
         * Adds a parameter after those already added.
         *
         * @throws IllegalArgumentException when a parameter of that name was already added
         */
        public Builder parameter(ParameterDef parameter) {
            if (parameters.putIfAbsent(parameter.name(), parameter) != null) {
                throw new IllegalArgumentException("parameter " + path + parameter.name() + " defined twice");
            }
            return this;
        }

        /** Adds or replaces a parameter; a replaced one keeps its position. */
        public Builder putParameter(ParameterDef parameter) {
            parameters.put(parameter.name(), parameter);
            return this;
        }

        /** Removes a parameter, if present. */
        public Builder removeParameter(String name) {
            parameters.remove(name);
            return this;
        }

        /**
         * Adds a command.
         *
         * @throws IllegalArgumentException when a command of that name was already added
         */
        public Builder command(CommandDef command) {
            if (commands.putIfAbsent(command.name(), command) != null) {
                throw new IllegalArgumentException("command " + path + command.name() + " defined twice");
            }
            return this;
        }

        /** Removes a command, if present. */
        public Builder removeCommand(String name) {
            commands.remove(name);
            return this;
        }

        /** Removes an event, if present. */
        public Builder removeEvent(String name) {
            events.remove(name);
            return this;
        }

        /**
         * Adds an event.
         *
         * @throws IllegalArgumentException when an event of that name was already added
         */
        public Builder event(EventDef event) {
            if (events.putIfAbsent(event.name(), event) != null) {
                throw new IllegalArgumentException("event " + path + event.name() + " defined twice");
            }
            return this;
        }

        /** Sets the status (default current). */
        public Builder status(Status status) {
            this.status = Objects.requireNonNull(status, "status");
            return this;
        }

        /** Sets the version that introduced the object, or clears it with {@code null}. */
        public Builder version(String version) {
            this.version = version;
            return this;
        }

        /**
         * Builds the definition.
         *
         * @throws IllegalArgumentException when a single-instance object is given an access other than
         *     read-only or unique keys, when the entry range is bad, or when a unique key names a
         *     parameter the object does not have
         */
        public ObjectDef build() {
            boolean table = path.endsWith("{i}.");
            if (!table && access != ObjectAccess.READ_ONLY) {
                throw new IllegalArgumentException("single-instance object " + path + " must be read-only");
            }
            if (!table && !uniqueKeys.isEmpty()) {
                throw new IllegalArgumentException("single-instance object " + path + " cannot have unique keys");
            }
            if (minEntries < 0 || maxEntries < minEntries || (!table && maxEntries > 1)) {
                throw new IllegalArgumentException(
                        "bad entry range [" + minEntries + ", " + maxEntries + "] of " + path);
            }
            for (UniqueKey key : uniqueKeys) {
                for (String p : key.parameters()) {
                    if (!parameters.containsKey(p)) {
                        throw new IllegalArgumentException("unique key of " + path + " names unknown parameter " + p);
                    }
                }
            }
            return new ObjectDef(this);
        }
    }
}
