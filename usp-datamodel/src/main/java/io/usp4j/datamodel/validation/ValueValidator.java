package io.usp4j.datamodel.validation;

import io.usp4j.core.value.InvalidTypeException;
import io.usp4j.core.value.Value;
import io.usp4j.core.value.ValueType;
import io.usp4j.datamodel.schema.EnumerationValue;
import io.usp4j.datamodel.schema.ListFacet;
import io.usp4j.datamodel.schema.NumericRange;
import io.usp4j.datamodel.schema.PathReference;
import io.usp4j.datamodel.schema.SizeRange;
import io.usp4j.datamodel.schema.Syntax;
import io.usp4j.datamodel.validation.ValueRejectedException.Rule;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Checks a value a Controller writes (a Set, an Add, or a command's input argument) against the
 * {@link Syntax} of its parameter, and gives the canonical form to store.
 *
 * <p>A value is first read as its TR-106 type ({@link ValueType#parse}); text that is not a lexical form of
 * the type fails with 7011 (Invalid type). Then the facets are checked, each failure being 7012 (Invalid
 * value):
 * <ul>
 *   <li><b>ranges</b> (numeric types): the value must lie in at least one range, and on its step;</li>
 *   <li><b>sizes</b>: the length in characters (Unicode code points) of a string, or the number of decoded
 *       bytes of a base64 or hexBinary value, must fit at least one size; sizes on other types are ignored;</li>
 *   <li><b>enumerations</b>: the value must equal one allowed value (exactly, for strings; by canonical form for
 *       other types);</li>
 *   <li><b>patterns</b>: the whole value must match at least one XML Schema expression (see {@link XsdRegex};
 *       the empty pattern admits the empty string); strings are matched as written, other types in canonical
 *       form. Enumerations and patterns, when both are present, must both be satisfied (XML Schema rules);</li>
 *   <li><b>path references</b> ({@code pathRef}): the value must be empty or a path to one object
 *       ({@link io.usp4j.core.path.PathName#parseReference}), written with instance numbers or unique keys
 *       (wildcards, reference following and searches with operators other than {@code ==} are refused); a
 *       {@code row} target must end in an instance, a {@code table}, {@code single} or {@code parameter} target
 *       in a name; and when target parents are given, the path (instance selectors read as {@code {i}}) must
 *       be directly below one of them. Whether the target exists is not checked here (the caller knows the
 *       instantiated model). Key-based references are kept as written for the caller to resolve
 *       (R-ARC.11). {@code instanceRef} values are checked as integers only;</li>
 *   <li><b>Alias</b> (named data type {@code Alias}): not empty, and starting with a letter
 *       ({@link Character#isLetter(int)}), as TR-181 requires.</li>
 * </ul>
 * A list-valued syntax is split with {@link ValueType#splitList} (whitespace around items dropped; the empty
 * string is the empty list) and every item is checked as above; then the item count must respect the list
 * facet's {@code minItems}/{@code maxItems}, and the length of the canonical list string its sizes. With
 * {@code nestedBrackets} {@code required} or {@code permitted}, items are bracketed sub-lists
 * ({@code [1,2],[3,4]}) whose elements are checked as items; an unbracketed item where brackets are required,
 * or unbalanced brackets, is 7011.
 *
 * <p>Not checked: {@code enumerationRef} (the allowed values are another parameter's current value, a
 * run-time matter for the caller); the secured and hidden flags (they only keep rejected values of such
 * parameters out of the messages).
 *
 * <p><b>Relative target parents.</b> TR-106 documents write {@code targetParent} relative to the parameter:
 * {@code .IP.Interface.} (from the root object), {@code ##.IP.Interface.} (each {@code #} one level up from the
 * parameter's object; a table instance {@code X.{i}.} is one level, and a command or event is a level of its
 * own for its arguments) or {@code Role.} (below the parameter's object). {@link #check(String, Syntax, String)}
 * resolves them from the parameter path, which must then be the full path ({@code Device.NAT.PortMapping.1.Interface},
 * or {@code Device.IP.Diagnostics.IPPing().Interface} for an argument). Without a path they are checked as
 * suffixes ({@code ##.IP.Interface.} accepts any {@code ...IP.Interface.{i}.}), which never refuses a right
 * value but may let a wrong one through.
 *
 * <p><b>Booleans.</b> {@code true}, {@code false}, {@code 1} and {@code 0} are accepted, case-sensitively,
 * as XML Schema defines them: {@code True} or {@code TRUE} is 7011.
 *
 * <p>Stateless and thread-safe; compiled patterns are cached for the life of the class.
 */
public final class ValueValidator {
    private static final int SHOWN_ENUMERATIONS = 8;
    private static final int SHOWN_CHARS = 64;

    private ValueValidator() {}

    /**
     * Checks text against the syntax and returns the canonical lexical form to store: booleans {@code true} or
     * {@code false}, numbers without {@code +} or leading zeros (decimals without trailing fraction zeros),
     * dateTime as {@link ValueType#canonical}, base64 without whitespace, hexBinary in upper case, list items
     * canonicalised and joined with {@code ,}; strings (and path references) as written.
     *
     * @param syntax the parameter's syntax
     * @param text the value as the Controller wrote it
     * @return the canonical form
     * @throws ValueRejectedException with {@code INVALID_TYPE} (7011) when the text (or a list item) does not
     *     parse as the type, {@code INVALID_VALUE} (7012) when it parses but breaks a constraint
     * @throws NullPointerException when syntax or text is null
     */
    public static String check(Syntax syntax, String text) {
        return check(null, syntax, text);
    }

    /**
     * As {@link #check(Syntax, String)}, naming the parameter in the message
     * ({@code Device.X.Port: 70000 is above the maximum 65535}) and resolving relative reference target
     * parents from it.
     *
     * @param parameterPath the full path of the parameter or argument written, or {@code null} when unknown
     * @param syntax the parameter's syntax
     * @param text the value as the Controller wrote it
     * @return the canonical form
     * @throws ValueRejectedException with {@code INVALID_TYPE} (7011) when the text (or a list item) does not
     *     parse as the type, {@code INVALID_VALUE} (7012) when it parses but breaks a constraint
     * @throws NullPointerException when syntax or text is null
     */
    public static String check(String parameterPath, Syntax syntax, String text) {
        Objects.requireNonNull(syntax, "syntax");
        Objects.requireNonNull(text, "text");
        Check c = new Check(parameterPath, syntax);
        return syntax.list().isPresent() ? c.list(syntax.list().get(), text) : c.scalar(text);
    }

    /** One item (or element of a bracketed item) read as the type. */
    private record Leaf(String label, String text, Value value, String canonical) {}

    /** The state of one call. */
    private static final class Check {
        private final String path;
        private final Syntax syntax;
        private final ValueType type;
        private final boolean conceal;

        Check(String path, Syntax syntax) {
            this.path = path;
            this.syntax = syntax;
            this.type = syntax.type();
            this.conceal = syntax.secured() || syntax.hidden();
        }

        String scalar(String text) {
            Leaf leaf = read(null, text);
            constrain(leaf);
            return leaf.canonical;
        }

        String list(ListFacet facet, String text) {
            List<Leaf> leaves = new ArrayList<>();
            StringBuilder canonical = new StringBuilder(text.length());
            int count;
            if (facet.nestedBrackets() == ListFacet.NestedBrackets.LEGAL) {
                List<String> items = ValueType.splitList(text);
                count = items.size();
                for (int i = 0; i < items.size(); i++) {
                    Leaf leaf = read("item " + (i + 1), items.get(i));
                    leaves.add(leaf);
                    canonical.append(i > 0 ? "," : "").append(leaf.canonical);
                }
            } else {
                List<String> items = splitBracketed(text);
                count = items.size();
                for (int i = 0; i < items.size(); i++) {
                    String item = items.get(i);
                    String label = "item " + (i + 1);
                    canonical.append(i > 0 ? "," : "");
                    if (item.length() >= 2 && item.charAt(0) == '[' && item.charAt(item.length() - 1) == ']') {
                        List<String> inner = ValueType.splitList(item.substring(1, item.length() - 1));
                        canonical.append('[');
                        for (int j = 0; j < inner.size(); j++) {
                            Leaf leaf = read(label + "." + (j + 1), inner.get(j));
                            leaves.add(leaf);
                            canonical.append(j > 0 ? "," : "").append(leaf.canonical);
                        }
                        canonical.append(']');
                    } else if (facet.nestedBrackets() == ListFacet.NestedBrackets.REQUIRED) {
                        throw reject(Rule.TYPE, label + " " + show(item) + " is not enclosed in [ ]", null);
                    } else {
                        Leaf leaf = read(label, item);
                        leaves.add(leaf);
                        canonical.append(leaf.canonical);
                    }
                }
            }
            if (count < facet.minItems()) {
                throw reject(Rule.LIST_ITEMS, count + " item" + (count == 1 ? "" : "s")
                        + ", fewer than the minimum " + facet.minItems(), null);
            }
            if (count > facet.maxItems()) {
                throw reject(Rule.LIST_ITEMS, count + " items, more than the maximum " + facet.maxItems(), null);
            }
            String result = canonical.toString();
            String tooLong = sizeProblem(facet.sizes(), result.codePointCount(0, result.length()), "list length ", "");
            if (tooLong != null) {
                throw reject(Rule.LIST_SIZE, tooLong, null);
            }
            for (Leaf leaf : leaves) {
                constrain(leaf);
            }
            return result;
        }

        /** Splits at commas outside brackets; items are stripped. */
        private List<String> splitBracketed(String text) {
            if (text.isBlank()) {
                return List.of();
            }
            List<String> items = new ArrayList<>();
            int depth = 0;
            int start = 0;
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '[') {
                    depth++;
                } else if (c == ']') {
                    if (--depth < 0) {
                        throw reject(Rule.TYPE, "unbalanced ']' at index " + i + " of the list", null);
                    }
                } else if (c == ',' && depth == 0) {
                    items.add(text.substring(start, i).strip());
                    start = i + 1;
                }
            }
            if (depth != 0) {
                throw reject(Rule.TYPE, "unbalanced '[' in the list", null);
            }
            items.add(text.substring(start).strip());
            return items;
        }

        /** Reads one value as the type: 7011 on failure. */
        private Leaf read(String label, String text) {
            Value value;
            try {
                value = type.parse(text);
            } catch (InvalidTypeException e) {
                String reason = conceal ? "the value is not a valid " + type.xmlName() : e.getMessage();
                throw reject(Rule.TYPE, label == null ? reason : label + ": " + reason, e);
            }
            return new Leaf(label, text, value, type == ValueType.STRING ? text : value.toString());
        }

        /** The facets of one item: 7012 on failure. */
        private void constrain(Leaf leaf) {
            if (syntax.dataType().filter("Alias"::equals).isPresent()) {
                checkAlias(leaf);
            }
            if (type.isNumeric() && !syntax.ranges().isEmpty()) {
                checkRanges(leaf);
            }
            if (!syntax.sizes().isEmpty()) {
                if (type == ValueType.STRING) {
                    checkItemSize(leaf, leaf.text.codePointCount(0, leaf.text.length()), "length ", "");
                } else if (type == ValueType.BASE64 || type == ValueType.HEX_BINARY) {
                    checkItemSize(leaf, leaf.value.asBytes().length, "decoded length ", " bytes");
                }
            }
            if (!syntax.enumerations().isEmpty()) {
                checkEnumerations(leaf);
            }
            if (!syntax.patterns().isEmpty()) {
                checkPatterns(leaf);
            }
            syntax.reference().ifPresent(ref -> {
                if (type == ValueType.STRING && ref.form() == PathReference.Form.PATH) {
                    Optional<String> problem = References.check(ref, path, leaf.text);
                    if (problem.isPresent()) {
                        throw reject(Rule.REFERENCE, prefix(leaf) + show(leaf.text) + " " + problem.get(), null);
                    }
                }
            });
        }

        private void checkAlias(Leaf leaf) {
            if (leaf.text.isEmpty()) {
                throw reject(Rule.ALIAS, prefix(leaf) + "an Alias must not be empty", null);
            }
            if (!Character.isLetter(leaf.text.codePointAt(0))) {
                throw reject(Rule.ALIAS, prefix(leaf) + "an Alias must start with a letter"
                        + (conceal ? "" : ", not " + quote(new String(Character.toChars(leaf.text.codePointAt(0))))),
                        null);
            }
        }

        private void checkRanges(Leaf leaf) {
            BigDecimal v = leaf.value.asDecimal();
            List<NumericRange> ranges = syntax.ranges();
            for (NumericRange r : ranges) {
                if (r.contains(v)) {
                    return;
                }
            }
            String shown = conceal ? "the value" : leaf.canonical;
            String reason;
            if (ranges.size() == 1) {
                NumericRange r = ranges.get(0);
                if (r.minInclusive() != null && v.compareTo(r.minInclusive()) < 0) {
                    reason = shown + " is below the minimum " + r.minInclusive().toPlainString();
                } else if (r.maxInclusive() != null && v.compareTo(r.maxInclusive()) > 0) {
                    reason = shown + " is above the maximum " + r.maxInclusive().toPlainString();
                } else {
                    reason = shown + " is not " + (r.minInclusive() == null ? "" : r.minInclusive().toPlainString()
                            + " plus ") + "a multiple of the step " + r.step().toPlainString();
                }
            } else {
                StringBuilder sb = new StringBuilder(shown).append(" is outside the allowed ranges ");
                for (int i = 0; i < ranges.size(); i++) {
                    sb.append(i > 0 ? ", " : "").append(describe(ranges.get(i)));
                }
                reason = sb.toString();
            }
            throw reject(Rule.RANGE, prefix(leaf) + reason, null);
        }

        private static String describe(NumericRange r) {
            String s = (r.minInclusive() == null ? "" : r.minInclusive().toPlainString()) + ".."
                    + (r.maxInclusive() == null ? "" : r.maxInclusive().toPlainString());
            return r.step() == null ? s : s + " step " + r.step().toPlainString();
        }

        private void checkItemSize(Leaf leaf, long length, String what, String unit) {
            String problem = sizeProblem(syntax.sizes(), length, what, unit);
            if (problem != null) {
                throw reject(Rule.SIZE, prefix(leaf) + problem, null);
            }
        }

        /** Why the length fits none of the sizes, or null when it fits one (or there are none). */
        private static String sizeProblem(List<SizeRange> sizes, long length, String what, String unit) {
            if (sizes.isEmpty()) {
                return null;
            }
            for (SizeRange s : sizes) {
                if (s.contains(length)) {
                    return null;
                }
            }
            String reason;
            if (sizes.size() == 1) {
                SizeRange s = sizes.get(0);
                reason = length < s.minLength()
                        ? what + length + unit + " is below the minimum " + s.minLength()
                        : what + length + unit + " is above the maximum " + s.maxLength();
            } else {
                StringBuilder sb = new StringBuilder(what).append(length).append(unit)
                        .append(" is outside the allowed sizes ");
                for (int i = 0; i < sizes.size(); i++) {
                    SizeRange s = sizes.get(i);
                    sb.append(i > 0 ? ", " : "").append(s.minLength()).append("..")
                            .append(s.hasMax() ? Long.toString(s.maxLength()) : "");
                }
                reason = sb.toString();
            }
            return reason;
        }

        private void checkEnumerations(Leaf leaf) {
            List<EnumerationValue> allowed = syntax.enumerations();
            for (EnumerationValue e : allowed) {
                if (type == ValueType.STRING ? e.value().equals(leaf.text) : sameValue(e.value(), leaf.canonical)) {
                    return;
                }
            }
            StringBuilder sb = new StringBuilder(prefix(leaf)).append(show(leaf.text))
                    .append(" is not one of the allowed values (");
            for (int i = 0; i < allowed.size() && i < SHOWN_ENUMERATIONS; i++) {
                sb.append(i > 0 ? ", " : "").append(allowed.get(i).value());
            }
            sb.append(allowed.size() > SHOWN_ENUMERATIONS ? ", ...)" : ")");
            throw reject(Rule.ENUMERATION, sb.toString(), null);
        }

        private boolean sameValue(String enumerated, String canonical) {
            try {
                return type.canonical(enumerated).equals(canonical);
            } catch (InvalidTypeException e) {
                return false;
            }
        }

        private void checkPatterns(Leaf leaf) {
            String subject = type == ValueType.STRING ? leaf.text : leaf.canonical;
            boolean anyValid = false;
            for (String p : syntax.patterns()) {
                Optional<Pattern> compiled = XsdRegex.compile(p);
                if (compiled.isPresent()) {
                    anyValid = true;
                    if (compiled.get().matcher(subject).matches()) {
                        return;
                    }
                }
            }
            if (!anyValid) {
                return; // every pattern is broken: already logged, and no reason to refuse everything
            }
            List<String> patterns = syntax.patterns();
            String reason = show(subject) + (patterns.size() == 1
                    ? " does not match the pattern " + quote(patterns.get(0))
                    : " matches none of the " + patterns.size() + " allowed patterns");
            throw reject(Rule.PATTERN, prefix(leaf) + reason, null);
        }

        private String prefix(Leaf leaf) {
            return leaf.label == null ? "" : leaf.label + ": ";
        }

        /** The value quoted for a message, or "the value" for secured and hidden parameters. */
        private String show(String s) {
            return conceal ? "the value" : quote(s);
        }

        private static String quote(String s) {
            return "\"" + (s.length() > SHOWN_CHARS ? s.substring(0, SHOWN_CHARS - 3) + "..." : s) + "\"";
        }

        private ValueRejectedException reject(Rule rule, String reason, Throwable cause) {
            return new ValueRejectedException(rule, path, reason, cause);
        }
    }
}
