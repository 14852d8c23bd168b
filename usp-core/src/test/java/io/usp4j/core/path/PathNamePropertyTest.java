package io.usp4j.core.path;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Property-style tests with a fixed seed: random valid paths round-trip, and random junk or mutations of valid
 * paths never make the parser throw anything but {@link PathSyntaxException}.
 */
class PathNamePropertyTest {
    private static final String NAME_START = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_";
    private static final String NAME_PART = NAME_START + "0123456789-";
    private static final String UNQUOTED = "ABCXYZabcxyz0123456789+-.:_";
    /** Characters that matter to the grammar, plus a few outside it. */
    private static final String JUNK = "Aa_0129.*[]{}()!#+-=<>~&|\"% \t:iZz\u00e9\u0000\uffff\ud800";

    private static String name(Random r) {
        StringBuilder sb = new StringBuilder();
        sb.append(NAME_START.charAt(r.nextInt(NAME_START.length())));
        int n = r.nextInt(8);
        for (int i = 0; i < n; i++) {
            sb.append(NAME_PART.charAt(r.nextInt(NAME_PART.length())));
        }
        return sb.toString();
    }

    private static ReferenceIndex index(Random r) {
        return switch (r.nextInt(3)) {
            case 0 -> ReferenceIndex.Implicit.INSTANCE;
            case 1 -> new ReferenceIndex.Nth(1 + r.nextInt(r.nextBoolean() ? 9 : Integer.MAX_VALUE));
            default -> ReferenceIndex.All.INSTANCE;
        };
    }

    private static Literal literal(Random r) {
        if (r.nextBoolean()) {
            StringBuilder sb = new StringBuilder();
            int n = r.nextInt(10);
            for (int i = 0; i < n; i++) {
                int k = r.nextInt(10);
                sb.append(k == 0 ? '"' : k == 1 ? '%' : k == 2 ? ']' : k == 3 ? '\u00e9' : (char) (' ' + r.nextInt(95)));
            }
            return Literal.quoted(sb.toString());
        }
        StringBuilder sb = new StringBuilder();
        int n = 1 + r.nextInt(12);
        for (int i = 0; i < n; i++) {
            sb.append(UNQUOTED.charAt(r.nextInt(UNQUOTED.length())));
        }
        return Literal.unquoted(sb.toString());
    }

    private static SearchExpression expression(Random r) {
        List<Comparison> terms = new ArrayList<>();
        int n = 1 + r.nextInt(3);
        for (int i = 0; i < n; i++) {
            List<PathSegment> rel = new ArrayList<>();
            int steps = r.nextInt(3);
            for (int j = 0; j < steps; j++) {
                rel.add(r.nextBoolean() ? new PathSegment.Name(name(r)) : new PathSegment.ReferenceFollow(name(r), index(r)));
            }
            rel.add(new PathSegment.Name(name(r)));
            Operator[] ops = Operator.values();
            terms.add(new Comparison(new RelativePath(rel), ops[r.nextInt(ops.length)], literal(r)));
        }
        return new SearchExpression(terms);
    }

    /** A random valid Instantiated (or, when supported, Supported) Data Model path. */
    static PathName randomPath(Random r, boolean supported) {
        PathName.Builder b = PathName.builder().name(name(r));
        int steps = 1 + r.nextInt(7);
        int size = 1;
        boolean lastIsName = true;
        boolean placeholder = false;
        for (int i = 0; i < steps; i++) {
            int k = r.nextInt(10);
            if (lastIsName && size >= 2 && k < 4) {
                if (supported) {
                    if (!placeholder && r.nextBoolean()) {
                        b.instance(1 + (long) r.nextInt(Integer.MAX_VALUE));
                    } else {
                        b.placeholder();
                        placeholder = true;
                    }
                } else {
                    switch (r.nextInt(4)) {
                        case 0 -> b.instance(r.nextInt(5) == 0 ? PathParser.MAX_INSTANCE : 1 + r.nextInt(1000));
                        case 1 -> b.wildcard();
                        default -> b.search(expression(r));
                    }
                }
                lastIsName = false;
            } else if (!supported && k < 6) {
                b.follow(name(r), index(r));
                lastIsName = false;
            } else {
                b.name(name(r));
                lastIsName = true;
            }
            size++;
        }
        ElementKind kind = ElementKind.OBJECT;
        if (r.nextBoolean()) {
            ElementKind[] kinds = {ElementKind.PARAMETER, ElementKind.COMMAND, ElementKind.EVENT};
            kind = kinds[r.nextInt(3)];
            b.name(name(r));
        }
        return b.build(kind);
    }

    @Test
    void random_valid_paths_round_trip() {
        Random r = new Random(0x5EED_0001L);
        for (int i = 0; i < 20_000; i++) {
            PathName p = randomPath(r, false);
            String text = p.toString();
            PathName back = PathName.parse(text);
            assertThat(back).as(text).isEqualTo(p);
            assertThat(back.toString()).isEqualTo(text);
            assertThat(back.hashCode()).isEqualTo(p.hashCode());
        }
    }

