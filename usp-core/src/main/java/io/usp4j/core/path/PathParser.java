package io.usp4j.core.path;

/** The path grammar: text to {@link PathName} and back. */
final class PathParser {
    private PathParser() {}

    static PathName parse(String text, boolean supported) {
        throw new PathSyntaxException(text, 0, "parser under construction");
    }

    static String format(PathName path) {
        return path.segments().toString();
    }
}
