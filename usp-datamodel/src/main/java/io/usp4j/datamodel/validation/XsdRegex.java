package io.usp4j.datamodel.validation;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * XML Schema regular expressions (the flavour of TR-106 {@code <pattern value>}, XML Schema Part 2
 * Appendix F) translated to {@link java.util.regex}, compiled once and cached by pattern text.
 *
 * <p>What the translation takes care of:
 * <ul>
 *   <li>an XML Schema expression is matched against the whole value (no anchors): callers use
 *       {@link java.util.regex.Matcher#matches()}; {@code ^} and {@code $} are ordinary characters and are
 *       escaped;</li>
 *   <li>{@code .} is any character but {@code \n} and {@code \r};</li>
 *   <li>{@code \d} is {@code \p{Nd}} (any Unicode decimal digit, not only 0-9), {@code \w} is every character
 *       outside the categories P, Z and C, {@code \s} is space, tab, CR and LF only;</li>
 *   <li>{@code \i} and {@code \c} are the XML 1.0 (fifth edition) NameStartChar and NameChar classes, and
 *       {@code \I}, {@code \C} their complements;</li>
 *   <li>{@code \p{IsBlock}} names a Unicode block (Java {@code \p{InBlock}}); categories pass through;</li>
 *   <li>character class subtraction {@code [a-z-[aeiou]]} becomes an intersection with a complement;
 *       {@code &}, {@code [} and {@code ^} inside classes are literal;</li>
 *   <li>constructs XML Schema does not have (back references, {@code (?...)} groups, reluctant and possessive
 *       quantifiers, unknown escapes) are errors.</li>
 * </ul>
 * Stray <code>{</code> and <code>}</code> that do not form a quantifier after something repeatable are taken
 * literally (lenient: XML Schema requires them escaped).
 *
 * <p>An expression that does not translate or compile is logged once as a warning and reported as
 * {@link Optional#empty()}; the validator then ignores it rather than refuse every value. The cache holds
 * one entry per distinct pattern text (data models have a few dozen). Thread-safe.
 */
final class XsdRegex {
    private static final Logger LOG = LoggerFactory.getLogger(XsdRegex.class);

    private static final ConcurrentHashMap<String, Optional<Pattern>> CACHE = new ConcurrentHashMap<>();

    /** XML 1.0 fifth edition NameStartChar, as the inside of a Java character class. */
    private static final String NAME_START = ":A-Z_a-z\\x{C0}-\\x{D6}\\x{D8}-\\x{F6}\\x{F8}-\\x{2FF}\\x{370}-\\x{37D}"
            + "\\x{37F}-\\x{1FFF}\\x{200C}-\\x{200D}\\x{2070}-\\x{218F}\\x{2C00}-\\x{2FEF}\\x{3001}-\\x{D7FF}"
            + "\\x{F900}-\\x{FDCF}\\x{FDF0}-\\x{FFFD}\\x{10000}-\\x{EFFFF}";
    /** XML 1.0 fifth edition NameChar, as the inside of a Java character class. */
    private static final String NAME_CHAR = NAME_START + "\\-.0-9\\x{B7}\\x{300}-\\x{36F}\\x{203F}-\\x{2040}";

    private final String in;
    private int pos;

    private XsdRegex(String in) {
        this.in = in;
    }

    /**
     * The compiled form of an XML Schema expression, from the cache.
     *
     * @return the pattern (to be used with {@code matches()}), or empty when the expression is invalid
     */
    static Optional<Pattern> compile(String xsd) {
        return CACHE.computeIfAbsent(xsd, XsdRegex::compileNow);
    }

    private static Optional<Pattern> compileNow(String xsd) {
        try {
            return Optional.of(Pattern.compile(translate(xsd)));
        } catch (IllegalArgumentException e) { // includes PatternSyntaxException
            LOG.warn("Ignoring the data-model pattern \"{}\": not a valid XML Schema regular expression ({})",
                    xsd, e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * Translates an XML Schema expression to a {@link java.util.regex.Pattern} expression with the same
     * meaning under {@code matches()}.
     *
     * @throws IllegalArgumentException when the expression is not valid XML Schema
     */
    static String translate(String xsd) {
        XsdRegex t = new XsdRegex(xsd);
        StringBuilder out = new StringBuilder(xsd.length() + 16);
        t.regExp(out, 0);
        return out.toString();
    }

    private IllegalArgumentException error(String what) {
        return new IllegalArgumentException(what + " at index " + pos);
    }

    private boolean more() {
        return pos < in.length();
    }

    private int peek() {
        return in.codePointAt(pos);
    }

    private int next() {
        int c = in.codePointAt(pos);
        pos += Character.charCount(c);
        return c;
    }

    private void regExp(StringBuilder out, int depth) {
        boolean quantifiable = false;
        boolean quantified = false;
        while (more()) {
            int c = peek();
            switch (c) {
                case '|' -> {
                    pos++;
                    out.append('|');
                    quantifiable = false;
                    quantified = false;
                    continue;
                }
                case ')' -> {
                    if (depth == 0) {
                        throw error("unbalanced ')'");
                    }
                    return;
                }
                case '(' -> {
                    pos++;
                    if (more() && peek() == '?') {
                        throw error("'(?' is not XML Schema");
                    }
                    out.append('(');
                    regExp(out, depth + 1);
                    if (!more() || peek() != ')') {
                        throw error("missing ')'");
                    }
                    pos++;
                    out.append(')');
                    quantifiable = true;
                    quantified = false;
                    continue;
                }
                case '?', '*', '+' -> {
                    if (!quantifiable || quantified) {
                        throw error("a quantifier needs something to repeat");
                    }
                    pos++;
                    out.append((char) c);
                    quantified = true;
                    continue;
                }
                case '{' -> {
                    String q = quantifiable && !quantified ? quantity() : null;
                    if (q != null) {
                        out.append(q);
                        quantified = true;
                        continue;
                    }
                    pos++;
                    out.append("\\{");
                }
                case '}' -> {
                    pos++;
                    out.append("\\}");
                }
                case '[' -> {
                    pos++;
                    out.append(charClass());
                }
                case ']' -> {
                    pos++;
                    out.append("\\]");
                }
                case '.' -> {
                    pos++;
                    out.append("[^\\n\\r]");
                }
                case '^', '$' -> {
                    pos++;
                    out.append('\\').append((char) c);
                }
                case '\\' -> {
                    pos++;
                    out.append(escape(false));
                }
                default -> {
                    next();
                    out.appendCodePoint(c);
                }
            }
            quantifiable = true;
            quantified = false;
        }
        if (depth > 0) {
            throw error("missing ')'");
        }
    }

    /** A <code>{n}</code>, <code>{n,}</code> or <code>{n,m}</code> at pos, consumed; null (nothing consumed) if none. */
    private String quantity() {
        int i = pos + 1;
        int digits = 0;
        while (i < in.length() && isDigit(in.charAt(i))) {
            i++;
            digits++;
        }
        if (digits == 0 || i >= in.length()) {
            return null;
        }
        if (in.charAt(i) == ',') {
            i++;
            while (i < in.length() && isDigit(in.charAt(i))) {
                i++;
            }
        }
        if (i >= in.length() || in.charAt(i) != '}') {
            return null;
        }
        String q = in.substring(pos, i + 1);
        pos = i + 1;
        return q;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /**
     * After a backslash: the Java form of the escape. Single-character escapes give a literal (escaped for the
     * context), multi-character and category escapes a class usable both inside and outside brackets.
     */
    private String escape(boolean inClass) {
        if (!more()) {
            throw error("'\\' at the end");
        }
        int c = next();
        switch (c) {
            case 'n':
                return "\\n";
            case 'r':
                return "\\r";
            case 't':
                return "\\t";
            case '\\': case '|': case '.': case '?': case '*': case '+': case '(': case ')':
            case '{': case '}': case '-': case '[': case ']': case '^':
                return "\\" + (char) c;
            case 's':
                return "[ \\t\\n\\r]";
            case 'S':
                return "[^ \\t\\n\\r]";
            case 'd':
                return "\\p{Nd}";
            case 'D':
                return "\\P{Nd}";
            case 'w':
                return "[^\\p{P}\\p{Z}\\p{C}]";
            case 'W':
                return "[\\p{P}\\p{Z}\\p{C}]";
            case 'i':
                return "[" + NAME_START + "]";
            case 'I':
                return "[^" + NAME_START + "]";
            case 'c':
                return "[" + NAME_CHAR + "]";
            case 'C':
                return "[^" + NAME_CHAR + "]";
            case 'p':
            case 'P':
                return property(c == 'P');
            default:
                throw error("unknown escape '\\" + new String(Character.toChars(c)) + "'");
        }
    }

    /** After {@code \p} or {@code \P}: a category or an {@code IsBlock}. */
    private String property(boolean complement) {
        if (!more() || peek() != '{') {
            throw error("'{' expected after \\p");
        }
        int close = in.indexOf('}', pos);
        if (close < 0) {
            throw error("missing '}'");
        }
        String name = in.substring(pos + 1, close);
        pos = close + 1;
        String prop;
        if (name.startsWith("Is") && name.length() > 2) {
            prop = "In" + name.substring(2);
        } else if (name.matches("[A-Z][a-z]?")) {
            prop = name;
        } else {
            throw error("unknown character property '" + name + "'");
        }
        return (complement ? "\\P{" : "\\p{") + prop + "}";
    }

    /** After '[': a whole character class (to its ']') as a Java class. */
    private String charClass() {
        boolean negative = false;
        if (more() && peek() == '^') {
            pos++;
            negative = true;
        }
        StringBuilder items = new StringBuilder();
        boolean first = true;
        while (true) {
            if (!more()) {
                throw error("missing ']'");
            }
            int c = peek();
            if (c == ']') {
                if (first) {
                    throw error("empty character class");
                }
                pos++;
                return "[" + (negative ? "^" : "") + items + "]";
            }
            if (c == '-') {
                if (pos + 1 < in.length() && in.charAt(pos + 1) == '[') {
                    if (first) {
                        throw error("nothing to subtract from");
                    }
                    pos += 2;
                    String subtracted = charClass();
                    if (!more() || peek() != ']') {
                        throw error("a subtraction ends the character class");
                    }
                    pos++;
                    return "[[" + (negative ? "^" : "") + items + "]&&[^" + subtracted + "]]";
                }
                if (first || (pos + 1 < in.length() && in.charAt(pos + 1) == ']')) {
                    pos++;
                    items.append("\\-");
                    first = false;
                    continue;
                }
                throw error("'-' inside a character class must be escaped");
            }
            if (c == '[') {
                throw error("'[' inside a character class must be escaped");
            }
            int start;
            if (c == '\\') {
                pos++;
                String e = escape(true);
                if (!isSingleCharEscape(e)) {
                    items.append(e);
                    first = false;
                    continue;
                }
                start = singleCharOf(e);
            } else {
                start = next();
            }
            if (more() && peek() == '-' && pos + 1 < in.length() && in.charAt(pos + 1) != '['
                    && in.charAt(pos + 1) != ']') {
                pos++;
                int end;
                int d = peek();
                if (d == '\\') {
                    pos++;
                    String e = escape(true);
                    if (!isSingleCharEscape(e)) {
                        throw error("a range ends in a single character");
                    }
                    end = singleCharOf(e);
                } else if (d == '[') {
                    throw error("'[' inside a character class must be escaped");
                } else {
                    end = next();
                }
                if (end < start) {
                    throw error("range out of order");
                }
                appendClassChar(items, start);
                items.append('-');
                appendClassChar(items, end);
            } else {
                appendClassChar(items, start);
            }
            first = false;
        }
    }

    private static boolean isSingleCharEscape(String javaEscape) {
        return javaEscape.length() == 2;
    }

    private static int singleCharOf(String javaEscape) {
        switch (javaEscape.charAt(1)) {
            case 'n':
                return '\n';
            case 'r':
                return '\r';
            case 't':
                return '\t';
            default:
                return javaEscape.charAt(1);
        }
    }

    private static void appendClassChar(StringBuilder out, int c) {
        switch (c) {
            case '\\', '[', ']', '^', '-', '&' -> out.append('\\').append((char) c);
            case '\n' -> out.append("\\n");
            case '\r' -> out.append("\\r");
            case '\t' -> out.append("\\t");
            default -> out.appendCodePoint(c);
        }
    }
}
