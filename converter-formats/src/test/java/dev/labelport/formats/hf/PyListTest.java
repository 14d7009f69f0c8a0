package dev.labelport.formats.hf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labelport.json.JsonBoolean;
import dev.labelport.json.JsonNull;
import dev.labelport.json.JsonNumber;
import dev.labelport.json.JsonString;
import dev.labelport.json.JsonValue;
import java.util.List;
import org.junit.jupiter.api.Test;

class PyListTest {
    private static List<JsonValue> parse(String s) throws PyList.SyntaxException {
        return PyList.parse(s, 100);
    }

    private static JsonValue str(String s) {
        return new JsonString(s);
    }

    @Test
    void readsPythonReprAndJson() throws PyList.SyntaxException {
        assertEquals(List.of(str("EU"), str("don't"), str("a\"b")), parse("['EU', \"don't\", 'a\\\"b']"));
        assertEquals(List.of(str("EU"), str("x")), parse("[\"EU\",\"x\"]"));
        assertEquals(List.of(JsonNumber.of(0), JsonNumber.of(-3)), parse(" [0, -3] "));
        assertEquals(List.of(JsonNull.INSTANCE, JsonBoolean.TRUE, str("u")), parse("[None, True, u'u',]"));
        assertEquals(List.of(), parse("[]"));
    }

    @Test
    void readsPythonEscapes() throws PyList.SyntaxException {
        assertEquals(List.of(str("\u00e9\u0301\uD83D\uDE00\n\t\\\u0007\u0000\\q")),
                parse("['\\xe9\\u0301\\U0001f600\\n\\t\\\\\\a\\0\\q']"));
        assertEquals(List.of(str("\uD83D\uDE00")), parse("[\"\\ud83d\\ude00\"]"), "JSON surrogate pair");
    }

    @Test
    void writesCPythonRepr() {
        assertEquals("['EU', \"don't\", 'say \"hi\"', 'both \\' \"', 'a\\\\b', 'line\\nbreak', '\\x00\\u2028', '😀🇫🇷']",
                PyList.formatStrings(List.of("EU", "don't", "say \"hi\"", "both ' \"", "a\\b", "line\nbreak", "\u0000\u2028", "😀🇫🇷")));
        assertEquals("[0, 3]", PyList.formatInts(List.of(0, 3)));
    }

    @Test
    void malformedLiteralsSayWhere() {
        PyList.SyntaxException e = assertThrows(PyList.SyntaxException.class, () -> parse("['a', 'b"));
        assertEquals(6, e.offset);
        assertTrue(e.getMessage().contains("unterminated string literal"), e.getMessage());
        assertTrue(assertThrows(PyList.SyntaxException.class, () -> parse("['a'")).getMessage().contains("unterminated list"));
        assertTrue(assertThrows(PyList.SyntaxException.class, () -> parse("['a'] x")).getMessage().contains("after the closing"));
        assertTrue(assertThrows(PyList.SyntaxException.class, () -> parse("[a]")).getMessage().contains("expected a quoted string"));
        assertTrue(assertThrows(PyList.SyntaxException.class, () -> PyList.parse("[1, 2, 3]", 2)).tooMany);
    }
}
