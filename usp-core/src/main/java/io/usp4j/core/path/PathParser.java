package io.usp4j.core.path;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The path grammar: text to {@link PathName} and back.
 *
 * <p>A hand-written single-pass scanner (no regular expressions). One instance parses one text and is then
 * discarded; the static entry points are thread-safe.
 *
 * <p>Grammar accepted, following the prose of TR-369 where it is wider than its BNF:
 *
 * <pre>
 * path      = name "." { step "." } [ last ]       ; the final "." may be left out after an instance step
 * step      = name | name "." inst | ref
 * ref       = name [ "#" ( posnum | "*" ) ] "+"      ; must be followed by "."
 * last      = name | name "()" | name "!"
 * inst      = posnum | "*" | "[" expr "]"           ; "{i}" instead, in a Supported Data Model path
 * expr      = ws comp ws { "&amp;&amp;" ws comp ws }
 * comp      = relpath ws oper ws value
 * relpath   = name { [ ref-suffix ] "." name }
 * value     = '"' { any char but '"' } '"' | 1*( ALPHA | DIGIT | "+" | "-" | "." | ":" | "_" )
 * name      = ( ALPHA | "_" ) { ALPHA | DIGIT | "_" | "-" }
 * </pre>
 */
final class PathParser {
    /** Largest instance number: TR-181 instance numbers are unsignedInt. */
    static final long MAX_INSTANCE = 4_294_967_295L;

    private final String s;
    private final int len;
    private final boolean supported;
    private int pos;

    private PathParser(String s, boolean supported) {
        this.s = s;
        this.len = s.length();
        this.supported = supported;
    }

    /** What the step before the current position was; decides what may come next. */
    private enum Prev {
        START,
        NAME,
        INSTANCE,
        REFERENCE
    }

    static PathName parse(String text, boolean supported) {
        PathParser p = new PathParser(text, supported);
        if (text.isEmpty()) {
            throw p.error(0, "empty path");
        }
        return p.parseSteps(new ArrayList<>(8), Prev.START, false);
    }

    /**
     * Parses {@code relative} as the continuation of the object path {@code base} (which ends in a dot).
     */
    static PathName parseRelative(PathName base, String relative) {
        boolean supported = base.hasPlaceholder();
        PathParser p = new PathParser(relative, supported);
        List<PathSegment> segs = new ArrayList<>(base.segments().size() + 4);
        segs.addAll(base.segments());
        PathSegment last = segs.get(segs.size() - 1);
        Prev prev = last instanceof PathSegment.Name
                ? Prev.NAME
                : last instanceof PathSegment.ReferenceFollow ? Prev.REFERENCE : Prev.INSTANCE;
        return p.parseSteps(segs, prev, base.hasPlaceholder());
    }

    /** Parses the inside of a search expression term's parameter, as in {@code Stats.BytesSent}. */
    static RelativePath parseRelativePath(String text) {
        PathParser p = new PathParser(text, false);
        RelativePath r = p.relativePath();
        if (p.pos != p.len) {
            throw p.error(p.pos, "unexpected character after the relative path");
        }
        return r;
    }

    // ------------------------------------------------------------------------------------------ path

