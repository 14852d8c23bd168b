package io.usp4j.core.path;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A parsed path name of the Instantiated or the Supported Data Model: immutable, compared by value, and
 * written back by {@link #toString()} in the form {@link #parse} reads.
 *
 * <p>Obtain one with {@link #parse(CharSequence)} (every form a Controller may send: object, instance,
 * parameter, command and event paths, with instance numbers, unique-key and search expressions, wildcards
 * and reference following), {@link #parseSupported(CharSequence)} (Supported Data Model paths with
 * {@code {i}}), {@link #parseReference(CharSequence)} (the value of a reference parameter), or build one
 * with {@link #builder()}.
 *
 * <p>What the parser accepts beyond the TR-369 BNF, following the specification's prose and TR-106:
 * <ul>
 *   <li>a parameter directly behind reference following ({@code Interface+.Name}), and an object path ending
 *       in it ({@code Interface+.});
 *   <li>an object instance path whose final dot is left out ({@code Device.IP.Interface.3},
 *       {@code Device.IP.Interface.[Name=="eth0"]}), as the specification writes instance paths in its
 *       examples and in reference values; it is the same path as with the dot, and is written back with it;
 *   <li>unquoted literals that are not integers (booleans, decimals, dateTimes, {@code 08}, {@code +5}), see
 *       {@link Literal};
 *   <li>spaces and tabs around operators, around {@code &&} and inside the brackets of a search expression
 *       (R-ARC.9a); they are not kept and never written back;
 *   <li>{@code -} inside names (TR-106 vendor prefixes such as {@code X_EXAMPLE-COM_}).
 * </ul>
 * Everything else is rejected with a {@link PathSyntaxException} (USP 7008) naming the offending character:
 * leading, trailing or inner whitespace outside expressions, instance number 0, leading zeros or more than
 * 4294967295, empty {@code []}, {@code ||}, curly braces outside Supported Data Model paths, expression
 * parameters that reach into a child table, and anything after {@code ()} or {@code !}.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class PathName {
    private final List<PathSegment> segments;
    private final ElementKind kind;
    private String text;
    private int hash;

    PathName(List<PathSegment> segments, ElementKind kind) {
        this.segments = List.copyOf(segments);
        this.kind = Objects.requireNonNull(kind, "kind");
        validate(this.segments, kind);
    }

    /** For the parser, whose output follows the rules by construction. */
    PathName(List<PathSegment> segments, ElementKind kind, boolean trusted) {
        this.segments = List.copyOf(segments);
        this.kind = kind;
    }

    /**
     * Parses a path of the Instantiated Data Model as a Controller sends it.
     *
     * @throws PathSyntaxException (USP 7008) when the text is not a path
     * @throws NullPointerException when text is null
     */
    public static PathName parse(CharSequence text) {
        return PathParser.parse(text.toString(), false);
    }

    /**
     * Parses a path of the Supported Data Model: names, {@code {i}} and instance numbers only (as
     * GetSupportedDM accepts them), ending like any path in {@code .}, a name, {@code ()} or {@code !}. An
     * instance number may not come after a {@code {i}}.
     *
     * @throws PathSyntaxException (USP 7008) when the text is not such a path
     * @throws NullPointerException when text is null
     */
    public static PathName parseSupported(CharSequence text) {
        return PathParser.parse(text.toString(), true);
    }

    /**
     * Parses the value of a reference parameter that points at an object: a path with or without its final
     * dot ({@code Device.IP.Interface.1}, {@code Device.DeviceInfo}, {@code Device}), given with instance
     * numbers or unique keys. The result is always an {@link ElementKind#OBJECT} path. (Reference values never
     * hold searches, but syntax alone does not exclude them here; the resolver decides.)
     *
     * @throws PathSyntaxException (USP 7008) when the text is not a path, or names a command or event
     * @throws NullPointerException when text is null
     */
    public static PathName parseReference(CharSequence text) {
        String s = text.toString();
        if (PathParser.isName(s)) {
            return new PathName(List.of(new PathSegment.Name(s)), ElementKind.OBJECT, true);
        }
        PathName p = PathParser.parse(s, false);
        return switch (p.kind) {
            case OBJECT -> p;
            case PARAMETER -> new PathName(p.segments, ElementKind.OBJECT, true);
            default -> throw new PathSyntaxException(s, s.length() - 1, "a reference names an object");
        };
    }

    /**
     * A path of the given segments; the checks are those of the grammar.
     *
     * @throws IllegalArgumentException when the segments do not form a path of that kind (see {@link Builder#build})
     */
    public static PathName of(List<PathSegment> segments, ElementKind kind) {
        return new PathName(segments, kind);
    }

    /** A builder that starts empty. */
    public static Builder builder() {
        return new Builder();
    }

    /** The steps of the path, first to last; dots are implied between them. */
    public List<PathSegment> segments() {
        return segments;
    }

    /** What the path addresses, told by how it ends. */
    public ElementKind kind() {
        return kind;
    }

    /** True for an object or object instance path (a Partial Path, ending in a dot). */
    public boolean isObjectPath() {
        return kind == ElementKind.OBJECT;
    }

    /**
     * True for a Search Path: one that holds a wildcard {@code *} or a search expression {@code [...]}, and so
     * may resolve to any number of instances. (Whether an expression is in fact a unique-key address is for
     * the data model to say.)
     */
    public boolean isSearchPath() {
        for (PathSegment s : segments) {
            if (s instanceof PathSegment.Wildcard || s instanceof PathSegment.Search) {
                return true;
            }
        }
        return false;
    }

    /** True when a step follows a reference ({@code Param+}, {@code Param#n+}, {@code Param#*+}). */
    public boolean hasReferenceFollow() {
        for (PathSegment s : segments) {
            if (s instanceof PathSegment.ReferenceFollow) {
                return true;
            }
        }
        return false;
    }

    /** True when the path holds a {@code {i}} placeholder (a Supported Data Model path). */
    public boolean hasPlaceholder() {
        for (PathSegment s : segments) {
            if (s instanceof PathSegment.Placeholder) {
                return true;
            }
        }
        return false;
    }

    /**
     * True when every step is a name or an instance number: the form the Agent emits (R-MSG.3) and that
     * addresses at most one thing without looking anything up.
     */
    public boolean isInstanceNumberPath() {
        for (PathSegment s : segments) {
            if (!(s instanceof PathSegment.Name) && !(s instanceof PathSegment.InstanceNumber)) {
                return false;
            }
        }
        return true;
    }

    /** The number of steps. */
    public int size() {
        return segments.size();
    }

    /** The last step. */
    public PathSegment lastSegment() {
        return segments.get(segments.size() - 1);
    }

    /**
     * The name of the parameter, command or event this path ends in, without {@code ()} or {@code !}.
     *
     * @throws IllegalStateException for an object path
     */
    public String elementName() {
        if (kind == ElementKind.OBJECT) {
            throw new IllegalStateException("an object path has no element name: " + this);
        }
        return ((PathSegment.Name) lastSegment()).name();
    }

    /**
     * The path of the object that holds the parameter, command or event; the path itself for an object path.
     * {@code Device.IP.Interface.*.Reset()} gives {@code Device.IP.Interface.*.}.
     */
    public PathName objectPath() {
        if (kind == ElementKind.OBJECT) {
            return this;
        }
        return new PathName(segments.subList(0, segments.size() - 1), ElementKind.OBJECT, true);
    }

    /**
     * The object path one step up: {@code Device.IP.Interface.1.} gives {@code Device.IP.Interface.}, and
     * {@code Device.IP.} gives {@code Device.}; for a parameter, command or event path, its {@link #objectPath()}.
     *
     * @throws IllegalStateException for a one-step object path such as {@code Device.}
     */
    public PathName parent() {
        if (kind != ElementKind.OBJECT) {
            return objectPath();
        }
        if (segments.size() == 1) {
            throw new IllegalStateException("a root object has no parent: " + this);
        }
        return new PathName(segments.subList(0, segments.size() - 1), ElementKind.OBJECT, true);
    }

    /**
     * Appends a relative path to this object path, as USP builds a full path from an object path and a
     * relative one ({@code Stats.BytesSent}, {@code Reset()}, {@code 2.Name} after a table, or {@code ""}).
     *
     * @throws PathSyntaxException (USP 7008) when the relative text cannot continue this path; the position
     *     is within {@code relative}
     * @throws IllegalStateException when this is not an object path
     */
    public PathName append(CharSequence relative) {
        if (kind != ElementKind.OBJECT) {
            throw new IllegalStateException("only an object path can be continued: " + this);
        }
        return PathParser.parseRelative(this, relative.toString());
    }

    /**
     * This object path followed by one more name, as a path of the given kind: {@code Device.IP.} with
     * {@code ("Interface", OBJECT)} gives {@code Device.IP.Interface.}.
     *
     * @throws IllegalArgumentException when the name is not a valid name
     * @throws IllegalStateException when this is not an object path
     */
    public PathName child(String name, ElementKind childKind) {
        if (kind != ElementKind.OBJECT) {
            throw new IllegalStateException("only an object path has children: " + this);
        }
        List<PathSegment> s = new ArrayList<>(segments.size() + 1);
        s.addAll(segments);
        s.add(new PathSegment.Name(name));
        return new PathName(s, Objects.requireNonNull(childKind, "childKind"));
    }

    /**
     * This table path followed by an instance number: {@code Device.IP.Interface.} with 3 gives
     * {@code Device.IP.Interface.3.}.
     *
     * @throws IllegalArgumentException when the number is out of range or this path does not end in a name
     */
    public PathName instance(long number) {
        if (kind != ElementKind.OBJECT) {
            throw new IllegalArgumentException("only an object path names a table: " + this);
        }
        List<PathSegment> s = new ArrayList<>(segments.size() + 1);
        s.addAll(segments);
        s.add(new PathSegment.InstanceNumber(number));
        return new PathName(s, ElementKind.OBJECT);
    }

    /**
     * Whether {@code prefix}, an object path, is this path or an ancestor of it, step by step
     * ({@code Device.IP.} starts {@code Device.IP.Interface.1.Name}). Steps are compared as written: no
     * search is evaluated.
     */
    public boolean startsWith(PathName prefix) {
        if (prefix.kind != ElementKind.OBJECT) {
            return equals(prefix);
        }
        int n = prefix.segments.size();
        return n <= segments.size() && segments.subList(0, n).equals(prefix.segments);
    }

    /**
     * The text of this path relative to the object path {@code base}, as USP writes result and key names:
     * {@code Device.IP.Interface.1.Stats.BytesSent} relative to {@code Device.IP.Interface.1.} is
     * {@code Stats.BytesSent}.
     *
     * @throws IllegalArgumentException when base does not start this path
     */
    public String relativeTo(PathName base) {
        if (base.kind != ElementKind.OBJECT || !startsWith(base)) {
            throw new IllegalArgumentException(base + " does not start " + this);
        }
        StringBuilder sb = new StringBuilder(32);
        for (int i = base.segments.size(); i < segments.size(); i++) {
            if (i > base.segments.size()) {
                sb.append('.');
            }
            PathParser.appendSegment(sb, segments.get(i));
        }
        if (segments.size() > base.segments.size()) {
            switch (kind) {
                case OBJECT -> sb.append('.');
                case COMMAND -> sb.append("()");
                case EVENT -> sb.append('!');
                case PARAMETER -> {}
            }
        }
        return sb.toString();
    }

    /**
     * The Supported Data Model form of this path: every instance number, wildcard and search expression
     * becomes {@code {i}} ({@code Device.IP.Interface.3.Stats.} gives {@code Device.IP.Interface.{i}.Stats.}).
     *
     * @throws IllegalStateException when the path follows a reference (its supported form depends on the
     *     reference's value)
     */
    public PathName toSupported() {
        List<PathSegment> s = new ArrayList<>(segments.size());
        boolean changed = false;
        for (PathSegment seg : segments) {
            if (seg instanceof PathSegment.ReferenceFollow) {
                throw new IllegalStateException("a path that follows a reference has no supported form: " + this);
            }
            if (seg.isInstanceSelector() && !(seg instanceof PathSegment.Placeholder)) {
                s.add(PathSegment.Placeholder.INSTANCE);
                changed = true;
            } else {
                s.add(seg);
            }
        }
        return changed ? new PathName(s, kind, true) : this;
    }

    /**
     * The canonical Supported Data Model form used in GetSupportedDM output for an object path: instance
     * selectors become {@code {i}}, and a multi-instance object is written with its trailing {@code {i}}.
     * Whether the last name is a table is told by {@code lastIsTable}.
     */
    public PathName toSupported(boolean lastIsTable) {
        PathName p = toSupported();
        if (lastIsTable && p.kind == ElementKind.OBJECT && p.lastSegment() instanceof PathSegment.Name) {
            List<PathSegment> s = new ArrayList<>(p.segments);
            s.add(PathSegment.Placeholder.INSTANCE);
            return new PathName(s, ElementKind.OBJECT, true);
        }
        return p;
    }

    /** A builder holding this path's segments, to continue it. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.segments.addAll(segments);
        return b;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PathName other && kind == other.kind && segments.equals(other.segments);
    }

    @Override
    public int hashCode() {
        int h = hash;
        if (h == 0) {
            h = segments.hashCode() * 31 + kind.hashCode();
            hash = h;
        }
        return h;
    }

    /** The path in the form {@link #parse} reads; {@code parse(p.toString()).equals(p)}. */
    @Override
    public String toString() {
        String t = text;
        if (t == null) {
            t = PathParser.format(this);
            text = t;
        }
        return t;
    }

    /**
     * Checks that segments form a path of the given kind, by the grammar's rules.
     *
     * @throws IllegalArgumentException when they do not
     */
    static void validate(List<PathSegment> segments, ElementKind kind) {
        if (segments.isEmpty()) {
            throw new IllegalArgumentException("a path has at least one step");
        }
        if (!(segments.get(0) instanceof PathSegment.Name)) {
            throw new IllegalArgumentException("a path starts with a name");
        }
        boolean placeholder = false;
        boolean searchOrReference = false;
        PathSegment prev = null;
        for (int i = 0; i < segments.size(); i++) {
            PathSegment s = Objects.requireNonNull(segments.get(i), "segment");
            if (s.isInstanceSelector()) {
                if (!(prev instanceof PathSegment.Name) || i < 2) {
                    throw new IllegalArgumentException("step " + i + ": an instance identifier follows a table name"
                            + " below the first object");
                }
                if (s instanceof PathSegment.Placeholder) {
                    placeholder = true;
                } else if (s instanceof PathSegment.InstanceNumber) {
                    if (placeholder) {
                        throw new IllegalArgumentException("step " + i + ": an instance number cannot follow {i}");
                    }
                } else {
                    searchOrReference = true;
                }
            } else if (s instanceof PathSegment.ReferenceFollow) {
                if (i == 0) {
                    throw new IllegalArgumentException("a path cannot start with reference following");
                }
                searchOrReference = true;
            }
            prev = s;
        }
        if (placeholder && searchOrReference) {
            throw new IllegalArgumentException("{i} cannot be mixed with wildcards, searches or reference following");
        }
        if (kind != ElementKind.OBJECT) {
            if (!(prev instanceof PathSegment.Name)) {
                throw new IllegalArgumentException("a " + kind + " path ends in a name");
            }
            if (segments.size() < 2) {
                throw new IllegalArgumentException("a " + kind + " path names the object that holds it");
            }
        }
    }

    /**
     * Builds a path step by step, checking it as {@link #parse} would. Not thread-safe; one builder per path.
     *
     * <pre>{@code
     * PathName p = PathName.builder().name("Device").name("IP").name("Interface").instance(3)
     *         .name("Enable").build(ElementKind.PARAMETER);   // Device.IP.Interface.3.Enable
     * }</pre>
     */
    public static final class Builder {
        private final List<PathSegment> segments = new ArrayList<>(8);

        private Builder() {}

        /** Adds an object name (or, as the last step, the parameter, command or event name). */
        public Builder name(String name) {
            segments.add(new PathSegment.Name(name));
            return this;
        }

        /** Adds an instance number. */
        public Builder instance(long number) {
            segments.add(new PathSegment.InstanceNumber(number));
            return this;
        }

        /** Adds {@code *}. */
        public Builder wildcard() {
            segments.add(PathSegment.Wildcard.INSTANCE);
            return this;
        }

        /** Adds {@code {i}}. */
        public Builder placeholder() {
            segments.add(PathSegment.Placeholder.INSTANCE);
            return this;
        }

        /** Adds a search expression or unique-key address. */
        public Builder search(SearchExpression expression) {
            segments.add(new PathSegment.Search(expression));
            return this;
        }

        /** Adds {@code parameter+} (or {@code #n+}, {@code #*+} as index says). */
        public Builder follow(String parameter, ReferenceIndex index) {
            segments.add(new PathSegment.ReferenceFollow(parameter, index));
            return this;
        }

        /** Adds any segment. */
        public Builder segment(PathSegment segment) {
            segments.add(Objects.requireNonNull(segment, "segment"));
            return this;
        }

        /**
         * The path of the steps added so far.
         *
         * @throws IllegalArgumentException when they do not form such a path: a path starts with a name; an
         *     instance identifier comes only right after a name; a parameter, command or event path ends in
         *     a name after at least one object step; {@code {i}} is not mixed with wildcards, searches or
         *     reference following and is not followed by an instance number
         */
        public PathName build(ElementKind kind) {
            return new PathName(segments, kind);
        }
    }
}
