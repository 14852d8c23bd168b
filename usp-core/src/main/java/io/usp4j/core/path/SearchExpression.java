package io.usp4j.core.path;

import java.util.List;

/**
 * The inside of {@code [...]}: one or more {@link Comparison}s joined by {@code &&} (USP has no OR).
 *
 * @param terms the comparisons in the order written; never empty
 */
public record SearchExpression(List<Comparison> terms) {
    /** @throws IllegalArgumentException when there is no term */
    public SearchExpression {
        terms = List.copyOf(terms);
        if (terms.isEmpty()) {
            throw new IllegalArgumentException("a search expression has at least one term");
        }
    }

    /** A search expression of the given terms. */
    public static SearchExpression of(Comparison... terms) {
        return new SearchExpression(List.of(terms));
    }

    /** The expression as written in a path, brackets included: {@code [Enable==true&&Alias=="a"]}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(32);
        PathParser.appendExpression(sb, this);
        return sb.toString();
    }
}
