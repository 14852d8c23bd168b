package io.usp4j.datamodel.binding;

import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * How firmware backs one object of the Supported Data Model (for a table: every row of it). Each parameter
 * is either
 * <ul>
 *   <li><b>library-stored</b> (the default): the library keeps and persists the value; a Controller's Set
 *       changes it, firmware reads it from the model and may change read-only ones with
 *       {@code DataModel.update}; a {@linkplain Builder#setter setter} alone makes it write-through (stored,
 *       and pushed to firmware on every change);</li>
 *   <li><b>firmware-read</b>: a {@linkplain Builder#getter getter} or {@linkplain Builder#group group
 *       getter} supplies the value on every read; a writable one also needs a setter.</li>
 * </ul>
 * A table is library-backed (rows created by Add, persisted) unless it has a {@link RowSource}.
 *
 * <p>Immutable and thread-safe; build with {@link #builder()}.
 */
public final class ObjectBinding {
    private static final ObjectBinding NONE = builder().build();

    private final Map<String, ParameterGetter> getters;
    private final Map<String, GroupGetter> groups;
    private final Map<String, ParameterSetter> setters;
    private final Set<String> notifying;
    private final Set<String> volatileValues;
    private final Map<String, CommandHandler> commands;
    private final RowSource rowSource;
    private final ChangeHandler changeHandler;

    private ObjectBinding(Builder b) {
        this.getters = freeze(b.getters);
        this.groups = freeze(b.groups);
        this.setters = freeze(b.setters);
        this.notifying = Set.copyOf(b.notifying);
        this.volatileValues = Set.copyOf(b.volatileValues);
        this.commands = freeze(b.commands);
        this.rowSource = b.rowSource;
        this.changeHandler = b.changeHandler;
    }

    private static <V> Map<String, V> freeze(Map<String, V> m) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(m));
    }

    /** A binding that binds nothing: every parameter library-stored, every table library-backed. */
    public static ObjectBinding none() {
        return NONE;
    }

    /** Starts a binding. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder holding this binding's settings, to add to it (the agent adds its own commands to a binding
     * the firmware gave for the same object).
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.getters.putAll(getters);
        b.groups.putAll(groups);
        b.setters.putAll(setters);
        b.notifying.addAll(notifying);
        b.volatileValues.addAll(volatileValues);
        b.commands.putAll(commands);
        b.rowSource = rowSource;
        b.changeHandler = changeHandler;
        return b;
    }

    /** The getters of single parameters, by parameter name. */
    public Map<String, ParameterGetter> getters() {
        return getters;
    }

    /** The group getter of each parameter read in a group, by parameter name (one getter may serve many). */
    public Map<String, GroupGetter> groups() {
        return groups;
    }

    /** The setters, by parameter name. */
    public Map<String, ParameterSetter> setters() {
        return setters;
    }

    /** Firmware-read parameters whose changes firmware reports itself, so nobody needs to poll them. */
    public Set<String> notifying() {
        return notifying;
    }

    /** Library-stored parameters kept in memory only (firmware state), not persisted. */
    public Set<String> volatileValues() {
        return volatileValues;
    }

    /** The command handlers, by command name ({@code Reset()}). */
    public Map<String, CommandHandler> commands() {
        return commands;
    }

    /** The firmware source of a table's rows, or null for a library-backed table. */
    public RowSource rowSource() {
        return rowSource;
    }

    /** The object-level change handler, or null. */
    public ChangeHandler changeHandler() {
        return changeHandler;
    }

    /** True when the parameter's value comes from firmware on each read. */
    public boolean isFirmwareRead(String parameter) {
        return getters.containsKey(parameter) || groups.containsKey(parameter);
    }

    /** Collects the settings of an {@link ObjectBinding}. Not thread-safe. */
    public static final class Builder {
        private final Map<String, ParameterGetter> getters = new LinkedHashMap<>();
        private final Map<String, GroupGetter> groups = new HashMap<>();
        private final Map<String, ParameterSetter> setters = new LinkedHashMap<>();
        private final Set<String> notifying = new HashSet<>();
        private final Set<String> volatileValues = new HashSet<>();
        private final Map<String, CommandHandler> commands = new LinkedHashMap<>();
        private RowSource rowSource;
        private ChangeHandler changeHandler;

        private Builder() {}

        /**
         * Reads a parameter from firmware.
         *
         * @throws IllegalArgumentException when the parameter already has a getter
         */
        public Builder getter(String parameter, ParameterGetter getter) {
            Objects.requireNonNull(getter, "getter");
            requireUnread(parameter);
            getters.put(parameter, getter);
            return this;
        }

        /** Reports a fixed value (a manufacturer name, a model number). */
        public Builder constant(String parameter, Object value) {
            Objects.requireNonNull(value, "value");
            return getter(parameter, instance -> value);
        }

        /**
         * Reads several parameters with one firmware call.
         *
         * @throws IllegalArgumentException when one of the parameters already has a getter
         */
        public Builder group(GroupGetter getter, String... parameters) {
            Objects.requireNonNull(getter, "getter");
            for (String p : parameters) {
                requireUnread(p);
                groups.put(p, getter);
            }
            return this;
        }

        private void requireUnread(String parameter) {
            Objects.requireNonNull(parameter, "parameter");
            if (getters.containsKey(parameter) || groups.containsKey(parameter)) {
                throw new IllegalArgumentException("parameter " + parameter + " already has a getter");
            }
        }

        /** Writes a parameter to firmware when a transaction commits. */
        public Builder setter(String parameter, ParameterSetter setter) {
            setters.put(Objects.requireNonNull(parameter, "parameter"), Objects.requireNonNull(setter, "setter"));
            return this;
        }

        /** Declares that firmware reports changes of these firmware-read parameters itself. */
        public Builder notifying(String... parameters) {
            notifying.addAll(Arrays.asList(parameters));
            return this;
        }

        /** Keeps these library-stored parameters in memory only; firmware sets them again after a restart. */
        public Builder volatileValues(String... parameters) {
            volatileValues.addAll(Arrays.asList(parameters));
            return this;
        }

        /** Runs a command asynchronously (or synchronously, by returning a completed stage). */
        public Builder command(String name, CommandHandler handler) {
            commands.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(handler, "handler"));
            return this;
        }

        /** Runs a command that finishes before it returns. */
        public Builder syncCommand(String name, SyncCommandHandler handler) {
            Objects.requireNonNull(handler, "handler");
            return command(name, call -> java.util.concurrent.CompletableFuture.completedFuture(handler.invoke(call)));
        }

        /** Backs the table by firmware. */
        public Builder rows(RowSource source) {
            this.rowSource = Objects.requireNonNull(source, "source");
            return this;
        }

        /** Takes part in transactions that change the object. */
        public Builder onChange(ChangeHandler handler) {
            this.changeHandler = Objects.requireNonNull(handler, "handler");
            return this;
        }

        /** Builds the binding. */
        public ObjectBinding build() {
            return new ObjectBinding(this);
        }
    }
}
