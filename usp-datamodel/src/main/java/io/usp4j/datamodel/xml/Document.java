package io.usp4j.datamodel.xml;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One parsed data-model document and the names it defines or imports. */
final class Document {
    /** The kinds of named top-level definitions a document can hold or import. */
    enum Kind {
        DATA_TYPE("dataType"),
        COMPONENT("component"),
        MODEL("model");

        final String element;

        Kind(String element) {
            this.element = element;
        }
    }

    /** An {@code <import>}: the file and, per kind, local name to name in that file. */
    record Import(String file, int line, Map<Kind, Map<String, String>> names) {}

    final String file;
    final Map<Kind, Map<String, XmlNode>> definitions = new HashMap<>();
    final List<Import> imports = new ArrayList<>();

    Document(String file, XmlNode root) throws DataModelFormatException {
        this.file = file;
        if (!root.name.equals("document")) {
            throw new DataModelFormatException(file, root.line,
                    "root element is <" + root.name + ">, expected a TR-106 data-model <document>");
        }
        for (Kind k : Kind.values()) {
            definitions.put(k, new LinkedHashMap<>());
        }
        for (XmlNode c : root.children()) {
            if (c.name.equals("import")) {
                imports.add(readImport(c));
                continue;
            }
            for (Kind k : Kind.values()) {
                if (c.name.equals(k.element)) {
                    String name = c.attr("name");
                    if (name == null) {
                        throw new DataModelFormatException(file, c.line, "<" + c.name + "> without a name");
                    }
                    if (definitions.get(k).putIfAbsent(name, c) != null) {
                        throw new DataModelFormatException(file, c.line, k.element + " " + name + " defined twice");
                    }
                }
            }
        }
    }

    private Import readImport(XmlNode node) throws DataModelFormatException {
        String importFile = node.attr("file");
        if (importFile == null) {
            throw new DataModelFormatException(file, node.line, "<import> without a file");
        }
        Map<Kind, Map<String, String>> names = new HashMap<>();
        for (XmlNode c : node.children()) {
            for (Kind k : Kind.values()) {
                if (c.name.equals(k.element)) {
                    String name = c.attr("name");
                    if (name == null) {
                        throw new DataModelFormatException(file, c.line, "imported " + c.name + " without a name");
                    }
                    names.computeIfAbsent(k, x -> new HashMap<>()).put(name, c.attr("ref", name));
                }
            }
        }
        return new Import(importFile, node.line, names);
    }

    List<XmlNode> models() {
        return List.copyOf(definitions.get(Kind.MODEL).values());
    }
}
