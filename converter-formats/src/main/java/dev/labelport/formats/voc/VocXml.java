package dev.labelport.formats.voc;

import dev.labelport.json.JsonArray;
import dev.labelport.json.JsonBoolean;
import dev.labelport.json.JsonNull;
import dev.labelport.json.JsonNumber;
import dev.labelport.json.JsonObject;
import dev.labelport.json.JsonString;
import dev.labelport.json.JsonValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The mapping between XML elements the model has no slot for and the JSON kept in the
 * {@code voc} extension, both ways, and the small text rules VOC values follow.
 *
 * <p>An element with text only is a JSON string; any other element is an object whose XML
 * attributes are {@code "@name"} members, whose text (when not blank) is {@code "#text"} and whose
 * child elements are members by name (an array when a name repeats).
 */
final class VocXml {
    /** Extension key of the XML attributes of {@code <annotation>} or {@code <object>} (LabelImg's {@code verified}). */
    static final String XML_ATTRIBUTES = "xmlAttributes";
    /** Extension key of unknown child elements, in document order. */
    static final String ELEMENTS = "elements";
    /** Extension key of every split list naming an item, when there are several. */
    static final String SPLITS = "splits";
    /** Object children read as boolean attributes when they hold 0 or 1. */
    static final Set<String> FLAGS = Set.of("truncated", "difficult", "occluded");

    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    private VocXml() {
    }

    /** Whether {@code s} is a plain decimal number (no hex, NaN, Infinity or type suffix as Java would accept). */
    static boolean isDecimal(String s) {
        return s.length() <= 64 && DECIMAL.matcher(s).matches();
    }

    /** {@code 0}/{@code 1} as booleans; any other text kept as a string. */
    static JsonValue flag(String text) {
        return switch (text.strip()) {
            case "0" -> JsonBoolean.FALSE;
            case "1" -> JsonBoolean.TRUE;
            default -> new JsonString(text);
        };
    }

    /** A Datumaro attribute value: {@code true}/{@code false}, a JSON number, or a string. */
    static JsonValue typed(String text) {
        if (text.equals("true") || text.equals("false")) {
            return JsonBoolean.of(text.equals("true"));
        }
        try {
            return JsonNumber.parse(text);
        } catch (NumberFormatException e) {
            return new JsonString(text);
        }
    }

    static JsonObject attributes(Map<String, String> attrs) {
        Map<String, JsonValue> m = new LinkedHashMap<>();
        attrs.forEach((k, v) -> m.put(k, new JsonString(v)));
        return JsonObject.of(m);
    }

    static boolean allLeaves(XmlTree.Node n) {
        return n.children().stream().allMatch(XmlTree.Node::isLeaf);
    }

    /** Datumaro's {@code <attributes><attribute><name/><value/></attribute>...</attributes>}. */
    static boolean isDatumaroAttributes(XmlTree.Node n) {
        if (!n.attributes().isEmpty()) {
            return false;
        }
        for (XmlTree.Node a : n.children()) {
            if (!a.name().equals("attribute") || !a.attributes().isEmpty() || a.children().size() != 2
                    || a.child("name") == null || a.child("value") == null || !allLeaves(a)) {
                return false;
            }
        }
        return true;
    }

    static void datumaroAttributes(XmlTree.Node n, Map<String, JsonValue> out) {
        for (XmlTree.Node a : n.children()) {
            out.put(a.child("name").text(), typed(a.child("value").text()));
        }
    }

    /** The JSON form of an element (see the class comment). */
    static JsonValue toJson(XmlTree.Node n) {
        if (n.isLeaf()) {
            return new JsonString(n.text());
        }
        Map<String, JsonValue> m = new LinkedHashMap<>();
        n.attributes().forEach((k, v) -> m.put("@" + k, new JsonString(v)));
        if (!n.text().isBlank()) {
            m.put("#text", new JsonString(n.text()));
        }
        for (XmlTree.Node c : n.children()) {
            add(m, c.name(), toJson(c));
        }
        return JsonObject.of(m);
    }

    /** Adds a child's value, turning a repeated name into an array. */
    static void add(Map<String, JsonValue> m, String name, JsonValue value) {
        JsonValue old = m.get(name);
        if (old == null) {
            m.put(name, value);
        } else if (old instanceof JsonArray a) {
            List<JsonValue> more = new ArrayList<>(a.values());
            more.add(value);
            m.put(name, new JsonArray(more));
        } else {
            m.put(name, new JsonArray(List.of(old, value)));
        }
    }

    // ---------------------------------------------------------------- writing

