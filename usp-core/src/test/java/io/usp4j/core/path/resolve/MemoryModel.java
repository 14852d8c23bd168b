package io.usp4j.core.path.resolve;

import io.usp4j.core.value.ValueType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** An in-memory Instantiated Data Model for tests: definitions built fluently, instances added by number. */
final class MemoryModel implements InstantiatedModel {
    private final Map<String, Node> roots = new HashMap<>();

    Node addRoot(String name, Def def) {
        Node n = new Node(def, 0);
        roots.put(name, n);
        return n;
    }

    @Override
    public InstantiatedObject root(String name) {
        return roots.get(name);
    }

    /** A supported object definition. */
    static final class Def implements SupportedObject {
        private final Map<String, SupportedElement> elements = new LinkedHashMap<>();
        private final List<List<String>> keys = new ArrayList<>();

        Def param(String name, ValueType type) {
            elements.put(name, new SupportedElement.Parameter(type, false, false));
            return this;
        }

        Def list(String name, ValueType type) {
            elements.put(name, new SupportedElement.Parameter(type, true, false));
            return this;
        }

        Def ref(String name) {
            elements.put(name, new SupportedElement.Parameter(ValueType.STRING, false, true));
            return this;
        }

        Def refList(String name) {
            elements.put(name, new SupportedElement.Parameter(ValueType.STRING, true, true));
            return this;
        }

        Def object(String name, Def def) {
            elements.put(name, new SupportedElement.ChildObject(def, false));
            return this;
        }

        Def table(String name, Def def) {
            elements.put(name, new SupportedElement.ChildObject(def, true));
            return this;
        }

        Def command(String name) {
            elements.put(name, SupportedElement.Command.INSTANCE);
            return this;
        }

        Def event(String name) {
            elements.put(name, SupportedElement.Event.INSTANCE);
            return this;
        }

        Def key(String... names) {
            keys.add(Arrays.asList(names));
            return this;
        }

        @Override
        public SupportedElement element(String name) {
            return elements.get(name);
        }

        @Override
        public List<List<String>> uniqueKeySets() {
            return keys;
        }
    }

    /** An object or row. */
    static final class Node implements InstantiatedObject {
        private final Def def;
        private final long number;
        private final Map<String, String> values = new HashMap<>();
        private final Map<String, Node> children = new HashMap<>();
        private final Map<String, TreeMap<Long, Node>> tables = new HashMap<>();

        Node(Def def, long number) {
            this.def = def;
            this.number = number;
        }

        Node set(String name, String value) {
            if (!(def.element(name) instanceof SupportedElement.Parameter)) {
                throw new IllegalArgumentException("no parameter " + name);
            }
            values.put(name, value);
            return this;
        }

        Node obj(String name) {
            SupportedElement.ChildObject co = (SupportedElement.ChildObject) def.element(name);
            return children.computeIfAbsent(name, k -> new Node((Def) co.object(), 0));
        }

        Node add(String table, long instance) {
            SupportedElement.ChildObject co = (SupportedElement.ChildObject) def.element(table);
            Node row = new Node((Def) co.object(), instance);
            tables.computeIfAbsent(table, k -> new TreeMap<>()).put(instance, row);
            return row;
        }

        @Override
        public SupportedObject supported() {
            return def;
        }

        @Override
        public long instanceNumber() {
            return number;
        }

        @Override
        public InstantiatedObject child(String name) {
            return children.get(name);
        }

        @Override
        public Iterable<? extends InstantiatedObject> instances(String name) {
            TreeMap<Long, Node> rows = tables.get(name);
            return rows == null ? List.of() : rows.values();
        }

        @Override
        public InstantiatedObject instance(String name, long instance) {
            TreeMap<Long, Node> rows = tables.get(name);
            return rows == null ? null : rows.get(instance);
        }

        @Override
        public String value(String name) {
            return values.get(name);
        }
    }
}
