package io.usp4j.datamodel.binding;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a transaction does to one object: creates it, updates some of its parameters, or deletes it.
 *
 * @param kind the kind of change
 * @param instance the object, seeing the transaction's staged values
 * @param values (in schema order) for {@link Kind#ADD}: every parameter value of the new object that the library stores or
 *     the Controller supplied; for {@link Kind#UPDATE}: the new values of the changed parameters; for
 *     {@link Kind#DELETE}: empty
 * @param previous for {@link Kind#UPDATE}: the values the changed parameters had before; otherwise empty
 */
public record ObjectChange(Kind kind, ObjectInstance instance, Map<String, String> values, Map<String, String> previous) {

    /** The kinds of change. */
    public enum Kind {
        /** The object is being created (Add). */
        ADD,
        /** Parameters of an existing object are being changed (Set, or an Add's key assignment). */
        UPDATE,
        /** The object is being deleted (Delete, or deletion of an ancestor). */
        DELETE
    }

    public ObjectChange {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(instance, "instance");
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        previous = Collections.unmodifiableMap(new LinkedHashMap<>(previous));
    }
}
