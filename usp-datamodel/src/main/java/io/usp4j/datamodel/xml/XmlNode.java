package io.usp4j.datamodel.xml;

import java.util.ArrayList;
import java.util.List;

/** A parsed element of a data-model document: local name, attributes, children, line. Read-only after parsing. */
final class XmlNode {
    private static final String[] NO_ATTRIBUTES = new String[0];

    final String name;
    final int line;
    private final String[] attributes;
    private List<XmlNode> children = List.of();

    XmlNode(String name, int line, String[] attributes) {
        this.name = name;
        this.line = line;
        this.attributes = attributes.length == 0 ? NO_ATTRIBUTES : attributes;
    }

    String attr(String attrName) {
        for (int i = 0; i < attributes.length; i += 2) {
            if (attributes[i].equals(attrName)) {
                return attributes[i + 1];
            }
        }
        return null;
    }

    String attr(String attrName, String fallback) {
        String v = attr(attrName);
        return v == null ? fallback : v;
    }

    List<XmlNode> children() {
        return children;
    }

    XmlNode child(String childName) {
        for (XmlNode c : children) {
            if (c.name.equals(childName)) {
                return c;
            }
        }
        return null;
    }

    void add(XmlNode child) {
        if (children.isEmpty()) {
            children = new ArrayList<>(4);
        }
        children.add(child);
    }
}
