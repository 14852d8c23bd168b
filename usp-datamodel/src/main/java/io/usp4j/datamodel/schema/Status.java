package io.usp4j.datamodel.schema;

import java.util.Optional;

/**
 * The life-cycle status TR-106 gives a definition ({@code status} attribute of data-model documents).
 */
public enum Status {
    /** In force (the default when a document gives no status). */
    CURRENT("current"),
    /** Still defined, but expected to become obsoleted; agents may keep implementing it. */
    DEPRECATED("deprecated"),
    /** Kept for existing implementations only; new implementations should not implement it. */
    OBSOLETED("obsoleted"),
    /** Removed from the standard; documents keep it only for history and agents must not implement it. */
    DELETED("deleted");

    private final String xmlName;

    Status(String xmlName) {
        this.xmlName = xmlName;
    }

    /** The value of the {@code status} attribute. */
    public String xmlName() {
        return xmlName;
    }

    /**
     * Looks a status up by its attribute value.
     *
     * @return the status, or empty when the value is not a TR-106 status
     */
    public static Optional<Status> ofXmlName(String name) {
        for (Status s : values()) {
            if (s.xmlName.equals(name)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
