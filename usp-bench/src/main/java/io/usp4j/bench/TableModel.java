package io.usp4j.bench;

import io.usp4j.core.path.resolve.InstantiatedModel;
import io.usp4j.core.path.resolve.InstantiatedObject;
import io.usp4j.core.path.resolve.SupportedElement;
import io.usp4j.core.path.resolve.SupportedObject;
import io.usp4j.core.value.ValueType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code Device.X.Table.{i}.} with Enable (boolean), Port (unsignedInt) and Name (string, unique key), held
 * in arrays the way a compact data model would hold them. Read-only after construction.
 */
final class TableModel implements InstantiatedModel {
    private final SupportedObject rowDef = new Def(Map.of(
            "Enable", new SupportedElement.Parameter(ValueType.BOOLEAN, false, false),
            "Port", new SupportedElement.Parameter(ValueType.UNSIGNED_INT, false, false),
            "Name", new SupportedElement.Parameter(ValueType.STRING, false, false)), List.of(List.of("Name")));
    private final SupportedObject xDef = new Def(Map.of("Table", new SupportedElement.ChildObject(rowDef, true)), List.of());
    private final SupportedObject deviceDef = new Def(Map.of("X", new SupportedElement.ChildObject(xDef, false)), List.of());

    private final List<Row> rows = new ArrayList<>();
    private final Obj x = new Obj(xDef);
    private final Obj device = new Obj(deviceDef);

    TableModel(int size) {
        for (int i = 1; i <= size; i++) {
            rows.add(new Row(i, i % 2 == 0 ? "true" : "false", Integer.toString(i % 2000), "row-" + i));
        }
    }

    @Override
    public InstantiatedObject root(String name) {
        return "Device".equals(name) ? device : null;
    }

    private record Def(Map<String, SupportedElement> elements, List<List<String>> uniqueKeySets)
            implements SupportedObject {
        @Override
        public SupportedElement element(String name) {
            return elements.get(name);
        }
    }

    private final class Obj implements InstantiatedObject {
        private final SupportedObject def;

        Obj(SupportedObject def) {
            this.def = def;
        }

        @Override
        public SupportedObject supported() {
            return def;
        }

        @Override
        public long instanceNumber() {
            return 0;
        }

        @Override
        public InstantiatedObject child(String name) {
            return def == deviceDef && "X".equals(name) ? x : null;
        }

        @Override
        public Iterable<? extends InstantiatedObject> instances(String name) {
            return def == xDef && "Table".equals(name) ? rows : List.of();
        }

        @Override
        public InstantiatedObject instance(String name, long number) {
            return def == xDef && "Table".equals(name) && number >= 1 && number <= rows.size()
                    ? rows.get((int) number - 1)
                    : null;
        }

        @Override
        public String value(String name) {
            return null;
        }
    }

    private final class Row implements InstantiatedObject {
        private final long number;
        private final String enable;
        private final String port;
        private final String name;

        Row(long number, String enable, String port, String name) {
            this.number = number;
            this.enable = enable;
            this.port = port;
            this.name = name;
        }

        @Override
        public SupportedObject supported() {
            return rowDef;
        }

        @Override
        public long instanceNumber() {
            return number;
        }

        @Override
        public InstantiatedObject child(String n) {
            return null;
        }

        @Override
        public Iterable<? extends InstantiatedObject> instances(String n) {
            return List.of();
        }

        @Override
        public InstantiatedObject instance(String n, long i) {
            return null;
        }

        @Override
        public String value(String n) {
            return switch (n) {
                case "Enable" -> enable;
                case "Port" -> port;
                case "Name" -> name;
                default -> null;
            };
        }
    }
}
