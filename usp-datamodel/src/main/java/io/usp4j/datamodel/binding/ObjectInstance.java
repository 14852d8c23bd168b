package io.usp4j.datamodel.binding;

/**
 * One object of the Instantiated Data Model as firmware callbacks see it: a single-instance object
 * ({@code Device.DeviceInfo.}) or one row of a table ({@code Device.WiFi.SSID.2.}).
 *
 * <p>Inside a transaction, {@link #value(String)} sees the values staged by that transaction, so a
 * {@link ChangeHandler} can check one parameter against another on the state the transaction would leave.
 *
 * <p>Valid only during the callback it was passed to; do not keep it. Touch it only on the thread that owns
 * the data model.
 */
public interface ObjectInstance {

    /** The path with instance numbers, ending in {@code .} ({@code Device.WiFi.SSID.2.}). */
    String path();

    /** The instance number of a table row (1 or more); 0 for a single-instance object. */
    long instanceNumber();

    /**
     * The firmware's own stable identifier of a row of a firmware-backed table (an interface name, a MAC
     * address), as returned by {@link RowSource#rowIds}; null for library-backed rows and single-instance
     * objects.
     */
    String rowId();

    /** The object containing this one, or null for a root object ({@code Device.}). */
    ObjectInstance parent();

    /**
     * The current value of a parameter of this object in TR-106 lexical form.
     *
     * @param name the parameter name ({@code SSID})
     * @return the value, or null when the object has no such parameter or firmware reports no value
     * @throws io.usp4j.core.error.UspException with 7003 when firmware cannot be read
     */
    String value(String name);
}
