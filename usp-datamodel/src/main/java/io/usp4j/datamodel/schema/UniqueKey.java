package io.usp4j.datamodel.schema;

import java.util.List;

/**
 * A set of parameters whose values together identify an instance of a table ({@code <uniqueKey>}).
 *
 * @param parameters the parameter names, relative to the table, in document order
 * @param functional true for a functional key (defined by the device's function, e.g. a MAC address),
 *     false for a non-functional one (typically {@code Alias}), which a Controller may set
 */
public record UniqueKey(List<String> parameters, boolean functional) {
    /**
     * Copies the names.
     *
     * @throws IllegalArgumentException when there are no parameters
     */
    public UniqueKey {
        parameters = List.copyOf(parameters);
        if (parameters.isEmpty()) {
            throw new IllegalArgumentException("a unique key needs at least one parameter");
        }
    }

    /** A functional key over the given parameters. */
    public static UniqueKey functional(String... parameters) {
        return new UniqueKey(List.of(parameters), true);
    }

    /** A non-functional key over the given parameters. */
    public static UniqueKey nonFunctional(String... parameters) {
        return new UniqueKey(List.of(parameters), false);
    }
}
