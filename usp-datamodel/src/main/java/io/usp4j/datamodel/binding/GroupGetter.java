package io.usp4j.datamodel.binding;

import java.util.Map;

/**
 * Reads several parameters of one object with one firmware call (a driver's statistics block, a status
 * structure). Within one read of the data model (one {@code ModelView}) the call is made at most once per
 * object, however many of its parameters are read.
 */
@FunctionalInterface
public interface GroupGetter {

    /**
     * Reads the values.
     *
     * @param instance the object the parameters belong to
     * @return the values by parameter name, each of a form {@link ParameterGetter} accepts; a parameter of
     *     the group missing from the map has no value
     * @throws Exception when firmware cannot be read; the data model reports an internal error (7003)
     */
    Map<String, ?> get(ObjectInstance instance) throws Exception;
}
