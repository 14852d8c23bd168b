package io.usp4j.datamodel.schema;

import java.util.List;
import java.util.Optional;

/**
 * The input or output arguments of a command, or the arguments of an event: parameters directly under the
 * command or event, and argument objects with their own parameters.
 *
 * @param parameters the top-level argument parameters, in document order
 * @param objects the argument objects, in document order
 */
public record Arguments(List<ParameterDef> parameters, List<ArgumentObjectDef> objects) {
    /** No arguments. */
    public static final Arguments NONE = new Arguments(List.of(), List.of());

    /** Copies the lists. */
    public Arguments {
        parameters = List.copyOf(parameters);
        objects = List.copyOf(objects);
    }

    /** Arguments made of top-level parameters only. */
    public static Arguments of(ParameterDef... parameters) {
        return new Arguments(List.of(parameters), List.of());
    }

    /** True when there are no arguments. */
    public boolean isEmpty() {
        return parameters.isEmpty() && objects.isEmpty();
    }

    /** The top-level argument parameter with the given name. */
    public Optional<ParameterDef> parameter(String name) {
        for (ParameterDef p : parameters) {
            if (p.name().equals(name)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** The argument object with the given relative path ({@code Result.{i}.}). */
    public Optional<ArgumentObjectDef> object(String path) {
        for (ArgumentObjectDef o : objects) {
            if (o.path().equals(path)) {
                return Optional.of(o);
            }
        }
        return Optional.empty();
    }
}
