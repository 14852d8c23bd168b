package io.usp4j.datamodel.schema;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The Supported Data Model of an agent: every object it may instantiate, with the parameters, commands
 * and events each one has. Looked up by supported path ({@code Device.WiFi.SSID.{i}.},
 * {@code Device.WiFi.SSID.{i}.Enable}, {@code Device.Reboot()}, {@code Device.Boot!}); lookups also accept
 * instance numbers in place of {@code {i}} ({@code Device.WiFi.SSID.1.Enable}).
 *
 * <p>Obtain one from the TR-106 XML loader ({@code io.usp4j.datamodel.xml.DataModelLoader}) or by hand with
 * {@link #builder()}; narrow a standard model to what a device implements with {@link #select(Collection)},
 * add vendor objects with {@link #toBuilder()}, and combine models (the device's with the Agent's own
 * {@code Device.LocalAgent.}, {@code io.usp4j.datamodel.xml.AgentModels.usp()}) with {@link Builder#merge}.
 *
 * <p>Immutable and thread-safe; definitions are shared, never copied per instance.
 */
public final class SupportedDataModel {
    private final Map<String, ObjectDef> objects;
    private final List<ObjectDef> objectList;
    private final List<ObjectDef> roots;
    private final Map<String, List<ObjectDef>> children;
    private final int parameterCount;
    private final int commandCount;
    private final int eventCount;

    private SupportedDataModel(Map<String, ObjectDef> objects) {
        this.objects = Collections.unmodifiableMap(new LinkedHashMap<>(objects));
        this.objectList = List.copyOf(objects.values());
        Map<String, List<ObjectDef>> kids = new HashMap<>();
        List<ObjectDef> rootList = new ArrayList<>();
        int params = 0;
        int commands = 0;
        int events = 0;
        for (ObjectDef o : objectList) {
            String parent = Names.parentPath(o.path());
            if (parent == null) {
                rootList.add(o);
            } else {
                kids.computeIfAbsent(parent, k -> new ArrayList<>()).add(o);
            }
            params += o.parameters().size();
            commands += o.commands().size();
            events += o.events().size();
        }
        kids.replaceAll((k, v) -> List.copyOf(v));
        this.children = kids;
        this.roots = List.copyOf(rootList);
        this.parameterCount = params;
        this.commandCount = commands;
        this.eventCount = events;
    }

    /** Starts an empty model. */
    public static Builder builder() {
        return new Builder(Map.of());
    }

    /** A builder holding this model's objects, to add vendor objects or change definitions. */
    public Builder toBuilder() {
        return new Builder(objects);
    }

    /**
     * Turns an instantiated path into its supported form: every instance-number segment becomes
     * {@code {i}} ({@code Device.WiFi.SSID.1.Enable} to {@code Device.WiFi.SSID.{i}.Enable}). Other text is
     * kept as is.
     */
    public static String toSupportedPath(String path) {
        StringBuilder out = null;
        int start = 0;
        int n = path.length();
        while (start < n) {
            int dot = path.indexOf('.', start);
            int end = dot < 0 ? n : dot;
            if (end > start && isDigits(path, start, end)) {
                if (out == null) {
                    out = new StringBuilder(n + 8).append(path, 0, start);
                }
                out.append("{i}");
            } else if (out != null) {
                out.append(path, start, end);
            }
            if (dot < 0) {
                break;
            }
            if (out != null) {
                out.append('.');
            }
            start = dot + 1;
        }
        return out == null ? path : out.toString();
    }

    private static boolean isDigits(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** Every object, parents before their children, in document (insertion) order. */
    public List<ObjectDef> objects() {
        return objectList;
    }

    /** The objects without a parent ({@code Device.}). */
    public List<ObjectDef> rootObjects() {
        return roots;
    }

    /**
     * The objects directly below an object, in document order ({@code Device.WiFi.} gives
     * {@code Device.WiFi.Radio.{i}.}, {@code Device.WiFi.SSID.{i}.}, ...).
     *
     * @return the children; empty when the object has none or is unknown
     */
    public List<ObjectDef> childObjects(String objectPath) {
        return object(objectPath).map(o -> children.getOrDefault(o.path(), List.<ObjectDef>of())).orElse(List.of());
    }

    /**
     * The object at a path. A table is found both as {@code Device.WiFi.SSID.{i}.} and as
     * {@code Device.WiFi.SSID.}; instance numbers may stand for {@code {i}}.
     */
    public Optional<ObjectDef> object(String path) {
        ObjectDef o = objects.get(path);
        if (o != null) {
            return Optional.of(o);
        }
        String supported = toSupportedPath(path);
        o = objects.get(supported);
        if (o == null && supported.endsWith(".")) {
            o = objects.get(supported + "{i}.");
        }
        return Optional.ofNullable(o);
    }

    /** The parameter at a path ({@code Device.WiFi.SSID.{i}.Enable}). */
    public Optional<ParameterDef> parameter(String path) {
        return owner(path).flatMap(o -> o.parameter(lastSegment(path)));
    }

    /** The command at a path ({@code Device.Reboot()}). */
    public Optional<CommandDef> command(String path) {
        return owner(path).flatMap(o -> o.command(lastSegment(path)));
    }

    /** The event at a path ({@code Device.Boot!}). */
    public Optional<EventDef> event(String path) {
        return owner(path).flatMap(o -> o.event(lastSegment(path)));
    }

    /**
     * Whatever the path names, told by how it ends: {@code .} an object, {@code ()} a command, {@code !}
     * an event, otherwise a parameter.
     */
    public Optional<ElementDef> element(String path) {
        if (path.endsWith(".")) {
            return object(path).map(ElementDef.class::cast);
        } else if (path.endsWith("()")) {
            return command(path).map(ElementDef.class::cast);
        } else if (path.endsWith("!")) {
            return event(path).map(ElementDef.class::cast);
        }
        return parameter(path).map(ElementDef.class::cast);
    }

    /**
     * The object a parameter, command or event path belongs to (the object itself for an object path),
     * whether or not the element exists.
     */
    public Optional<ObjectDef> owner(String path) {
        if (path.endsWith(".")) {
            return object(path);
        }
        int dot = path.lastIndexOf('.');
        return dot < 0 ? Optional.empty() : object(path.substring(0, dot + 1));
    }

    private static String lastSegment(String path) {
        return path.substring(path.lastIndexOf('.') + 1);
    }

    /** The number of objects. */
    public int objectCount() {
        return objectList.size();
    }

    /** The number of parameters over all objects (command and event arguments not counted). */
    public int parameterCount() {
        return parameterCount;
    }

    /** The number of commands over all objects. */
    public int commandCount() {
        return commandCount;
    }

    /** The number of events over all objects. */
    public int eventCount() {
        return eventCount;
    }

    /**
     * Narrows the model to the given paths (what a device implements). An object path keeps the object with
     * all its own parameters, commands and events (not its child objects); a parameter, command or event
     * path keeps that element alone. The ancestors of everything kept are kept too, and so are what makes
     * a kept table usable: the parameters of its unique keys and its NumberOfEntries parameter in the
     * parent.
     *
     * @param paths supported paths (instance numbers are accepted for {@code {i}})
     * @return the narrowed model, sharing the definitions of this one
     * @throws IllegalArgumentException when a path names nothing in this model
     */
    public SupportedDataModel select(Collection<String> paths) {
        Map<String, Set<String>> keep = new HashMap<>();
        Set<String> whole = new LinkedHashSet<>();
        for (String path : paths) {
            ObjectDef owner = owner(path).orElseThrow(() -> new IllegalArgumentException("unknown path: " + path));
            if (path.endsWith(".")) {
                whole.add(owner.path());
                keep.computeIfAbsent(owner.path(), k -> new LinkedHashSet<>());
            } else {
                if (element(path).isEmpty()) {
                    throw new IllegalArgumentException("unknown path: " + path);
                }
                keep.computeIfAbsent(owner.path(), k -> new LinkedHashSet<>()).add(lastSegment(path));
            }
        }
        for (String path : new ArrayList<>(keep.keySet())) {
            for (String p = Names.parentPath(path); p != null; p = Names.parentPath(p)) {
                if (objects.containsKey(p)) {
                    keep.computeIfAbsent(p, k -> new LinkedHashSet<>());
                }
            }
        }
        for (String path : keep.keySet().toArray(new String[0])) {
            ObjectDef o = objects.get(path);
            o.uniqueKeys().forEach(k -> keep.get(path).addAll(k.parameters()));
            String parent = Names.parentPath(path);
            if (parent != null && keep.containsKey(parent)) {
                o.numEntriesParameter().ifPresent(keep.get(parent)::add);
            }
        }
        Map<String, ObjectDef> selected = new LinkedHashMap<>();
        for (ObjectDef o : objectList) {
            Set<String> names = keep.get(o.path());
            if (names == null) {
                continue;
            }
            if (whole.contains(o.path())) {
                ObjectDef.Builder b = o.shellBuilder();
                o.parameters().values().forEach(b::parameter);
                o.commands().values().forEach(b::command);
                o.events().values().forEach(b::event);
                selected.put(o.path(), b.build());
                continue;
            }
            ObjectDef.Builder b = o.shellBuilder();
            o.parameters().values().stream().filter(p -> names.contains(p.name())).forEach(b::parameter);
            o.commands().values().stream().filter(c -> names.contains(c.name())).forEach(b::command);
            o.events().values().stream().filter(e -> names.contains(e.name())).forEach(b::event);
            selected.put(o.path(), b.build());
        }
        return new SupportedDataModel(selected);
    }

    @Override
    public String toString() {
        return "SupportedDataModel[" + objectCount() + " objects, " + parameterCount + " parameters, "
                + commandCount + " commands, " + eventCount + " events]";
    }

    /**
     * Collects the objects of a {@link SupportedDataModel}. Objects may be added in any order; the model
     * keeps insertion order. Not thread-safe.
     */
    public static final class Builder {
        private final Map<String, ObjectDef> objects;

        private Builder(Map<String, ObjectDef> objects) {
            this.objects = new LinkedHashMap<>(objects);
        }

        /**
         * Adds an object.
         *
         * @throws IllegalArgumentException when an object with that path was already added
         */
        public Builder add(ObjectDef object) {
            if (objects.putIfAbsent(object.path(), object) != null) {
                throw new IllegalArgumentException("object " + object.path() + " defined twice");
            }
            return this;
        }

        /** Adds an object, or replaces the one with the same path (keeping its position). */
        public Builder put(ObjectDef object) {
            objects.put(object.path(), Objects.requireNonNull(object, "object"));
            return this;
        }

        /**
         * Adds every object of another model, e.g. the Agent's own {@code Device.LocalAgent.} definitions to a
         * device's model. Objects only {@code other} has are appended in its order. For an object both
         * have, the result holds the union of their parameters, commands and events: elements of this
         * builder keep their position, {@code other}'s definition replaces one of the same name, and
         * {@code other}'s new elements follow. The object's own settings (access, entry range, status) stay
         * those of this builder; its NumberOfEntries parameter, enable parameter, version and unique keys
         * are taken from {@code other} only where this builder's object has none.
         *
         * <p>Consistency (parents present, counters defined) is checked by {@link #build()}.
         *
         * @param other the model whose objects to add
         * @return this builder
         */
        public Builder merge(SupportedDataModel other) {
            for (ObjectDef theirs : other.objects()) {
                ObjectDef ours = objects.get(theirs.path());
                objects.put(theirs.path(), ours == null ? theirs : union(ours, theirs));
            }
            return this;
        }

        private static ObjectDef union(ObjectDef ours, ObjectDef theirs) {
            ObjectDef.Builder b = ours.shellBuilder();
            if (ours.numEntriesParameter().isEmpty()) {
                b.numEntriesParameter(theirs.numEntriesParameter().orElse(null));
            }
            if (ours.enableParameter().isEmpty()) {
                b.enableParameter(theirs.enableParameter().orElse(null));
            }
            if (ours.version().isEmpty()) {
                b.version(theirs.version().orElse(null));
            }
            if (ours.uniqueKeys().isEmpty()) {
                theirs.uniqueKeys().forEach(b::uniqueKey);
            }
            unionInto(ours.parameters(), theirs.parameters(), b::parameter);
            unionInto(ours.commands(), theirs.commands(), b::command);
            unionInto(ours.events(), theirs.events(), b::event);
            return b.build();
        }

        /** Feeds ours in order (replaced by theirs where names match), then the rest of theirs. */
        private static <V> void unionInto(Map<String, V> ours, Map<String, V> theirs, Consumer<V> add) {
            for (Map.Entry<String, V> e : ours.entrySet()) {
                add.accept(theirs.getOrDefault(e.getKey(), e.getValue()));
            }
            for (Map.Entry<String, V> e : theirs.entrySet()) {
                if (!ours.containsKey(e.getKey())) {
                    add.accept(e.getValue());
                }
            }
        }

        /** Removes an object and every object below it; does nothing when the path is unknown. */
        public Builder remove(String objectPath) {
            objects.keySet().removeIf(p -> p.startsWith(objectPath));
            return this;
        }

        /** The object added under a path, to derive a changed copy with {@link ObjectDef#toBuilder()}. */
        public Optional<ObjectDef> object(String path) {
            return Optional.ofNullable(objects.get(path));
        }

        /**
         * Builds the model.
         *
         * @throws IllegalArgumentException when an object's parent is missing, or a table names a
         *     NumberOfEntries parameter its parent does not have
         */
        public SupportedDataModel build() {
            for (ObjectDef o : objects.values()) {
                String parent = Names.parentPath(o.path());
                if (parent == null) {
                    continue;
                }
                ObjectDef p = objects.get(parent);
                if (p == null) {
                    throw new IllegalArgumentException("parent " + parent + " of " + o.path() + " is not defined");
                }
                if (o.numEntriesParameter().isPresent() && p.parameter(o.numEntriesParameter().get()).isEmpty()) {
                    throw new IllegalArgumentException("table " + o.path() + " counts its entries in "
                            + parent + o.numEntriesParameter().get() + ", which is not defined");
                }
            }
            return new SupportedDataModel(objects);
        }
    }
}