    /**
     * Parses steps starting just after a dot (or at the very start when {@code prev} is START) until the end
     * of the text.
     */
    private PathName parseSteps(List<PathSegment> segs, Prev prev, boolean placeholderSeen) {
        while (true) {
            if (pos == len) {
                if (prev == Prev.START) {
                    throw error(pos, "empty path");
                }
                return new PathName(segs, ElementKind.OBJECT, true);
            }
            char c = s.charAt(pos);
            if (isNameStart(c)) {
                String name = name();
                if (pos == len) {
                    requireObjectBefore(prev);
                    segs.add(new PathSegment.Name(name));
                    return new PathName(segs, ElementKind.PARAMETER, true);
                }
                char d = s.charAt(pos);
                if (d == '.') {
                    segs.add(new PathSegment.Name(name));
                    pos++;
                    prev = Prev.NAME;
                } else if (d == '(') {
                    requireObjectBefore(prev);
                    if (pos + 1 >= len || s.charAt(pos + 1) != ')') {
                        throw error(pos + 1, "expected ')' to close the command name");
                    }
                    pos += 2;
                    requireEnd("a command path ends with '()'");
                    segs.add(new PathSegment.Name(name));
                    return new PathName(segs, ElementKind.COMMAND, true);
                } else if (d == '!') {
                    requireObjectBefore(prev);
                    pos++;
                    requireEnd("an event path ends with '!'");
                    segs.add(new PathSegment.Name(name));
                    return new PathName(segs, ElementKind.EVENT, true);
                } else if (d == '#' || d == '+') {
                    if (supported) {
                        throw error(pos, "reference following is not allowed in a Supported Data Model path");
                    }
                    if (prev == Prev.START) {
                        throw error(pos, "a path cannot start with reference following");
                    }
                    ReferenceIndex index = referenceSuffix();
                    segs.add(new PathSegment.ReferenceFollow(name, index));
                    if (pos == len) {
                        throw error(pos, "expected '.' after the reference following '+'");
                    }
                    if (s.charAt(pos) != '.') {
                        throw error(pos, "expected '.' after the reference following '+'");
                    }
                    pos++;
                    prev = Prev.REFERENCE;
                } else {
                    throw error(pos, "unexpected character in a name");
                }
                continue;
            }
            if (c == '.') {
                throw error(pos, prev == Prev.START ? "a path cannot start with '.'" : "empty name between two dots");
            }
            // an instance step
            if (prev == Prev.START) {
                throw error(pos, "a path must start with a name");
            }
            if (prev != Prev.NAME) {
                throw error(
                        pos,
                        prev == Prev.INSTANCE
                                ? "two instance identifiers in a row"
                                : "an instance identifier cannot follow reference following");
            }
            if (segs.size() < 2 && (isDigit(c) || c == '*' || c == '[' || c == '{')) {
                throw error(pos, "the first object of a path is not a table");
            }
            if (c >= '0' && c <= '9') {
                int start = pos;
                long n = instanceNumber();
                if (placeholderSeen) {
                    throw error(start, "an instance number cannot follow '{i}'");
                }
                segs.add(new PathSegment.InstanceNumber(n));
            } else if (c == '{') {
                if (!supported) {
                    throw error(pos, "'{i}' is allowed only in a Supported Data Model path; use '[...]' to search");
                }
                if (!s.startsWith("{i}", pos)) {
                    throw error(pos + 1 < len && s.charAt(pos + 1) == 'i' ? pos + 2 : pos + 1, "expected '{i}'");
                }
                pos += 3;
                placeholderSeen = true;
                segs.add(PathSegment.Placeholder.INSTANCE);
            } else if (c == '*') {
                if (supported) {
                    throw error(pos, "a wildcard is not allowed in a Supported Data Model path; use '{i}'");
                }
                pos++;
                segs.add(PathSegment.Wildcard.INSTANCE);
            } else if (c == '[') {
                if (supported) {
                    throw error(pos, "a search expression is not allowed in a Supported Data Model path; use '{i}'");
                }
                segs.add(new PathSegment.Search(expression()));
            } else {
                throw error(pos, "expected a name or an instance identifier");
            }
            if (pos == len) {
                return new PathName(segs, ElementKind.OBJECT, true);
            }
            if (s.charAt(pos) != '.') {
                throw error(pos, "expected '.' after the instance identifier");
            }
            pos++;
            prev = Prev.INSTANCE;
        }
    }

    private void requireObjectBefore(Prev prev) {
        if (prev == Prev.START) {
            throw error(pos, "expected '.': a path starts with an object name");
        }
    }

