package io.usp4j.datamodel.binding;

/**
 * Reads one parameter's value from firmware each time the data model needs it.
 *
 * <p>The result may be a {@link String} in TR-106 lexical form, a {@link Boolean}, any {@link Number}, a
 * {@link java.time.Instant}, a {@code byte[]} (for base64 and hexBinary), a {@link java.util.Collection} of
 * those (for list-valued parameters), or a {@link io.usp4j.core.value.DateTime}; the library formats it for
 * the parameter's type. Returning null reports the parameter as having no value (omitted from Get).
 */
@FunctionalInterface
public interface ParameterGetter {

    /**
     * Reads the value.
     *
     * @param instance the object the parameter belongs to
     * @return the value, or null for none
     * @throws Exception when firmware cannot be read; the data model reports an internal error (7003)
     */
    Object get(ObjectInstance instance) throws Exception;
}
