package io.usp4j.core.path.resolve;

import java.util.List;

/**
 * What the Supported Data Model says about one object: the elements it contains and, for a table's rows,
 * its unique keys. One instance describes every instance of the object, so a data model builds these once
 * when it loads its schema.
 *
 * <p>Implementations must be safe for concurrent reads; the resolver never modifies them.
 */
public interface SupportedObject {

    /**
     * The child element called {@code name}: a sub-object or table, a parameter, a command or an event.
     *
     * @param name an element name as written in a path ({@code Stats}, {@code Enable}, {@code Reset},
     *     {@code Boot}) without {@code ()} or {@code !}
     * @return the element, or null when the Supported Data Model has none of that name
     */
    SupportedElement element(String name);

    /**
     * The unique key sets of a table's rows (each a set of parameter names, e.g. {@code [[Alias],
     * [Recipient, ID]]}), in any order; empty for a single-instance object or a table without keys.
     */
    default List<List<String>> uniqueKeySets() {
        return List.of();
    }
}
