package io.usp4j.core.path.resolve;

/**
 * One object of the Instantiated Data Model: a single-instance object or one instance (row) of a table.
 *
 * <p>Values are the TR-106 lexical forms an Agent would report; a reference parameter's value holds path
 * names written with instance numbers ({@code Device.IP.Interface.1}, items of a list separated by commas),
 * an empty value meaning "no reference". Names passed in are those of the {@link #supported()} object's
 * elements of the matching kind; for any other name an implementation returns null or nothing.
 */
public interface InstantiatedObject {

    /** What this object contains according to the Supported Data Model. */
    SupportedObject supported();

    /** The instance number of a table row (1 or more); 0 for a single-instance object. */
    long instanceNumber();

    /**
     * The single-instance sub-object called {@code name}.
     *
     * @return the sub-object, or null when it is currently absent
     */
    InstantiatedObject child(String name);

    /**
     * The current rows of the table called {@code name}, in ascending instance-number order.
     *
     * @return the rows; empty when there are none
     */
    Iterable<? extends InstantiatedObject> instances(String name);

    /**
     * One row of the table called {@code name}.
     *
     * @return the row with instance number {@code number}, or null when there is none
     */
    InstantiatedObject instance(String name, long number);

    /**
     * The current value of the parameter called {@code name}, in lexical form.
     *
     * @return the value, or null when the parameter currently has none (absent)
     */
    String value(String name);
}
