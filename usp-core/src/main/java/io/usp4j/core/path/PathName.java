package io.usp4j.core.path;

import java.util.List;
import java.util.Objects;

/**
 * A parsed path name of the Instantiated or the Supported Data Model: immutable, compared by value, and
 * written back by {@link #toString()} in the form {@link #parse} reads.
 *
 * <p>Obtain one with {@link #parse(CharSequence)} (every form a Controller may send: object, instance,
 * parameter, command and event paths, with instance numbers, unique-key and search expressions, wildcards
 * and reference following) or {@link #parseSupported(CharSequence)} (Supported Data Model paths with
 * {@code {i}}).
 */
public final class PathName {
    private final List<PathSegment> segments;
    private final ElementKind kind;

    PathName(List<PathSegment> segments, ElementKind kind) {
        this.segments = List.copyOf(segments);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    /**
     * Parses a path of the Instantiated Data Model as a Controller sends it.
     *
     * @throws PathSyntaxException (USP 7008) when the text is not a path
     */
    public static PathName parse(CharSequence text) {
        return PathParser.parse(text.toString(), false);
    }

    /**
     * Parses a path of the Supported Data Model: names, {@code {i}} and instance numbers only (as
     * GetSupportedDM accepts them).
     *
     * @throws PathSyntaxException (USP 7008) when the text is not such a path
     */
    public static PathName parseSupported(CharSequence text) {
        return PathParser.parse(text.toString(), true);
    }

    /** The steps of the path, first to last; dots are implied between them. */
    public List<PathSegment> segments() {
        return segments;
    }

    /** What the path addresses, told by how it ends. */
    public ElementKind kind() {
        return kind;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PathName other && kind == other.kind && segments.equals(other.segments);
    }

    @Override
    public int hashCode() {
        return segments.hashCode() * 31 + kind.hashCode();
    }

    /** The path in the form {@link #parse} reads; {@code parse(p.toString()).equals(p)}. */
    @Override
    public String toString() {
        return PathParser.format(this);
    }
}