    private void requireEnd(String why) {
        if (pos != len) {
            throw error(pos, "unexpected character: " + why);
        }
    }

    private String name() {
        int start = pos;
        pos++;
        while (pos < len && isNamePart(s.charAt(pos))) {
            pos++;
        }
        return s.substring(start, pos);
    }

    private long instanceNumber() {
        int start = pos;
        if (s.charAt(pos) == '0') {
            throw error(pos, pos + 1 < len && isDigit(s.charAt(pos + 1))
                    ? "an instance number has no leading zeros"
                    : "instance numbers start at 1");
        }
        long n = 0;
        while (pos < len && isDigit(s.charAt(pos))) {
            n = n * 10 + (s.charAt(pos) - '0');
            if (n > MAX_INSTANCE) {
                throw error(start, "instance number larger than 4294967295");
            }
            pos++;
        }
        return n;
    }

    /** At '#' or '+': reads {@code [#n|#*]+}. */
    private ReferenceIndex referenceSuffix() {
        ReferenceIndex index = ReferenceIndex.Implicit.INSTANCE;
        if (s.charAt(pos) == '#') {
            pos++;
            if (pos == len) {
                throw error(pos, "expected a list item number or '*' after '#'");
            }
            char c = s.charAt(pos);
            if (c == '*') {
                pos++;
                index = ReferenceIndex.All.INSTANCE;
            } else if (c >= '1' && c <= '9') {
                int start = pos;
                long n = 0;
                while (pos < len && isDigit(s.charAt(pos))) {
                    n = n * 10 + (s.charAt(pos) - '0');
                    if (n > Integer.MAX_VALUE) {
                        throw error(start, "list item number too large");
                    }
                    pos++;
                }
                index = new ReferenceIndex.Nth((int) n);
            } else if (c == '0') {
                throw error(pos, "list item numbers start at 1");
            } else {
                throw error(pos, "expected a list item number or '*' after '#'");
            }
        }
        if (pos == len || s.charAt(pos) != '+') {
            throw error(pos, "expected '+' to follow the reference");
        }
        pos++;
        return index;
    }

    // ------------------------------------------------------------------------------------ expression

    /** At '[': reads the whole bracketed expression. */
    private SearchExpression expression() {
        int open = pos;
        pos++;
        List<Comparison> terms = new ArrayList<>(2);
        while (true) {
            skipSpace();
            if (pos == len) {
                throw error(pos, "unterminated '[' opened at index " + open);
            }
            if (s.charAt(pos) == ']' && terms.isEmpty()) {
                throw error(pos, "empty search expression");
            }
            RelativePath parameter = relativePath();
            skipSpace();
            Operator op = operator();
            skipSpace();
            Literal value = value();
            terms.add(new Comparison(parameter, op, value));
            skipSpace();
            if (pos == len) {
                throw error(pos, "unterminated '[' opened at index " + open);
            }
            char c = s.charAt(pos);
            if (c == ']') {
                pos++;
                return new SearchExpression(terms);
            }
            if (c == '&') {
                if (pos + 1 < len && s.charAt(pos + 1) == '&') {
                    pos += 2;
                    continue;
                }
                throw error(pos + 1, "expected '&&'");
            }
            if (c == '|') {
                throw error(pos, "USP search expressions have no OR; only '&&' joins terms");
            }
            throw error(pos, "expected '&&' or ']'");
        }
    }

    private RelativePath relativePath() {
        List<PathSegment> segs = new ArrayList<>(2);
        while (true) {
            if (pos == len) {
                throw error(pos, "expected a parameter name");
            }
            char c = s.charAt(pos);
            if (!isNameStart(c)) {
                if (segs.isEmpty()) {
                    throw error(pos, "expected a parameter name");
                }
                throw error(
                        pos,
                        isDigit(c) || c == '*' || c == '[' || c == '{'
                                ? "a search expression cannot reach into a child table"
                                : "expected a name");
            }
            String name = name();
            if (pos < len && (s.charAt(pos) == '#' || s.charAt(pos) == '+')) {
                segs.add(new PathSegment.ReferenceFollow(name, referenceSuffix()));
                if (pos == len || s.charAt(pos) != '.') {
                    throw error(pos, "expected '.' after the reference following '+'");
                }
                pos++;
                continue;
            }
            segs.add(new PathSegment.Name(name));
            if (pos < len && s.charAt(pos) == '.') {
                pos++;
                continue;
            }
            return new RelativePath(segs);
        }
    }