    @Test
    void random_supported_paths_round_trip() {
        Random r = new Random(0x5EED_0002L);
        for (int i = 0; i < 10_000; i++) {
            PathName p = randomPath(r, true);
            String text = p.toString();
            assertThat(PathName.parseSupported(text)).as(text).isEqualTo(p);
            if (!p.hasPlaceholder()) {
                assertThat(PathName.parse(text)).as(text).isEqualTo(p);
            }
        }
    }

    @Test
    void whitespace_inside_expressions_does_not_change_the_path() {
        Random r = new Random(0x5EED_0003L);
        for (int i = 0; i < 5_000; i++) {
            PathName p = randomPath(r, false);
            String text = p.toString();
            StringBuilder spaced = new StringBuilder();
            int depth = 0;
            boolean inQuote = false;
            for (int j = 0; j < text.length(); j++) {
                char c = text.charAt(j);
                boolean opStart = !inQuote && depth > 0 && "=!~<>&".indexOf(c) >= 0
                        && (j == 0 || "=!~<>&".indexOf(text.charAt(j - 1)) < 0);
                if (opStart && r.nextBoolean()) {
                    spaced.append(r.nextBoolean() ? ' ' : '\t');
                }
                spaced.append(c);
                if (c == '"') {
                    inQuote = !inQuote;
                } else if (!inQuote && c == '[') {
                    depth++;
                } else if (!inQuote && c == ']') {
                    depth--;
                }
                boolean opEnd = !inQuote && depth > 0 && "=<>&".indexOf(c) >= 0
                        && (j + 1 >= text.length() || "=<>&".indexOf(text.charAt(j + 1)) < 0);
                if (opEnd && r.nextBoolean()) {
                    spaced.append("  ");
                }
            }
            assertThat(PathName.parse(spaced)).as(spaced.toString()).isEqualTo(p);
        }
    }

    /** Parses with every entry point; only PathSyntaxException may come out, and what parses round-trips. */
    private static void parseEverywhere(String text) {
        try {
            PathName p = PathName.parse(text);
            assertThat(PathName.parse(p.toString())).as(text).isEqualTo(p);
            assertThat(PathName.of(p.segments(), p.kind())).isEqualTo(p);
        } catch (PathSyntaxException e) {
            assertThat(e.position()).isBetween(0, text.length());
            assertThat(e.input()).isEqualTo(text);
        }
        try {
            PathName p = PathName.parseSupported(text);
            assertThat(PathName.parseSupported(p.toString())).as(text).isEqualTo(p);
            assertThat(PathName.of(p.segments(), p.kind())).isEqualTo(p);
        } catch (PathSyntaxException e) {
            assertThat(e.position()).isBetween(0, text.length());
        }
        try {
            PathName p = PathName.parseReference(text);
            assertThat(p.kind()).isEqualTo(ElementKind.OBJECT);
        } catch (PathSyntaxException e) {
            assertThat(e.position()).isBetween(0, text.length());
        }
        try {
            RelativePath.parse(text);
        } catch (PathSyntaxException e) {
            assertThat(e.position()).isBetween(0, text.length());
        }
        try {
            PathName.parse("Device.IP.Interface.").append(text);
        } catch (PathSyntaxException e) {
            assertThat(e.position()).isBetween(0, text.length());
        }
    }

    @Test
    void random_junk_only_ever_raises_path_syntax_exceptions() {
        Random r = new Random(0x5EED_0004L);
        for (int i = 0; i < 50_000; i++) {
            int n = r.nextInt(30);
            StringBuilder sb = new StringBuilder(n);
            for (int j = 0; j < n; j++) {
                sb.append(JUNK.charAt(r.nextInt(JUNK.length())));
            }
            parseEverywhere(sb.toString());
        }
    }

    @Test
    void mutations_of_valid_paths_only_ever_raise_path_syntax_exceptions() {
        Random r = new Random(0x5EED_0005L);
        for (int i = 0; i < 30_000; i++) {
            StringBuilder sb = new StringBuilder(randomPath(r, r.nextInt(4) == 0).toString());
            int edits = 1 + r.nextInt(3);
            for (int e = 0; e < edits; e++) {
                int at = sb.length() == 0 ? 0 : r.nextInt(sb.length());
                switch (r.nextInt(4)) {
                    case 0 -> sb.insert(at, JUNK.charAt(r.nextInt(JUNK.length())));
                    case 1 -> {
                        if (sb.length() > 0) {
                            sb.deleteCharAt(at);
                        }
                    }
                    case 2 -> {
                        if (sb.length() > 0) {
                            sb.setCharAt(at, JUNK.charAt(r.nextInt(JUNK.length())));
                        }
                    }
                    default -> sb.setLength(at);
                }
            }
            parseEverywhere(sb.toString());
        }
    }
}
