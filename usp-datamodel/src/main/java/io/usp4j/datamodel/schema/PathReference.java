package io.usp4j.datamodel.schema;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Says that a string holds a reference to another part of the data model ({@code <pathRef>}), or that an
 * integer holds an instance number of a table ({@code <instanceRef>}).
 *
 * @param form whether the value is a path name or an instance number
 * @param refType what happens when the target is deleted
 * @param targetParents the objects the target must be a child of (supported paths as written in the
 *     document, possibly relative); empty for anywhere
 * @param targetType what kind of item the target must be
 * @param targetDataType for parameter targets, the data type they must have ({@code any} when unrestricted)
 */
public record PathReference(
        Form form, RefType refType, List<String> targetParents, TargetType targetType, String targetDataType) {

    /** How the reference is written. */
    public enum Form {
        /** A path name ({@code pathRef}). */
        PATH,
        /** An instance number of the {@code targetParents} table ({@code instanceRef}). */
        INSTANCE
    }

    /** What a deletion of the target does to the reference. */
    public enum RefType {
        /** The reference is cleared (set to empty, or -1 for instance references) when the target goes away. */
        STRONG("strong"),
        /** The reference may dangle. */
        WEAK("weak");

        private final String xmlName;

        RefType(String xmlName) {
            this.xmlName = xmlName;
        }

        /** The value of the {@code refType} attribute. */
        public String xmlName() {
            return xmlName;
        }

        /**
         * Looks a type up by its attribute value.
         *
         * @return the type, or empty when unknown
         */
        public static Optional<RefType> ofXmlName(String name) {
            for (RefType r : values()) {
                if (r.xmlName.equals(name)) {
                    return Optional.of(r);
                }
            }
            return Optional.empty();
        }
    }

    /** What kind of item the target must be. */
    public enum TargetType {
        /** Any parameter or object. */
        ANY("any"),
        /** A parameter. */
        PARAMETER("parameter"),
        /** Any object. */
        OBJECT("object"),
        /** A single-instance object. */
        SINGLE("single"),
        /** A table (multi-instance object) itself. */
        TABLE("table"),
        /** An instance (row) of a table. */
        ROW("row");

        private final String xmlName;

        TargetType(String xmlName) {
            this.xmlName = xmlName;
        }

        /** The value of the {@code targetType} attribute. */
        public String xmlName() {
            return xmlName;
        }

        /**
         * Looks a type up by its attribute value.
         *
         * @return the type, or empty when unknown
         */
        public static Optional<TargetType> ofXmlName(String name) {
            for (TargetType t : values()) {
                if (t.xmlName.equals(name)) {
                    return Optional.of(t);
                }
            }
            return Optional.empty();
        }
    }

    /** Checks for nulls and copies the parents. */
    public PathReference {
        Objects.requireNonNull(form, "form");
        Objects.requireNonNull(refType, "refType");
        Objects.requireNonNull(targetType, "targetType");
        Objects.requireNonNull(targetDataType, "targetDataType");
        targetParents = List.copyOf(targetParents);
    }

    /** A path reference to rows of the given tables (the common case for TR-181 "Interface" parameters). */
    public static PathReference toRows(RefType refType, String... targetParents) {
        return new PathReference(Form.PATH, refType, List.of(targetParents), TargetType.ROW, "any");
    }
}
