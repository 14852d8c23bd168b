package io.usp4j.core.path;

import java.util.List;

/**
 * The inside of {@code [...]}: one or more {@link Comparison}s joined by {@code &&} (USP has no OR).
 *
 * @param terms the comparisons in the order written; never empty
 */
public record SearchExpression(List<Comparison> terms) {}
