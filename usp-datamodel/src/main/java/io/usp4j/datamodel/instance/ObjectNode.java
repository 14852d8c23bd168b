package io.usp4j.datamodel.instance;

import io.usp4j.core.path.resolve.SupportedElement;
import io.usp4j.core.path.resolve.SupportedObject;
import io.usp4j.core.value.ValueType;
import io.usp4j.datamodel.binding.ChangeHandler;
import io.usp4j.datamodel.binding.CommandHandler;
import io.usp4j.datamodel.binding.GroupGetter;
import io.usp4j.datamodel.binding.ObjectBinding;
import io.usp4j.datamodel.binding.ParameterGetter;
import io.usp4j.datamodel.binding.ParameterSetter;
import io.usp4j.datamodel.binding.RowSource;
import io.usp4j.datamodel.schema.ObjectDef;
import io.usp4j.datamodel.schema.ParameterAccess;
import io.usp4j.datamodel.schema.ParameterDef;
import io.usp4j.datamodel.schema.PathReference;
import io.usp4j.datamodel.schema.UniqueKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One object of the Supported Data Model joined with its binding: what every instance of it contains and
 * how each parameter is backed. Built once by {@link DataModel.Builder}; immutable afterwards.
 */
final class ObjectNode implements SupportedObject {
    /** How a parameter gets its value. */
    enum Source {
        /** Kept (and usually persisted) by the library. */
        STORED,
        /** Read from firmware by a getter or a group getter. */
        FIRMWARE,
        /** A NumberOfEntries counter of a child table, computed. */
        COUNT
    }

    final ObjectDef def;
    final ObjectBinding binding;
    final ObjectNode parent;
    /** The name in the parent ({@code SSID}); the root's own name ({@code Device}) for a root. */
    final String name;
    final boolean table;

    final ParameterDef[] params;
    final Map<String, Integer> paramIndex;
    final Source[] sources;
    final ParameterGetter[] getters;
    final GroupGetter[] groups;
    final ParameterSetter[] setters;
    final boolean[] persisted;
    /** For COUNT parameters: the name of the child table counted. */
    final String[] countedTable;
    /** The value of each stored parameter in a new instance. */
    final String[] defaults;
    /** Indexes of each unique key's parameters, in key order. */
    final int[][] keys;
    final boolean[] keyFunctional;
    /** Parameters that belong to a non-functional key: fixed once the instance exists (R-KEY.1). */
    final boolean[] immutableKey;
    /** Parameters holding strong references to objects. */
    final boolean[] strongRef;

    final Map<String, ObjectNode> children = new LinkedHashMap<>();
    private final Map<String, SupportedElement> elements = new HashMap<>();
    private final List<List<String>> uniqueKeySets;

    ObjectNode(ObjectDef def, ObjectBinding binding, ObjectNode parent) {
        this.def = def;
        this.binding = binding;
        this.parent = parent;
        this.table = def.isMultiInstance();
        this.name = def.name();
        int n = def.parameters().size();
        this.params = def.parameters().values().toArray(new ParameterDef[0]);
        this.paramIndex = new HashMap<>(n * 2);
        this.sources = new Source[n];
        this.getters = new ParameterGetter[n];
        this.groups = new GroupGetter[n];
        this.setters = new ParameterSetter[n];
        this.persisted = new boolean[n];
        this.countedTable = new String[n];
        this.defaults = new String[n];
        this.immutableKey = new boolean[n];
        this.strongRef = new boolean[n];
        for (int i = 0; i < n; i++) {
            ParameterDef p = params[i];
            paramIndex.put(p.name(), i);
            getters[i] = binding.getters().get(p.name());
            groups[i] = binding.groups().get(p.name());
            setters[i] = binding.setters().get(p.name());
            sources[i] = getters[i] != null || groups[i] != null ? Source.FIRMWARE : Source.STORED;
            persisted[i] = sources[i] == Source.STORED && !binding.volatileValues().contains(p.name());
            defaults[i] = sources[i] == Source.STORED ? initialValue(p) : null;
            boolean pathRef = p.syntax().reference().map(r -> r.form() == PathReference.Form.PATH).orElse(false);
            strongRef[i] = pathRef && p.syntax().reference().get().refType() == PathReference.RefType.STRONG;
            elements.put(p.name(), new SupportedElement.Parameter(p.type(), p.syntax().isList(), pathRef));
        }
        List<UniqueKey> uks = def.uniqueKeys();
        this.keys = new int[uks.size()][];
        this.keyFunctional = new boolean[uks.size()];
        List<List<String>> sets = new ArrayList<>();
        for (int k = 0; k < uks.size(); k++) {
            UniqueKey uk = uks.get(k);
            keys[k] = uk.parameters().stream().mapToInt(paramIndex::get).toArray();
            keyFunctional[k] = uk.functional();
            if (!uk.functional()) {
                for (int i : keys[k]) {
                    immutableKey[i] = true;
                }
            }
            sets.add(List.copyOf(uk.parameters()));
        }
        this.uniqueKeySets = List.copyOf(sets);
        def.commands().keySet().forEach(c -> elements.put(c.substring(0, c.length() - 2), SupportedElement.Command.INSTANCE));
        def.events().keySet().forEach(e -> elements.put(e.substring(0, e.length() - 1), SupportedElement.Event.INSTANCE));
    }

    /** The value a stored parameter has in a new instance: the schema default, or the type's zero. */
    static String initialValue(ParameterDef p) {
        if (p.syntax().defaultValue().isPresent()) {
            return p.syntax().defaultValue().get().value();
        }
        if (p.syntax().isList()) {
            return "";
        }
        return zero(p.type());
    }

    static String zero(ValueType type) {
        switch (type) {
            case BOOLEAN:
                return "false";
            case INT:
            case UNSIGNED_INT:
            case LONG:
            case UNSIGNED_LONG:
            case DECIMAL:
                return "0";
            case DATE_TIME:
                return "0001-01-01T00:00:00Z";
            default:
                return "";
        }
    }

    /** Called by the builder once all nodes exist. */
    void addChild(ObjectNode child) {
        children.put(child.name, child);
        elements.put(child.name, new SupportedElement.ChildObject(child, child.table));
        child.def.numEntriesParameter().ifPresent(p -> {
            Integer i = paramIndex.get(p);
            if (i != null && sources[i] == Source.STORED) {
                sources[i] = Source.COUNT;
                persisted[i] = false;
                defaults[i] = null;
                countedTable[i] = child.name;
            }
        });
    }

    int index(String parameter) {
        Integer i = paramIndex.get(parameter);
        return i == null ? -1 : i;
    }

    boolean isWritable(int i) {
        return params[i].access() != ParameterAccess.READ_ONLY;
    }

    RowSource rowSource() {
        return binding.rowSource();
    }

    ChangeHandler changeHandler() {
        return binding.changeHandler();
    }

    CommandHandler command(String commandName) {
        return binding.commands().get(commandName);
    }

    /** The path of the table or object with {@code {i}} ({@code Device.WiFi.SSID.{i}.}). */
    String supportedPath() {
        return def.path();
    }

    @Override
    public SupportedElement element(String elementName) {
        return elements.get(elementName);
    }

    @Override
    public List<List<String>> uniqueKeySets() {
        return uniqueKeySets;
    }

    @Override
    public String toString() {
        return def.path();
    }
}
