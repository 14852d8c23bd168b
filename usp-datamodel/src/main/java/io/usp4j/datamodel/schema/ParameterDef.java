package io.usp4j.datamodel.schema;

import io.usp4j.core.value.ValueType;
import java.util.Objects;
import java.util.Optional;

/**
 * The definition of a parameter, or of a command or event argument: its name, {@link Syntax}, access,
 * notification hint and status. It does not know its object, so one definition may be shared.
 * Immutable and thread-safe.
 */
public final class ParameterDef implements ElementDef {
    private final String name;
    private final Syntax syntax;
    private final ParameterAccess access;
    private final ActiveNotify activeNotify;
    private final Status status;
    private final boolean mandatory;
    private final String version;

    private ParameterDef(Builder b) {
        this.name = b.name;
        this.syntax = b.syntax;
        this.access = b.access;
        this.activeNotify = b.activeNotify;
        this.status = b.status;
        this.mandatory = b.mandatory;
        this.version = b.version;
    }

    /**
     * Starts a read-only parameter definition.
     *
     * @throws IllegalArgumentException when {@code name} is not a valid parameter name
     */
    public static Builder builder(String name, Syntax syntax) {
        return new Builder(name, syntax);
    }

    /** A current, read-only parameter of the given type with no constraints. */
    public static ParameterDef readOnly(String name, ValueType type) {
        return builder(name, Syntax.of(type)).build();
    }

    /** A current, read-write parameter of the given type with no constraints. */
    public static ParameterDef readWrite(String name, ValueType type) {
        return builder(name, Syntax.of(type)).access(ParameterAccess.READ_WRITE).build();
    }

    /** A builder holding this definition's settings, to derive a changed copy. */
    public Builder toBuilder() {
        return new Builder(name, syntax)
                .access(access)
                .activeNotify(activeNotify)
                .status(status)
                .mandatory(mandatory)
                .version(version);
    }

    @Override
    public String name() {
        return name;
    }

    /** The type and value constraints. */
    public Syntax syntax() {
        return syntax;
    }

    /** Shorthand for {@code syntax().type()}. */
    public ValueType type() {
        return syntax.type();
    }

    /** What a Controller may do with the value. */
    public ParameterAccess access() {
        return access;
    }

    /** The value-change notification hint. */
    public ActiveNotify activeNotify() {
        return activeNotify;
    }

    @Override
    public Status status() {
        return status;
    }

    /** For command input arguments: whether the Controller must supply it. False for parameters. */
    public boolean mandatory() {
        return mandatory;
    }

    @Override
    public Optional<String> version() {
        return Optional.ofNullable(version);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ParameterDef p
                && name.equals(p.name)
                && syntax.equals(p.syntax)
                && access == p.access
                && activeNotify == p.activeNotify
                && status == p.status
                && mandatory == p.mandatory
                && Objects.equals(version, p.version);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, syntax, access, activeNotify, status, mandatory);
    }

    @Override
    public String toString() {
        return name + " " + syntax + " " + access;
    }

    /** Collects the settings of a {@link ParameterDef}. Not thread-safe. */
    public static final class Builder {
        private final String name;
        private Syntax syntax;
        private ParameterAccess access = ParameterAccess.READ_ONLY;
        private ActiveNotify activeNotify = ActiveNotify.NORMAL;
        private Status status = Status.CURRENT;
        private boolean mandatory;
        private String version;

        private Builder(String name, Syntax syntax) {
            this.name = Names.requireName(name, "", "parameter");
            this.syntax = Objects.requireNonNull(syntax, "syntax");
        }

        /** Replaces the syntax. */
        public Builder syntax(Syntax syntax) {
            this.syntax = Objects.requireNonNull(syntax, "syntax");
            return this;
        }

        /** Sets the access (default read-only). */
        public Builder access(ParameterAccess access) {
            this.access = Objects.requireNonNull(access, "access");
            return this;
        }

        /** Sets the notification hint (default normal). */
        public Builder activeNotify(ActiveNotify activeNotify) {
            this.activeNotify = Objects.requireNonNull(activeNotify, "activeNotify");
            return this;
        }

        /** Sets the status (default current). */
        public Builder status(Status status) {
            this.status = Objects.requireNonNull(status, "status");
            return this;
        }

        /** Marks a command input argument as mandatory. */
        public Builder mandatory(boolean mandatory) {
            this.mandatory = mandatory;
            return this;
        }

        /** Sets the version that introduced the parameter, or clears it with {@code null}. */
        public Builder version(String version) {
            this.version = version;
            return this;
        }

        /** Builds the definition. */
        public ParameterDef build() {
            return new ParameterDef(this);
        }
    }
}
