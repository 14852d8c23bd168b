package io.usp4j.datamodel.schema;

import java.util.List;
import java.util.Optional;

/**
 * An object inside command arguments or event arguments, e.g. {@code Result.{i}.} of an output. Nested
 * objects are separate definitions with longer relative paths ({@code ScanResult.{i}.OpClassScan.{i}.}).
 *
 * @param path the path relative to the command or event, ending in {@code .}
 * @param minEntries the fewest instances
 * @param maxEntries the most instances, or {@link ObjectDef#UNBOUNDED}
 * @param parameters the argument parameters of the object, in document order
 */
public record ArgumentObjectDef(String path, long minEntries, long maxEntries, List<ParameterDef> parameters) {
    /**
     * Checks the path and copies the parameters.
     *
     * @throws IllegalArgumentException when the path is not a relative object path or the counts are bad
     */
    public ArgumentObjectDef {
        Names.requireObjectPath(path);
        if (minEntries < 0 || maxEntries < minEntries) {
            throw new IllegalArgumentException("bad entry range [" + minEntries + ", " + maxEntries + "] of " + path);
        }
        parameters = List.copyOf(parameters);
    }

    /** True when the path ends in {@code {i}.}. */
    public boolean isMultiInstance() {
        return path.endsWith("{i}.");
    }

    /** The parameter of this object with the given name. */
    public Optional<ParameterDef> parameter(String name) {
        for (ParameterDef p : parameters) {
            if (p.name().equals(name)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
