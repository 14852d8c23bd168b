package io.usp4j.core.path.resolve;

import java.util.List;

/**
 * What a path resolved to.
 *
 * <p>The caller decides what an empty result means: for a {@link #searchPath() search path} it is a valid,
 * empty success (R-GET.1a, R-MSG.4a); for an addressing path ({@link #addressedElementMissing()}) the
 * addressed element does not exist in the Instantiated Data Model, which Get reports as 7026 (R-GET.0) and
 * Set, Delete, Operate and the others as 7016.
 *
 * @param paths the resolved elements, without duplicates, in instance-number order (depth first, ordered by
 *     instance number at each level)
 * @param searchPath true when the path contains a wildcard, a search expression that is not a unique-key
 *     address, or a {@code #*+} reference follow (see {@link PathResolver} for the rules)
 */
public record Resolution(List<ResolvedPath> paths, boolean searchPath) {

    public Resolution {
        paths = List.copyOf(paths);
    }

    /** True when an addressing (non-search) path matched nothing: the addressed element does not exist. */
    public boolean addressedElementMissing() {
        return !searchPath && paths.isEmpty();
    }
}
