package io.usp4j.datamodel.xml;

import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads a data-model document into {@link XmlNode}s with the JDK's StAX parser, hardened against XXE:
 * the internal DTD subset is allowed (TR-106 documents declare pattern entities such as {@code &octet;}),
 * but external DTDs and external entities are refused, and the JDK's entity expansion limits apply.
 * Text content and the elements the loader never needs (descriptions, bibliography, templates, profiles)
 * are not kept.
 */
final class XmlTreeReader {
    private static final Set<String> SKIPPED = Set.of(
            "description", "bibliography", "template", "profile", "glossary", "abbreviations");

    private static final XMLInputFactory FACTORY = createFactory();

    private XmlTreeReader() {}

    private static XMLInputFactory createFactory() {
        XMLInputFactory f = XMLInputFactory.newDefaultFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, Boolean.TRUE);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, Boolean.FALSE);
        f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, Boolean.TRUE);
        f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, Boolean.TRUE);
        f.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        f.setXMLResolver((publicId, systemId, baseUri, namespace) -> {
            throw new XMLStreamException("external entity or DTD refused: " + systemId);
        });
        return f;
    }

    /** Parses a whole document; the stream is not closed. */
    static XmlNode read(InputStream in, String file) throws DataModelFormatException {
        XMLStreamReader r;
        try {
            r = FACTORY.createXMLStreamReader(in);
        } catch (XMLStreamException e) {
            throw wrap(e, file);
        }
        try {
            XmlNode root = parse(r, file);
            r.close();
            return root;
        } catch (XMLStreamException e) {
            throw closeAfterFailure(r, wrap(e, file));
        } catch (DataModelFormatException e) {
            throw closeAfterFailure(r, e);
        }
    }

    private static DataModelFormatException closeAfterFailure(XMLStreamReader r, DataModelFormatException failure) {
        try {
            r.close();
        } catch (XMLStreamException e) {
            failure.addSuppressed(e);
        }
        return failure;
    }

    private static DataModelFormatException wrap(XMLStreamException e, String file) {
        Location loc = e.getLocation();
        return new DataModelFormatException(file, loc == null ? -1 : loc.getLineNumber(),
                "not a well-formed or allowed XML document: " + e.getMessage(), e);
    }

    private static XmlNode parse(XMLStreamReader r, String file) throws XMLStreamException, DataModelFormatException {
        Deque<XmlNode> stack = new ArrayDeque<>();
        XmlNode root = null;
        int skipDepth = 0;
        while (r.hasNext()) {
            int event = r.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                if (skipDepth > 0 || (!stack.isEmpty() && SKIPPED.contains(r.getLocalName()))) {
                    skipDepth++;
                    continue;
                }
                int n = r.getAttributeCount();
                String[] attrs = new String[n * 2];
                for (int i = 0; i < n; i++) {
                    attrs[2 * i] = r.getAttributeLocalName(i).intern();
                    attrs[2 * i + 1] = r.getAttributeValue(i);
                }
                XmlNode node = new XmlNode(r.getLocalName().intern(), r.getLocation().getLineNumber(), attrs);
                if (stack.isEmpty()) {
                    root = node;
                } else {
                    stack.peek().add(node);
                }
                stack.push(node);
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                if (skipDepth > 0) {
                    skipDepth--;
                } else {
                    stack.pop();
                }
            } else if (event == XMLStreamConstants.ENTITY_REFERENCE) {
                throw new DataModelFormatException(file, r.getLocation().getLineNumber(),
                        "entity reference &" + r.getLocalName() + "; cannot be expanded (external entities are refused)");
            }
        }
        if (root == null) {
            throw new DataModelFormatException(file, -1, "no root element");
        }
        return root;
    }
}