    /** Whether {@code name} can be written as an element or attribute name. */
    static boolean isName(String name) {
        if (name.isEmpty() || name.length() > 200 || !(Character.isLetter(name.charAt(0)) || name.charAt(0) == '_')
                || name.regionMatches(true, 0, "xml", 0, Math.min(3, name.length())) && name.length() >= 3) {
            return false;
        }
        for (int i = 1; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.')) {
                return false;
            }
        }
        return true;
    }

    /**
     * Appends {@code <name>value</name>} (or the element a JSON object describes) at {@code depth}
     * tabs. Returns false, writing nothing, when a name cannot be written as XML.
     */
    static boolean element(StringBuilder sb, int depth, String name, JsonValue value) {
        if (!isName(name)) {
            return false;
        }
        if (value instanceof JsonArray a) {
            boolean ok = true;
            for (JsonValue v : a.values()) {
                ok &= element(sb, depth, name, v instanceof JsonArray ? new JsonString(v.toString()) : v);
            }
            return ok;
        }
        if (!(value instanceof JsonObject o)) {
            leaf(sb, depth, name, scalar(value));
            return true;
        }
        indent(sb, depth).append('<').append(name);
        boolean ok = true;
        boolean children = false;
        Map<String, JsonValue> attrs = new LinkedHashMap<>();
        for (Map.Entry<String, JsonValue> e : o.members().entrySet()) {
            String k = e.getKey();
            if (k.startsWith("@")) {
                attrs.put(k.substring(1), e.getValue());
                ok &= isName(k.substring(1));
            } else if (!k.equals("#text")) {
                children = true;
            }
        }
        attributes(sb, JsonObject.of(attrs));
        sb.append('>');
        JsonValue text = o.get("#text");
        if (text != null) {
            escape(sb, scalar(text), false);
        }
        if (children) {
            sb.append('\n');
            for (Map.Entry<String, JsonValue> e : o.members().entrySet()) {
                String k = e.getKey();
                if (!k.startsWith("@") && !k.equals("#text")) {
                    ok &= element(sb, depth + 1, k, e.getValue());
                }
            }
            indent(sb, depth);
        }
        sb.append("</").append(name).append(">\n");
        return ok;
    }

    /** Appends {@code name="value"} pairs kept from the input (names XML cannot hold are left out). */
    static void attributes(StringBuilder sb, JsonObject attrs) {
        for (Map.Entry<String, JsonValue> e : attrs.members().entrySet()) {
            if (isName(e.getKey())) {
                sb.append(' ').append(e.getKey()).append("=\"");
                escape(sb, scalar(e.getValue()), true);
                sb.append('"');
            }
        }
    }

    static void leaf(StringBuilder sb, int depth, String name, String text) {
        indent(sb, depth).append('<').append(name).append('>');
        escape(sb, text, false);
        sb.append("</").append(name).append(">\n");
    }

    static StringBuilder indent(StringBuilder sb, int depth) {
        for (int i = 0; i < depth; i++) {
            sb.append('\t');
        }
        return sb;
    }

    /** The text of a scalar: strings as they are, numbers in their lexical form, booleans as 1/0 only for flags (callers decide). */
    static String scalar(JsonValue v) {
        if (v instanceof JsonString s) {
            return s.value();
        }
        if (v instanceof JsonNumber n) {
            return n.lexical();
        }
        if (v instanceof JsonBoolean b) {
            return Boolean.toString(b.value());
        }
        if (v instanceof JsonNull) {
            return "";
        }
        return v.toString();
    }

    /** Whether every character of {@code s} can be written in XML 1.0. */
    static boolean isXmlText(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0xFFFE || c == 0xFFFF) {
                return false;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Escapes markup characters; carriage returns (and in attributes tabs and newlines) become
     * character references so a parser gives them back. Characters XML 1.0 cannot hold become
     * U+FFFD (callers check {@link #isXmlText} first and report it).
     */
    static void escape(StringBuilder sb, String s, boolean attribute) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '\r' -> sb.append("&#13;");
                case '"' -> sb.append(attribute ? "&quot;" : "\"");
                case '\t' -> sb.append(attribute ? "&#9;" : "\t");
                case '\n' -> sb.append(attribute ? "&#10;" : "\n");
                default -> {
                    if (c < 0x20 || c == 0xFFFE || c == 0xFFFF) {
                        sb.append('\uFFFD');
                    } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                        sb.append(c).append(s.charAt(++i));
                    } else if (Character.isSurrogate(c)) {
                        sb.append('\uFFFD');
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
    }
}
