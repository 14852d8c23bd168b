package io.usp4j.datamodel.xml;

import io.usp4j.core.value.ValueType;
import io.usp4j.datamodel.schema.ActiveNotify;
import io.usp4j.datamodel.schema.ArgumentObjectDef;
import io.usp4j.datamodel.schema.Arguments;
import io.usp4j.datamodel.schema.CommandDef;
import io.usp4j.datamodel.schema.DefaultValue;
import io.usp4j.datamodel.schema.EnumerationReference;
import io.usp4j.datamodel.schema.EnumerationValue;
import io.usp4j.datamodel.schema.EventDef;
import io.usp4j.datamodel.schema.ListFacet;
import io.usp4j.datamodel.schema.NumericRange;
import io.usp4j.datamodel.schema.ObjectAccess;
import io.usp4j.datamodel.schema.ObjectDef;
import io.usp4j.datamodel.schema.ParameterAccess;
import io.usp4j.datamodel.schema.ParameterDef;
import io.usp4j.datamodel.schema.PathReference;
import io.usp4j.datamodel.schema.SizeRange;
import io.usp4j.datamodel.schema.Status;
import io.usp4j.datamodel.schema.SupportedDataModel;
import io.usp4j.datamodel.schema.Syntax;
import io.usp4j.datamodel.schema.UniqueKey;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One run of the loader: the documents read so far, resolved data types, and the model being assembled.
 * Confined to the calling thread.
 */
final class LoadSession {
    /** A definition and the document whose names are in scope for it. */
    private record Found(Document doc, XmlNode node) {}

    private final ImportResolver resolver;
    private final Set<Status> statuses;
    private final List<Document> libraries;
    private final Map<String, Document> documents = new HashMap<>();
    private final Map<XmlNode, Syntax> dataTypes = new HashMap<>();
    private final Set<XmlNode> resolving = new HashSet<>();
    private final Map<Syntax, Syntax> syntaxes = new HashMap<>();
    private final Map<ParameterDef, ParameterDef> parameters = new HashMap<>();
    private final Deque<XmlNode> expanding = new ArrayDeque<>();
    private final Map<String, ObjectDef> objects = new LinkedHashMap<>();
    private final Set<String> skipped = new HashSet<>();

    LoadSession(ImportResolver resolver, Set<Status> statuses) {
        this.resolver = resolver;
        this.statuses = statuses;
        this.libraries = new ArrayList<>();
    }

    Document read(InputStream in, String file) throws DataModelFormatException {
        Document doc = new Document(file, XmlTreeReader.read(in, file));
        documents.putIfAbsent(file, doc);
        return doc;
    }

    void addLibrary(Document doc) {
        libraries.add(doc);
    }

    int skippedCount() {
        return skipped.size();
    }

