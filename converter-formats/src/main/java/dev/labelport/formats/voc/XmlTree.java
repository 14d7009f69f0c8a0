package dev.labelport.formats.voc;

import dev.labelport.error.InvalidInputException;
import dev.labelport.error.LimitExceededException;
import dev.labelport.error.Location;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
    Node parse(byte[] bytes, String source, int maxDepth) {
        String text = decode(bytes, source);
        XMLStreamReader r = null;
        try {
            r = factory.createXMLStreamReader(new StringReader(text));
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

    private static final Pattern DECLARED = Pattern.compile("^<\\?xml[^>]*?encoding\\s*=\\s*[\"']([A-Za-z][A-Za-z0-9._-]*)[\"']");

    /**
     * The document's characters: decoded here rather than by the parser so that a malformed byte
     * is a located error (the JDK parser prints such errors to standard error as well). The
     * encoding comes from a byte-order mark, the XML declaration, or is UTF-8.
     */
    static String decode(byte[] b, String source) {
        Charset cs = StandardCharsets.UTF_8;
        int skip = 0;
        if (b.length >= 3 && (b[0] & 0xff) == 0xEF && (b[1] & 0xff) == 0xBB && (b[2] & 0xff) == 0xBF) {
            skip = 3;
        } else if (b.length >= 2 && (b[0] & 0xff) == 0xFE && (b[1] & 0xff) == 0xFF) {
            cs = StandardCharsets.UTF_16BE;
            skip = 2;
        } else if (b.length >= 2 && (b[0] & 0xff) == 0xFF && (b[1] & 0xff) == 0xFE) {
            cs = StandardCharsets.UTF_16LE;
            skip = 2;
        } else if (b.length >= 4 && b[0] == 0 && b[1] == '<' && b[2] == 0 && b[3] == '?') {
            cs = StandardCharsets.UTF_16BE;
        } else if (b.length >= 4 && b[0] == '<' && b[1] == 0 && b[2] == '?' && b[3] == 0) {
            cs = StandardCharsets.UTF_16LE;
        } else {
            Matcher m = DECLARED.matcher(new String(b, 0, Math.min(b.length, 256), StandardCharsets.ISO_8859_1));
            if (m.find() && !m.group(1).toUpperCase(java.util.Locale.ROOT).startsWith("UTF-16")) {
                try {
                    cs = Charset.forName(m.group(1));
                } catch (IllegalArgumentException e) {
                    throw new InvalidInputException(new Location(source, 1, m.start(1) + 1, m.start(1), null),
                            "unsupported encoding " + m.group(1));
                }
            }
        }
        CharsetDecoder d = cs.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(b, skip, b.length - skip);
        CharBuffer out = CharBuffer.allocate((int) Math.min(Integer.MAX_VALUE - 16, (long) (b.length * (double) d.maxCharsPerByte()) + 16));
        CoderResult res = d.decode(in, out, true);
        if (!res.isError()) {
            res = d.flush(out);
        }
        if (res.isError()) {
            int at = in.position();
            long line = 1;
            int lineStart = 0;
            for (int i = 0; i < at; i++) {
                if (b[i] == '\n') {
                    line++;
                    lineStart = i + 1;
                }
            }
            throw new InvalidInputException(new Location(source, line, at - lineStart + 1, at, null),
                    "not " + cs.name() + " text (malformed bytes)");
        }
        return out.flip().toString();
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