    private Operator operator() {
        if (pos == len) {
            throw error(pos, "expected a comparison operator");
        }
        char c = s.charAt(pos);
        boolean eqNext = pos + 1 < len && s.charAt(pos + 1) == '=';
        switch (c) {
            case '=':
                if (eqNext) {
                    pos += 2;
                    return Operator.EQUAL;
                }
                throw error(pos + 1, "expected '==' (a single '=' is not an operator)");
            case '!':
                if (eqNext) {
                    pos += 2;
                    return Operator.NOT_EQUAL;
                }
                throw error(pos + 1, "expected '!='");
            case '~':
                if (eqNext) {
                    pos += 2;
                    return Operator.CONTAINS;
                }
                throw error(pos + 1, "expected '~='");
            case '<':
                pos += eqNext ? 2 : 1;
                return eqNext ? Operator.LESS_OR_EQUAL : Operator.LESS;
            case '>':
                pos += eqNext ? 2 : 1;
                return eqNext ? Operator.GREATER_OR_EQUAL : Operator.GREATER;
            default:
                throw error(pos, "expected a comparison operator (==, !=, ~=, <, >, <=, >=)");
        }
    }

    private Literal value() {
        if (pos == len) {
            throw error(pos, "expected a value");
        }
        if (s.charAt(pos) == '"') {
            return quoted();
        }
        int start = pos;
        while (pos < len && isUnquotedPart(s.charAt(pos))) {
            pos++;
        }
        if (pos == start) {
            throw error(pos, "expected a value: a quoted string or an unquoted number, boolean or dateTime");
        }
        return new Literal(s.substring(start, pos), false);
    }

    /** At the opening quote. */
    private Literal quoted() {
        int open = pos;
        pos++;
        int start = pos;
        boolean escapes = false;
        while (pos < len) {
            char c = s.charAt(pos);
            if (c == '"') {
                String raw = s.substring(start, pos);
                pos++;
                return new Literal(escapes ? decode(raw, start) : raw, true);
            }
            if (c == '%') {
                escapes = true;
            }
            pos++;
        }
        throw error(pos, "unterminated string opened at index " + open);
    }

