package io.usp4j.core.path;

/**
 * One step of a {@link PathName}: a name, or what selects instances of the table named by the step before
 * it, or a reference to follow. The dots between steps are not segments.
 *
 * <p>{@code Device.NAT.PortMapping.[Enable==true].Interface+.Name} is
 * {@code Name(Device) Name(NAT) Name(PortMapping) Search([Enable==true]) ReferenceFollow(Interface) Name(Name)}.
 */
public sealed interface PathSegment
        permits PathSegment.Name,
                PathSegment.InstanceNumber,
                PathSegment.Wildcard,
                PathSegment.Search,
                PathSegment.ReferenceFollow,
                PathSegment.Placeholder {

    /** An object, parameter, command or event name: {@code [A-Za-z_][A-Za-z_0-9]*}. */
    record Name(String name) implements PathSegment {}

    /** An instance number, 1 or more (TR-181 instance numbers are unsignedInt, so at most 4294967295). */
    record InstanceNumber(long number) implements PathSegment {}

    /** {@code *}: every current instance of the table. */
    record Wildcard() implements PathSegment {
        /** The one instance. */
        public static final Wildcard INSTANCE = new Wildcard();
    }

    /**
     * {@code [A==1&&B=="x"]}: a search expression. Whether it addresses one instance by its unique key or
     * searches is decided by whoever knows the table's unique keys (the data model), not by the syntax.
     */
    record Search(SearchExpression expression) implements PathSegment {}

    /**
     * {@code Param+}, {@code Param#n+} or {@code Param#*+}: follow the reference held by parameter
     * {@code parameter} to the object it names.
     */
    record ReferenceFollow(String parameter, ReferenceIndex index) implements PathSegment {}

    /** {@code {i}}: any instance, allowed only in a Supported Data Model path. */
    record Placeholder() implements PathSegment {
        /** The one instance. */
        public static final Placeholder INSTANCE = new Placeholder();
    }
}
