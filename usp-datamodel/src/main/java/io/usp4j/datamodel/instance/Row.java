package io.usp4j.datamodel.instance;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The committed state of one instantiated object: its stored parameter values and its child objects.
 * Owned by the {@link DataModel}'s owner thread; a {@link Transaction} never modifies a live row before it
 * commits (it stages copies).
 */
final class Row {
    final ObjectNode node;
    final Row parent;
    final long number;
    /** The instance path, ending in {@code .}. */
    final String path;
    /** The firmware's identifier for rows of firmware-backed tables, else null. */
    String rowId;
    /** Values by parameter index; null for firmware-read and counted parameters. */
    String[] values;
    private Map<String, Table> tables;
    private Map<String, Row> singles;

    Row(ObjectNode node, Row parent, long number, String path, String rowId) {
        this.node = node;
        this.parent = parent;
        this.number = number;
        this.path = path;
        this.rowId = rowId;
        this.values = node.defaults.clone();
    }

    /** The child table called {@code name}, created empty on first use. */
    Table table(String name, ObjectNode child) {
        if (tables == null) {
            tables = new LinkedHashMap<>(4);
        }
        return tables.computeIfAbsent(name, n -> new Table(child, this, path + n + "."));
    }

    /** The child table called {@code name} if it was ever used. */
    Table existingTable(String name) {
        return tables == null ? null : tables.get(name);
    }

    /** The single-instance child object called {@code name}, created with default values on first use. */
    Row single(String name, ObjectNode child) {
        if (singles == null) {
            singles = new LinkedHashMap<>(4);
        }
        return singles.computeIfAbsent(name, n -> new Row(child, this, 0, path + n + ".", null));
    }

    Map<String, Table> tables() {
        return tables == null ? Map.of() : tables;
    }

    Map<String, Row> singles() {
        return singles == null ? Map.of() : singles;
    }

    /** True when {@code ancestor} is this row or contains it. */
    boolean isWithin(Row ancestor) {
        for (Row r = this; r != null; r = r.parent) {
            if (r == ancestor) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return path;
    }

    /** The rows of one table under one parent instance. */
    static final class Table {
        final ObjectNode node;
        final Row parent;
        /** The table path without instance ({@code Device.WiFi.SSID.}). */
        final String path;
        final TreeMap<Long, Row> rows = new TreeMap<>();
        /** Instance numbers given to firmware row identifiers, for firmware-backed tables. */
        Map<String, Long> numbersById;
        /** The next instance number to give; numbers are never reused. */
        long nextNumber = 1;
        /** The view that last listed a firmware-backed table, so each view lists it once. */
        Object listedBy;

        Table(ObjectNode node, Row parent, String path) {
            this.node = node;
            this.parent = parent;
            this.path = path;
        }

        Map<String, Long> numbersById() {
            if (numbersById == null) {
                numbersById = new LinkedHashMap<>();
            }
            return numbersById;
        }

        @Override
        public String toString() {
            return path;
        }
    }
}