    /**
     * Percent-decodes a quoted literal: every {@code %HH} (hex, either case) is one byte, runs of bytes are
     * UTF-8. A {@code %} not followed by two hex digits, or bytes that are not UTF-8, are syntax errors.
     */
    private String decode(String raw, int offset) {
        StringBuilder out = new StringBuilder(raw.length());
        int i = 0;
        int n = raw.length();
        while (i < n) {
            char c = raw.charAt(i);
            if (c != '%') {
                out.append(c);
                i++;
                continue;
            }
            int runStart = i;
            byte[] bytes = new byte[(n - i) / 3];
            int count = 0;
            while (i < n && raw.charAt(i) == '%') {
                int hi = i + 1 < n ? hexValue(raw.charAt(i + 1)) : -1;
                int lo = i + 2 < n ? hexValue(raw.charAt(i + 2)) : -1;
                if (hi < 0 || lo < 0) {
                    throw error(offset + i, "'%' must start an escape of two hex digits (write a literal '%' as %25)");
                }
                bytes[count++] = (byte) (hi << 4 | lo);
                i += 3;
            }
            try {
                out.append(StandardCharsets.UTF_8
                        .newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(bytes, 0, count)));
            } catch (CharacterCodingException e) {
                throw error(offset + runStart, "percent escapes that are not UTF-8");
            }
        }
        return out.toString();
    }

    private void skipSpace() {
        while (pos < len && (s.charAt(pos) == ' ' || s.charAt(pos) == '\t')) {
            pos++;
        }
    }

    // --------------------------------------------------------------------------------- char classes

    static boolean isNameStart(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
    }

    static boolean isNamePart(char c) {
        return isNameStart(c) || isDigit(c) || c == '-';
    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    static boolean isUnquotedPart(char c) {
        return isNameStart(c) || isDigit(c) || c == '+' || c == '-' || c == '.' || c == ':';
    }

    private static int hexValue(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    /** Whether {@code text} is a valid object, parameter, command or event name. */
    static boolean isName(String text) {
        if (text == null || text.isEmpty() || !isNameStart(text.charAt(0))) {
            return false;
        }
        for (int i = 1; i < text.length(); i++) {
            if (!isNamePart(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code text} can be written as an unquoted literal. */
    static boolean isUnquotedToken(String text) {
        if (text == null || text.isEmpty()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (!isUnquotedPart(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private PathSyntaxException error(int at, String reason) {
        return new PathSyntaxException(s, Math.min(at, len), reason);
    }

    // ------------------------------------------------------------------------------------------ format

    static String format(PathName path) {
        StringBuilder sb = new StringBuilder(64);
        List<PathSegment> segs = path.segments();
        for (int i = 0; i < segs.size(); i++) {
            if (i > 0) {
                sb.append('.');
            }
            appendSegment(sb, segs.get(i));
        }
        switch (path.kind()) {
            case OBJECT -> sb.append('.');
            case COMMAND -> sb.append("()");
            case EVENT -> sb.append('!');
            case PARAMETER -> {}
        }
        return sb.toString();
    }

    static void appendSegment(StringBuilder sb, PathSegment seg) {
        if (seg instanceof PathSegment.Name n) {
            sb.append(n.name());
        } else if (seg instanceof PathSegment.InstanceNumber n) {
            sb.append(n.number());
        } else if (seg instanceof PathSegment.Wildcard) {
            sb.append('*');
        } else if (seg instanceof PathSegment.Placeholder) {
            sb.append("{i}");
        } else if (seg instanceof PathSegment.ReferenceFollow r) {
            sb.append(r.parameter());
            if (r.index() instanceof ReferenceIndex.Nth nth) {
                sb.append('#').append(nth.n());
            } else if (r.index() instanceof ReferenceIndex.All) {
                sb.append("#*");
            }
            sb.append('+');
        } else if (seg instanceof PathSegment.Search search) {
            appendExpression(sb, search.expression());
        }
    }

    static void appendExpression(StringBuilder sb, SearchExpression expression) {
        sb.append('[');
        List<Comparison> terms = expression.terms();
        for (int i = 0; i < terms.size(); i++) {
            if (i > 0) {
                sb.append("&&");
            }
            appendComparison(sb, terms.get(i));
        }
        sb.append(']');
    }

    static void appendComparison(StringBuilder sb, Comparison c) {
        appendRelativePath(sb, c.parameter());
        sb.append(c.operator().symbol());
        appendLiteral(sb, c.value());
    }

    static void appendRelativePath(StringBuilder sb, RelativePath path) {
        List<PathSegment> segs = path.segments();
        for (int i = 0; i < segs.size(); i++) {
            if (i > 0) {
                sb.append('.');
            }
            appendSegment(sb, segs.get(i));
        }
    }

    static void appendLiteral(StringBuilder sb, Literal literal) {
        if (!literal.quoted()) {
            sb.append(literal.text());
            return;
        }
        sb.append('"');
        String t = literal.text();
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c == '"') {
                sb.append("%22");
            } else if (c == '%') {
                sb.append("%25");
            } else {
                sb.append(c);
            }
        }
        sb.append('"');
    }
}
