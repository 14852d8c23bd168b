package io.usp4j.datamodel.schema;

import java.util.Objects;
import java.util.Optional;

/**
 * The default value of a parameter ({@code <default type value>}).
 *
 * @param kind when the default applies
 * @param value the value in its string form
 */
public record DefaultValue(Kind kind, String value) {
    /** When a default applies, from TR-106. */
    public enum Kind {
        /** The value a new instance of the object starts with. */
        OBJECT("object"),
        /** The value after a factory reset. */
        FACTORY("factory"),
        /** A typical value an implementation is expected to use. */
        IMPLEMENTATION("implementation"),
        /** An argument's value when the Controller leaves it out. */
        PARAMETER("parameter");

        private final String xmlName;

        Kind(String xmlName) {
            this.xmlName = xmlName;
        }

        /** The value of the {@code type} attribute. */
        public String xmlName() {
            return xmlName;
        }

        /**
         * Looks a kind up by its attribute value.
         *
         * @return the kind, or empty when unknown
         */
        public static Optional<Kind> ofXmlName(String name) {
            for (Kind k : values()) {
                if (k.xmlName.equals(name)) {
                    return Optional.of(k);
                }
            }
            return Optional.empty();
        }
    }

    /** Checks for nulls. */
    public DefaultValue {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(value, "value");
    }
}
