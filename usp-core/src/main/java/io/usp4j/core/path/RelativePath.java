package io.usp4j.core.path;

import java.util.List;

/**
 * A parameter path relative to an object instance, as used inside a search expression: names of
 * single-instance children and reference follows, ending in a parameter name ({@code Stats.BytesSent},
 * {@code SSIDReference+.SSID}, {@code Refs#*+.Name}). It never steps into a child table.
 *
 * @param segments only {@link PathSegment.Name} and {@link PathSegment.ReferenceFollow}; the last is a Name
 */
public record RelativePath(List<PathSegment> segments) {
    /** @throws IllegalArgumentException when the segments break the rules above */
    public RelativePath {
        segments = List.copyOf(segments);
        if (segments.isEmpty()) {
            throw new IllegalArgumentException("a relative path has at least one name");
        }
        for (PathSegment s : segments) {
            if (!(s instanceof PathSegment.Name) && !(s instanceof PathSegment.ReferenceFollow)) {
                throw new IllegalArgumentException("a relative path in a search expression holds only names and "
                        + "reference follows, not " + s);
            }
        }
        if (!(segments.get(segments.size() - 1) instanceof PathSegment.Name)) {
            throw new IllegalArgumentException("a relative path ends in a parameter name");
        }
    }

    /**
     * Parses a relative parameter path as written inside a search expression ({@code Stats.BytesSent},
     * {@code SSIDReference+.SSID}).
     *
     * @throws PathSyntaxException (USP 7008) when the text is not such a path
     */
    public static RelativePath parse(CharSequence text) {
        return PathParser.parseRelativePath(text.toString());
    }

    /** Whether a step of this path follows a reference. */
    public boolean hasReferenceFollow() {
        for (PathSegment s : segments) {
            if (s instanceof PathSegment.ReferenceFollow) {
                return true;
            }
        }
        return false;
    }

    /** The name of the parameter compared (the last step). */
    public String parameterName() {
        return ((PathSegment.Name) segments.get(segments.size() - 1)).name();
    }

    /** The path as written: {@code SSIDReference+.SSID}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(24);
        PathParser.appendRelativePath(sb, this);
        return sb.toString();
    }
}
