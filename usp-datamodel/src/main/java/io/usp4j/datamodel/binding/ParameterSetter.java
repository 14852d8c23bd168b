package io.usp4j.datamodel.binding;

/**
 * Writes one parameter's value to firmware when a transaction commits. The value has already passed type
 * and constraint validation and is in canonical lexical form ({@code true}, {@code 42},
 * {@code 2026-12-01T10:00:00Z}).
 *
 * <p>If a later step of the same transaction fails, the setter is called again with the previous value to
 * roll back.
 */
@FunctionalInterface
public interface ParameterSetter {

    /**
     * Writes the value.
     *
     * @param instance the object the parameter belongs to
     * @param value the new value, canonical
     * @throws Exception when firmware refuses; a {@link io.usp4j.core.error.UspException} keeps its error
     *     code, any other exception fails the object with 7020 (Object could not be updated)
     */
    void set(ObjectInstance instance, String value) throws Exception;
}
