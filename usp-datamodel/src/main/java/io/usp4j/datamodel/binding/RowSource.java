package io.usp4j.datamodel.binding;

import io.usp4j.core.error.ErrorCode;
import io.usp4j.core.error.UspException;
import java.util.List;
import java.util.Map;

/**
 * Backs a table by firmware: the rows are whatever firmware has (radios, SSIDs, associated devices), each
 * known by a stable identifier of the firmware's choosing. The library gives each identifier an instance
 * number the first time it sees it, remembers it across restarts, and never gives a number to anything
 * else, so {@code Device.WiFi.SSID.2.} stays the same SSID.
 *
 * <p>Rows of a firmware table may still have library-stored parameters ({@code Alias}, configuration the
 * firmware does not keep), persisted by the library under the row's instance number.
 *
 * <p>Called on the thread that owns the data model.
 */
public interface RowSource {

    /**
     * Lists the rows that exist now.
     *
     * @param parent the object holding the table
     * @return the identifiers of the current rows, each non-empty and unique within the table
     * @throws Exception when firmware cannot be read; the data model reports an internal error (7003)
     */
    List<String> rowIds(ObjectInstance parent) throws Exception;

    /**
     * Creates a row for a Controller's Add. Only called for tables whose access allows Add.
     *
     * @param parent the object holding the table
     * @param values the values of the new row's parameters, validated and canonical
     * @return the identifier of the new row
     * @throws Exception to refuse; a {@link UspException} keeps its code, anything else gives 7017
     */
    default String create(ObjectInstance parent, Map<String, String> values) throws Exception {
        throw new UspException(ErrorCode.OBJECT_NOT_CREATABLE, "firmware cannot create rows here");
    }

    /**
     * Deletes a row for a Controller's Delete, or undoes a {@link #create} whose transaction failed.
     *
     * @param row the row
     * @throws Exception to refuse; a {@link UspException} keeps its code, anything else gives 7024
     */
    default void delete(ObjectInstance row) throws Exception {
        throw new UspException(ErrorCode.DELETE_FAILURE, "firmware cannot delete rows here");
    }
}
