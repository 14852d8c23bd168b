package io.usp4j.core.path;

import java.util.Objects;

/**
 * One step of a {@link PathName}: a name, or what selects instances of the table named by the step before
 * it, or a reference to follow. The dots between steps are not segments.
 *
 * <p>{@code Device.NAT.PortMapping.[Enable==true].Interface+.Name} is
 * {@code Name(Device) Name(NAT) Name(PortMapping) Search([Enable==true]) ReferenceFollow(Interface) Name(Name)}.
 *
 * <p>The constructors check their components and throw {@link IllegalArgumentException} (or
 * {@link NullPointerException}) for values no path could hold, so every segment can be written back as text.
 */
public sealed interface PathSegment
        permits PathSegment.Name,
                PathSegment.InstanceNumber,
                PathSegment.Wildcard,
                PathSegment.Search,
                PathSegment.ReferenceFollow,
                PathSegment.Placeholder {

    /** Whether this segment picks instances of a table: an instance number, {@code *}, {@code [...]} or {@code {i}}. */
    default boolean isInstanceSelector() {
        return !(this instanceof Name) && !(this instanceof ReferenceFollow);
    }

    /**
     * An object, parameter, command or event name: {@code [A-Za-z_][A-Za-z_0-9-]*}. The hyphen (not in the
     * TR-369 BNF) is accepted because TR-106 vendor prefixes built from domain names contain it
     * ({@code X_EXAMPLE-COM_Foo}).
     */
    record Name(String name) implements PathSegment {
        public Name {
            if (!PathParser.isName(name)) {
                throw new IllegalArgumentException("not a data model name: " + name);
            }
        }
    }

    /** An instance number, 1 or more (TR-181 instance numbers are unsignedInt, so at most 4294967295). */
    record InstanceNumber(long number) implements PathSegment {
        public InstanceNumber {
            if (number < 1 || number > PathParser.MAX_INSTANCE) {
                throw new IllegalArgumentException("instance number out of 1..4294967295: " + number);
            }
        }
    }

    /** {@code *}: every current instance of the table. */
    record Wildcard() implements PathSegment {
        /** The one instance. */
        public static final Wildcard INSTANCE = new Wildcard();
    }

    /**
     * {@code [A==1&&B=="x"]}: a search expression. Whether it addresses one instance by its unique key or
     * searches is decided by whoever knows the table's unique keys (the data model), not by the syntax.
     */
    record Search(SearchExpression expression) implements PathSegment {
        public Search {
            Objects.requireNonNull(expression, "expression");
        }
    }

    /**
     * {@code Param+}, {@code Param#n+} or {@code Param#*+}: follow the reference held by parameter
     * {@code parameter} to the object it names.
     */
    record ReferenceFollow(String parameter, ReferenceIndex index) implements PathSegment {
        public ReferenceFollow {
            if (!PathParser.isName(parameter)) {
                throw new IllegalArgumentException("not a data model name: " + parameter);
            }
            Objects.requireNonNull(index, "index");
        }
    }

    /** {@code {i}}: any instance, allowed only in a Supported Data Model path. */
    record Placeholder() implements PathSegment {
        /** The one instance. */
        public static final Placeholder INSTANCE = new Placeholder();
    }
}
