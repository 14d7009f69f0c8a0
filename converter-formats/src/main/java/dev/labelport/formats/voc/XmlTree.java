package dev.labelport.formats.voc;

import dev.labelport.error.InvalidInputException;
import dev.labelport.error.LimitExceededException;
import dev.labelport.error.Location;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * One VOC annotation file parsed with the JDK's StAX reader into a small element tree. A VOC
 * file describes one image, so the tree is per-item memory, bounded by the file-size limit the
 * reader checks before parsing.
 *
 * <p>Hostile XML is refused: DTD support and external entities are off, external DTD and schema
 * access is denied, the entity resolver fails if ever called, and a {@code DOCTYPE} (the only
 * way to declare an entity, external or exponentially expanding) is an error as soon as the
 * parser reports it. Nothing outside the file is ever opened.
 */
final class XmlTree {

    /** One element: name, attributes, text (exact, for leaves), children and where it starts. */
    record Node(String name, Map<String, String> attributes, String text, List<Node> children, int line, int column) {

        /** The first child called {@code childName}, or {@code null}. */
        Node child(String childName) {
            for (Node c : children) {
                if (c.name.equals(childName)) {
                    return c;
                }
            }
            return null;
        }

        boolean isLeaf() {
            return children.isEmpty() && attributes.isEmpty();
        }
    }

    private final XMLInputFactory factory;

    XmlTree() {
        // the JDK's own implementation, whatever StAX provider is on the class path
        factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        factory.setXMLReporter((message, type, info, location) -> {
            // warnings are not errors; errors are thrown with their location
        });
        factory.setXMLResolver((publicId, systemId, baseUri, namespace) -> {
            throw new XMLStreamException("external entities are refused: " + systemId);
        });
    }

    /**
     * Parses one document. Errors carry {@code source} and the parser's line and column.
     *
     * @param maxDepth deepest element nesting accepted
     */
    Node parse(InputStream in, String source, int maxDepth) throws IOException {
        XMLStreamReader r = null;
        try {
            r = factory.createXMLStreamReader(in);
            List<Builder> stack = new ArrayList<>();
            Node root = null;
            while (r.hasNext()) {
                int event = r.next();
                switch (event) {
                    case XMLStreamConstants.DTD -> throw new InvalidInputException(at(source, r),
                            "a DOCTYPE is refused (DTDs can declare external or exponentially expanding entities)");
                    case XMLStreamConstants.ENTITY_REFERENCE -> throw new InvalidInputException(at(source, r),
                            "entity reference &" + r.getLocalName() + "; refused (only the five XML entities are read)");
                    case XMLStreamConstants.START_ELEMENT -> {
                        if (stack.size() >= maxDepth) {
                            throw new LimitExceededException(at(source, r),
                                    "XML nested deeper than " + maxDepth + " elements (Limits.maxNestingDepth)");
                        }
                        stack.add(new Builder(r));
                    }
                    case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                        if (!stack.isEmpty()) {
                            stack.get(stack.size() - 1).text.append(r.getText());
                        }
                    }
                    case XMLStreamConstants.END_ELEMENT -> {
                        Node done = stack.remove(stack.size() - 1).build();
                        if (stack.isEmpty()) {
                            root = done;
                        } else {
                            stack.get(stack.size() - 1).children.add(done);
                        }
                    }
                    default -> {
                        // comments, processing instructions, document start and end
                    }
                }
            }
            if (root == null) {
                throw new InvalidInputException(Location.of(source), "no XML element");
            }
            return root;
        } catch (XMLStreamException e) {
            javax.xml.stream.Location l = e.getLocation();
            Location where = l == null ? Location.of(source)
                    : new Location(source, l.getLineNumber(), l.getColumnNumber(), -1, null);
            throw new InvalidInputException(where, "malformed XML: " + message(e), e);
        } finally {
            if (r != null) {
                try {
                    r.close();
                } catch (XMLStreamException ignored) {
                    // nothing held beyond the stream, which the caller closes
                }
            }
        }
    }

    private static Location at(String source, XMLStreamReader r) {
        javax.xml.stream.Location l = r.getLocation();
        return new Location(source, l.getLineNumber(), l.getColumnNumber(), -1, null);
    }

    /** The parser's message without its "ParseError at [row,col]" prefix (the location says it). */
    private static String message(XMLStreamException e) {
        String m = String.valueOf(e.getMessage());
        int i = m.indexOf("Message: ");
        return i >= 0 ? m.substring(i + "Message: ".length()).strip() : m.strip();
    }

    private static final class Builder {
        final String name;
        final Map<String, String> attributes;
        final StringBuilder text = new StringBuilder();
        final List<Node> children = new ArrayList<>();
        final int line;
        final int column;

        Builder(XMLStreamReader r) {
            name = r.getLocalName();
            javax.xml.stream.Location l = r.getLocation();
            line = l.getLineNumber();
            column = l.getColumnNumber();
            int n = r.getAttributeCount();
            Map<String, String> attrs = n == 0 ? Map.of() : new LinkedHashMap<>();
            for (int i = 0; i < n; i++) {
                attrs.put(r.getAttributeLocalName(i), r.getAttributeValue(i));
            }
            attributes = attrs;
        }

        Node build() {
            return new Node(name, attributes, text.toString(), List.copyOf(children), line, column);
        }
    }
}