    /** Assembles the chosen model of {@code main}. */
    SupportedDataModel load(Document main, String modelName) throws DataModelFormatException {
        Found model;
        if (modelName != null) {
            model = find(Document.Kind.MODEL, main, modelName);
            if (model == null) {
                throw new DataModelFormatException(main.file, -1, "no model named " + modelName);
            }
        } else {
            List<XmlNode> models = main.models();
            if (models.size() != 1) {
                List<String> names = new ArrayList<>();
                models.forEach(m -> names.add(m.attr("name")));
                throw new DataModelFormatException(main.file, -1, models.isEmpty()
                        ? "the document defines no model"
                        : "the document defines several models " + names + "; choose one with model(name)");
            }
            model = new Found(main, models.get(0));
        }
        interpretModel(model);
        SupportedDataModel.Builder b = SupportedDataModel.builder();
        objects.values().forEach(b::add);
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new DataModelFormatException(model.doc.file, model.node.line, e.getMessage(), e);
        }
    }

    // ---- name resolution

    private Found find(Document.Kind kind, Document doc, String name) throws DataModelFormatException {
        Found f = findInDocument(kind, doc, name, 0);
        if (f != null) {
            return f;
        }
        for (Document lib : libraries) {
            f = findInDocument(kind, lib, name, 0);
            if (f != null) {
                return f;
            }
        }
        return null;
    }

    private Found findInDocument(Document.Kind kind, Document doc, String name, int depth)
            throws DataModelFormatException {
        XmlNode local = doc.definitions.get(kind).get(name);
        if (local != null) {
            return new Found(doc, local);
        }
        if (depth > 32) {
            throw new DataModelFormatException(doc.file, -1, "imports nested too deeply looking for " + name);
        }
        for (Document.Import imp : doc.imports) {
            String remote = imp.names().getOrDefault(kind, Map.of()).get(name);
            if (remote != null) {
                Document imported = imported(doc, imp);
                Found f = findInDocument(kind, imported, remote, depth + 1);
                if (f == null) {
                    throw new DataModelFormatException(doc.file, imp.line(),
                            imp.file() + " does not define the imported " + kind.element + " " + remote);
                }
                return f;
            }
        }
        return null;
    }

    private Document imported(Document from, Document.Import imp) throws DataModelFormatException {
        Document doc = documents.get(imp.file());
        if (doc != null) {
            return doc;
        }
        Optional<InputStream> in;
        try {
            in = resolver.open(imp.file());
        } catch (IOException e) {
            throw new DataModelFormatException(from.file, imp.line(),
                    "cannot read imported " + imp.file() + ": " + e.getMessage(), e);
        }
        if (in.isEmpty()) {
            throw new DataModelFormatException(from.file, imp.line(), "cannot find imported document " + imp.file());
        }
        try (InputStream stream = in.get()) {
            return read(stream, imp.file());
        } catch (DataModelFormatException e) {
            throw e;
        } catch (IOException e) {
            throw new DataModelFormatException(imp.file(), -1, "cannot read: " + e.getMessage(), e);
        }
    }

    // ---- data types and syntax

    private Syntax resolveDataType(Found f) throws DataModelFormatException {
        Syntax done = dataTypes.get(f.node);
        if (done != null) {
            return done;
        }
        if (!resolving.add(f.node)) {
            throw error(f.doc, f.node, "data type " + f.node.attr("name") + " derives from itself");
        }
        String name = f.node.attr("name");
        String base = f.node.attr("base");
        Syntax.Builder b;
        if (base != null) {
            b = namedType(f.doc, f.node, base).toBuilder();
        } else {
            b = typeElement(f.doc, f.node, null, false);
            if (b == null) {
                throw error(f.doc, f.node, "data type " + name + " has no base type");
            }
        }
        applyFacets(b, f.doc, f.node, false);
        XmlNode list = f.node.child("list");
        if (list != null) {
            b.list(parseList(f.doc, list));
        }
        b.dataType(name);
        Syntax s = intern(b.build());
        resolving.remove(f.node);
        dataTypes.put(f.node, s);
        return s;
    }

    private Syntax namedType(Document doc, XmlNode at, String name) throws DataModelFormatException {
        Found f = find(Document.Kind.DATA_TYPE, doc, name);
        if (f == null) {
            throw error(doc, at, "unknown data type " + name);
        }
        return resolveDataType(f);
    }

    /**
     * Finds the type child of {@code parent} (a base type element or a {@code <dataType ref>}) and returns
     * a builder for it with its facets applied, or {@code null} when there is none.
     */
    private Syntax.Builder typeElement(Document doc, XmlNode parent, Syntax existing, boolean append)
            throws DataModelFormatException {
        for (XmlNode c : parent.children()) {
            Optional<ValueType> type = ValueType.ofXmlName(c.name);
            if (type.isPresent()) {
                Syntax.Builder b = existing != null && existing.type() == type.get()
                        ? existing.toBuilder()
                        : Syntax.builder(type.get());
                applyFacets(b, doc, c, append);
                return b;
            }
            if (c.name.equals("dataType")) {
                String ref = c.attr("ref", c.attr("base"));
                if (ref == null) {
                    throw error(doc, c, "<dataType> in a syntax needs a ref");
                }
                Syntax.Builder b = namedType(doc, c, ref).toBuilder();
                applyFacets(b, doc, c, false);
                return b;
            }
        }
        return null;
    }

    private void applyFacets(Syntax.Builder b, Document doc, XmlNode el, boolean appendEnumerations)
            throws DataModelFormatException {
        boolean sizes = false;
        boolean ranges = false;
        boolean enumerations = appendEnumerations;
        boolean patterns = false;
        for (XmlNode c : el.children()) {
            switch (c.name) {
                case "size" -> {
                    if (!sizes) {
                        b.sizes(List.of());
                        sizes = true;
                    }
                    long min = parseLong(doc, c, "minLength", 0);
                    long max = parseLong(doc, c, "maxLength", SizeRange.UNBOUNDED);
                    b.size(checked(doc, c, () -> new SizeRange(min, max)));
                }
                case "range" -> {
                    if (!ranges) {
                        b.ranges(List.of());
                        ranges = true;
                    }
                    BigDecimal min = parseDecimal(doc, c, "minInclusive");
                    BigDecimal max = parseDecimal(doc, c, "maxInclusive");
                    BigDecimal step = parseDecimal(doc, c, "step");
                    b.range(checked(doc, c, () -> new NumericRange(min, max, step)));
                }
                case "enumeration" -> {
                    if (!enumerations) {
                        b.enumerations(List.of());
                        enumerations = true;
                    }
                    String value = required(doc, c, "value");
                    Status status = status(doc, c);
                    if (statuses.contains(status)) {
                        b.enumeration(new EnumerationValue(value, status, bool(doc, c, "optional", false)));
                    }
                }
                case "pattern" -> {
                    if (!patterns) {
                        b.patterns(List.of());
                        patterns = true;
                    }
                    if (statuses.contains(status(doc, c))) {
                        b.pattern(required(doc, c, "value"));
                    }
                }
                case "pathRef" -> b.reference(new PathReference(PathReference.Form.PATH,
                        refType(doc, c),
                        split(c.attr("targetParent", "")),
                        PathReference.TargetType.ofXmlName(c.attr("targetType", "any"))
                                .orElseThrow(() -> error(doc, c, "unknown targetType " + c.attr("targetType"))),
                        c.attr("targetDataType", "any")));
                case "instanceRef" -> b.reference(new PathReference(PathReference.Form.INSTANCE,
                        refType(doc, c),
                        List.of(required(doc, c, "targetParent")),
                        PathReference.TargetType.ROW,
                        "any"));
                case "enumerationRef" -> b.enumerationReference(
                        new EnumerationReference(required(doc, c, "targetParam"), c.attr("nullValue")));
                case "units" -> b.units(required(doc, c, "value"));
                default -> {
                    // Other children (descriptions, annotations of newer schema versions) carry no constraint.
                }
            }
        }
    }

    private ListFacet parseList(Document doc, XmlNode list) throws DataModelFormatException {
        long minItems = parseLong(doc, list, "minItems", 0);
        long maxItems = parseLong(doc, list, "maxItems", SizeRange.UNBOUNDED);
        List<SizeRange> sizes = new ArrayList<>();
        for (XmlNode c : list.children()) {
            if (c.name.equals("size")) {
                long min = parseLong(doc, c, "minLength", 0);
                long max = parseLong(doc, c, "maxLength", SizeRange.UNBOUNDED);
                sizes.add(checked(doc, c, () -> new SizeRange(min, max)));
            }
        }
        String nestedName = list.attr("nestedBrackets", "legal");
        ListFacet.NestedBrackets nested = ListFacet.NestedBrackets.ofXmlName(nestedName)
                .orElseThrow(() -> error(doc, list, "unknown nestedBrackets " + nestedName));
        return checked(doc, list, () -> new ListFacet(minItems, maxItems, sizes, nested));
    }

    private Syntax parseSyntax(Document doc, XmlNode syntax, Syntax existing) throws DataModelFormatException {
        Syntax.Builder b = typeElement(doc, syntax, existing, existing != null);
        if (b == null) {
            if (existing == null) {
                throw error(doc, syntax, "syntax names no type");
            }
            b = existing.toBuilder();
        }
        for (XmlNode c : syntax.children()) {
            if (c.name.equals("list")) {
                b.list(parseList(doc, c));
            } else if (c.name.equals("default")) {
                String kind = c.attr("type", "object");
                DefaultValue.Kind k = DefaultValue.Kind.ofXmlName(kind)
                        .orElseThrow(() -> error(doc, c, "unknown default type " + kind));
                b.defaultValue(new DefaultValue(k, required(doc, c, "value")));
            }
        }
        b.secured(bool(doc, syntax, "secured", existing != null && existing.secured()));
        b.hidden(bool(doc, syntax, "hidden", existing != null && existing.hidden()));
        return intern(b.build());
    }

    private Syntax intern(Syntax s) {
        Syntax known = syntaxes.putIfAbsent(s, s);
        return known == null ? s : known;
    }

    // ---- parameters, commands, events

    private ParameterDef parseParameter(
            Document doc, XmlNode p, String name, ParameterAccess defaultAccess, ParameterDef existing)
            throws DataModelFormatException {
        XmlNode syntaxNode = p.child("syntax");
        Syntax syntax;
        if (syntaxNode != null) {
            syntax = parseSyntax(doc, syntaxNode, existing == null ? null : existing.syntax());
        } else if (existing != null) {
            syntax = existing.syntax();
        } else {
            throw error(doc, p, "parameter " + name + " has no syntax");
        }
        ParameterDef.Builder b = existing != null
                ? existing.toBuilder().syntax(syntax)
                : checked(doc, p, () -> ParameterDef.builder(name, syntax)).access(defaultAccess);
        String access = p.attr("access");
        if (access != null) {
            b.access(switch (access) {
                case "readOnly" -> ParameterAccess.READ_ONLY;
                case "readWrite" -> ParameterAccess.READ_WRITE;
                case "writeOnceReadOnly" -> ParameterAccess.WRITE_ONCE_READ_ONLY;
                case "writeOnly" -> ParameterAccess.WRITE_ONLY;
                default -> throw error(doc, p, "unknown parameter access " + access);
            });
        }
        String notify = p.attr("activeNotify");
        if (notify != null) {
            b.activeNotify(ActiveNotify.ofXmlName(notify)
                    .orElseThrow(() -> error(doc, p, "unknown activeNotify " + notify)));
        }
        if (p.attr("status") != null) {
            b.status(status(doc, p));
        }
        if (p.attr("mandatory") != null) {
            b.mandatory(bool(doc, p, "mandatory", false));
        }
        if (p.attr("version") != null) {
            b.version(p.attr("version"));
        }
        ParameterDef def = b.build();
        ParameterDef known = parameters.putIfAbsent(def, def);
        return known == null ? def : known;
    }

    private CommandDef parseCommand(Document doc, XmlNode c, String name, CommandDef existing)
            throws DataModelFormatException {
        boolean async = bool(doc, c, "async", existing != null && existing.async());
        XmlNode in = c.child("input");
        XmlNode out = c.child("output");
        Arguments input = in != null ? parseArguments(doc, in, ParameterAccess.READ_WRITE)
                : existing != null ? existing.input() : Arguments.NONE;
        Arguments output = out != null ? parseArguments(doc, out, ParameterAccess.READ_ONLY)
                : existing != null ? existing.output() : Arguments.NONE;
        Status status = c.attr("status") != null ? status(doc, c)
                : existing != null ? existing.status() : Status.CURRENT;
        String version = c.attr("version", existing != null ? existing.versionOrNull() : null);
        return checked(doc, c, () -> new CommandDef(name, async, input, output, status, version));
    }

    private EventDef parseEvent(Document doc, XmlNode e, String name, EventDef existing)
            throws DataModelFormatException {
        boolean hasArguments = e.child("parameter") != null || e.child("object") != null;
        Arguments args = hasArguments || existing == null
                ? parseArguments(doc, e, ParameterAccess.READ_ONLY)
                : existing.arguments();
        Status status = e.attr("status") != null ? status(doc, e)
                : existing != null ? existing.status() : Status.CURRENT;
        String version = e.attr("version", existing != null ? existing.versionOrNull() : null);
        return checked(doc, e, () -> new EventDef(name, args, status, version));
    }

    private Arguments parseArguments(Document doc, XmlNode el, ParameterAccess access)
            throws DataModelFormatException {
        List<ParameterDef> params = new ArrayList<>();
        List<ArgumentObjectDef> objs = new ArrayList<>();
        for (XmlNode c : el.children()) {
            if (!statuses.contains(status(doc, c))) {
                continue;
            }
            if (c.name.equals("parameter")) {
                params.add(parseParameter(doc, c, required(doc, c, "name"), access, null));
            } else if (c.name.equals("object")) {
                String path = required(doc, c, "name");
                long min = parseLong(doc, c, "minEntries", 0);
                long max = parseLong(doc, c, "maxEntries", path.endsWith("{i}.") ? ObjectDef.UNBOUNDED : 1);
                List<ParameterDef> objParams = new ArrayList<>();
                for (XmlNode p : c.children()) {
                    if (p.name.equals("parameter") && statuses.contains(status(doc, p))) {
                        objParams.add(parseParameter(doc, p, required(doc, p, "name"), access, null));
                    }
                }
                objs.add(checked(doc, c, () -> new ArgumentObjectDef(path, min, max, objParams)));
            }
        }
        return params.isEmpty() && objs.isEmpty() ? Arguments.NONE : new Arguments(params, objs);
    }

    // ---- models, components, objects

    private void interpretModel(Found model) throws DataModelFormatException {
        enter(model);
        String base = model.node.attr("base");
        if (base != null) {
            Found b = find(Document.Kind.MODEL, model.doc, base);
            if (b == null) {
                throw error(model.doc, model.node, "unknown base model " + base);
            }
            interpretModel(b);
        }
        for (XmlNode c : model.node.children()) {
            switch (c.name) {
                case "object" -> applyObject(model.doc, c, "");
                case "component" -> expandComponent(model.doc, c, "");
                case "parameter", "command", "event" -> throw error(model.doc, c,
                        "<" + c.name + "> directly in a model; it belongs in an object");
                default -> {
                    // Descriptions and other annotations define nothing.
                }
            }
        }
        expanding.pop();
    }

    private void enter(Found f) throws DataModelFormatException {
        for (XmlNode n : expanding) {
            if (n == f.node) {
                throw error(f.doc, f.node, "<" + f.node.name + "> " + f.node.attr("name") + " includes itself");
            }
        }
        expanding.push(f.node);
    }

    private void expandComponent(Document doc, XmlNode ref, String prefix) throws DataModelFormatException {
        String name = ref.attr("ref");
        if (name == null) {
            throw error(doc, ref, "component reference without ref");
        }
        Found comp = find(Document.Kind.COMPONENT, doc, name);
        if (comp == null) {
            throw error(doc, ref, "unknown component " + name);
        }
        String path = prefix + ref.attr("path", "");
        enter(comp);
        for (XmlNode c : comp.node.children()) {
            switch (c.name) {
                case "object" -> applyObject(comp.doc, c, path);
                case "component" -> expandComponent(comp.doc, c, path);
                case "parameter", "command", "event" -> applyToObject(comp.doc, c, path);
                default -> {
                    // Descriptions and other annotations define nothing.
                }
            }
        }
        expanding.pop();
    }

    /** A parameter, command or event at the top of a component: it goes into the object at {@code path}. */
    private void applyToObject(Document doc, XmlNode item, String path) throws DataModelFormatException {
        ObjectDef target = objects.get(path);
        if (target == null) {
            if (isSkipped(path)) {
                return;
            }
            throw error(doc, item, "component adds <" + item.name + "> to undefined object '" + path + "'");
        }
        ObjectDef.Builder b = target.toBuilder();
        applyMember(doc, item, b, target);
        objects.put(path, build(doc, item, b));
    }

    private void applyObject(Document doc, XmlNode o, String prefix) throws DataModelFormatException {
        String name = o.attr("name");
        String base = o.attr("base", o.attr("ref"));
        if (name == null && base == null) {
            throw error(doc, o, "<object> needs a name or a base");
        }
        String path = prefix + (name != null ? name : base);
        ObjectDef existing = objects.get(path);
        Status status = status(doc, o);
        if (name == null) {
            if (existing == null) {
                if (isSkipped(path)) {
                    return;
                }
                throw error(doc, o, "object " + path + " modified before it is defined");
            }
            if (!statuses.contains(status)) {
                skip(path);
                return;
            }
        } else {
            if (existing != null) {
                throw error(doc, o, "object " + path + " defined twice (modify it with base=)");
            }
            if (!statuses.contains(status)) {
                skip(path);
                return;
            }
            String parent = parentOf(path);
            if (parent != null && !objects.containsKey(parent)) {
                if (isSkipped(parent)) {
                    skip(path);
                    return;
                }
                throw error(doc, o, "parent " + parent + " of " + path + " is not defined");
            }
        }
        ObjectDef.Builder b = existing != null ? existing.toBuilder() : checked(doc, o, () -> ObjectDef.builder(path));
        String access = o.attr("access");
        if (access != null) {
            b.access(switch (access) {
                case "readOnly" -> ObjectAccess.READ_ONLY;
                case "readWrite" -> ObjectAccess.ADD_DELETE;
                default -> throw error(doc, o, "unknown object access " + access);
            });
        }
        if (o.attr("minEntries") != null || o.attr("maxEntries") != null) {
            long defMin = existing != null ? existing.minEntries() : path.endsWith("{i}.") ? 0 : 1;
            long defMax = existing != null ? existing.maxEntries() : path.endsWith("{i}.") ? ObjectDef.UNBOUNDED : 1;
            b.entries(parseLong(doc, o, "minEntries", defMin), parseLong(doc, o, "maxEntries", defMax));
        }
        if (o.attr("numEntriesParameter") != null) {
            b.numEntriesParameter(o.attr("numEntriesParameter"));
        }
        if (o.attr("enableParameter") != null) {
            b.enableParameter(o.attr("enableParameter"));
        }
        if (o.attr("status") != null) {
            b.status(status);
        }
        if (o.attr("version") != null) {
            b.version(o.attr("version"));
        }
        for (XmlNode c : o.children()) {
            applyMember(doc, c, b, existing);
        }
        objects.put(path, build(doc, o, b));
    }

    /** Applies one child of an object element (parameter, command, event, unique key) to the builder. */
    private void applyMember(Document doc, XmlNode c, ObjectDef.Builder b, ObjectDef existing)
            throws DataModelFormatException {
        switch (c.name) {
            case "parameter", "command", "event" -> {
                String name = c.attr("name");
                String base = c.attr("base", c.attr("ref"));
                if (name == null && base == null) {
                    throw error(doc, c, "<" + c.name + "> needs a name or a base");
                }
                boolean keep = statuses.contains(status(doc, c));
                if (name != null) {
                    if (keep) {
                        addMember(doc, c, name, b);
                    }
                    return;
                }
                modifyMember(doc, c, base, b, existing, keep);
            }
            case "uniqueKey" -> {
                List<String> names = new ArrayList<>();
                for (XmlNode p : c.children()) {
                    if (p.name.equals("parameter")) {
                        names.add(required(doc, p, "ref"));
                    }
                }
                boolean functional = bool(doc, c, "functional", true);
                b.uniqueKey(checked(doc, c, () -> new UniqueKey(names, functional)));
            }
            default -> {
                // Descriptions and other annotations define nothing.
            }
        }
    }

    private void addMember(Document doc, XmlNode c, String name, ObjectDef.Builder b) throws DataModelFormatException {
        switch (c.name) {
            case "parameter" -> {
                ParameterDef p = parseParameter(doc, c, name, ParameterAccess.READ_ONLY, null);
                checked(doc, c, () -> b.parameter(p));
            }
            case "command" -> {
                CommandDef cmd = parseCommand(doc, c, name, null);
                checked(doc, c, () -> b.command(cmd));
            }
            default -> {
                EventDef ev = parseEvent(doc, c, name, null);
                checked(doc, c, () -> b.event(ev));
            }
        }
    }

    private void modifyMember(
            Document doc, XmlNode c, String name, ObjectDef.Builder b, ObjectDef existing, boolean keep)
            throws DataModelFormatException {
        switch (c.name) {
            case "parameter" -> {
                ParameterDef old = existing == null ? null : existing.parameters().get(name);
                if (old == null) {
                    throw error(doc, c, "parameter " + name + " modified before it is defined");
                }
                if (keep) {
                    b.putParameter(parseParameter(doc, c, name, old.access(), old));
                } else {
                    b.removeParameter(name);
                }
            }
            case "command" -> {
                CommandDef old = existing == null ? null : existing.commands().get(name);
                if (old == null) {
                    throw error(doc, c, "command " + name + " modified before it is defined");
                }
                if (!keep) {
                    throw error(doc, c, "command " + name + " cannot be removed by a modification");
                }
                CommandDef changed = parseCommand(doc, c, name, old);
                b.removeCommand(name).command(changed);
            }
            default -> {
                EventDef old = existing == null ? null : existing.events().get(name);
                if (old == null) {
                    throw error(doc, c, "event " + name + " modified before it is defined");
                }
                if (!keep) {
                    throw error(doc, c, "event " + name + " cannot be removed by a modification");
                }
                EventDef changed = parseEvent(doc, c, name, old);
                b.removeEvent(name).event(changed);
            }
        }
    }

    private ObjectDef build(Document doc, XmlNode at, ObjectDef.Builder b) throws DataModelFormatException {
        return checked(doc, at, b::build);
    }

    private boolean isSkipped(String path) {
        for (String p = path; p != null; p = parentOf(p)) {
            if (skipped.contains(p)) {
                return true;
            }
        }
        return false;
    }

    private void skip(String path) {
        skipped.add(path);
        objects.keySet().removeIf(p -> p.startsWith(path));
    }

    private static String parentOf(String objectPath) {
        int end = objectPath.length() - 1;
        if (objectPath.endsWith(".{i}.")) {
            end -= 4;
        }
        int dot = objectPath.lastIndexOf('.', end - 1);
        return dot < 0 ? null : objectPath.substring(0, dot + 1);
    }

    // ---- attribute helpers

    private interface Check<T> {
        T get();
    }

    private static <T> T checked(Document doc, XmlNode at, Check<T> c) throws DataModelFormatException {
        try {
            return c.get();
        } catch (IllegalArgumentException e) {
            throw new DataModelFormatException(doc.file, at.line, e.getMessage(), e);
        }
    }

    private static DataModelFormatException error(Document doc, XmlNode at, String problem) {
        return new DataModelFormatException(doc.file, at.line, problem);
    }

    private static String required(Document doc, XmlNode n, String attr) throws DataModelFormatException {
        String v = n.attr(attr);
        if (v == null) {
            throw error(doc, n, "<" + n.name + "> needs the attribute " + attr);
        }
        return v;
    }

    private static Status status(Document doc, XmlNode n) throws DataModelFormatException {
        String s = n.attr("status");
        if (s == null) {
            return Status.CURRENT;
        }
        return Status.ofXmlName(s).orElseThrow(() -> error(doc, n, "unknown status " + s));
    }

    private static PathReference.RefType refType(Document doc, XmlNode n) throws DataModelFormatException {
        String s = n.attr("refType", "weak");
        return PathReference.RefType.ofXmlName(s).orElseThrow(() -> error(doc, n, "unknown refType " + s));
    }

    private static boolean bool(Document doc, XmlNode n, String attr, boolean fallback)
            throws DataModelFormatException {
        String v = n.attr(attr);
        if (v == null) {
            return fallback;
        }
        return switch (v.trim()) {
            case "true", "1" -> true;
            case "false", "0" -> false;
            default -> throw error(doc, n, attr + "=\"" + v + "\" is not a boolean");
        };
    }

    private static long parseLong(Document doc, XmlNode n, String attr, long fallback)
            throws DataModelFormatException {
        String v = n.attr(attr);
        if (v == null) {
            return fallback;
        }
        if (v.trim().equals("unbounded")) {
            return Long.MAX_VALUE;
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new DataModelFormatException(doc.file, n.line, attr + "=\"" + v + "\" is not a whole number", e);
        }
    }

    private static BigDecimal parseDecimal(Document doc, XmlNode n, String attr) throws DataModelFormatException {
        String v = n.attr(attr);
        if (v == null) {
            return null;
        }
        try {
            return new BigDecimal(v.trim());
        } catch (NumberFormatException e) {
            throw new DataModelFormatException(doc.file, n.line, attr + "=\"" + v + "\" is not a number", e);
        }
    }

    private static List<String> split(String s) {
        String t = s.trim();
        return t.isEmpty() ? List.of() : Arrays.asList(t.split("\\s+"));
    }
}
