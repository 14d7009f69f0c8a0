package dev.labelport.model;

import java.util.List;
import java.util.Objects;

/**
 * The text of a text item, with optional tokens.
 *
 * @param text          the exact text
 * @param tokens        tokens with code-point offsets into {@code text}, or empty
 * @param sentenceStarts indices into {@code tokens} where sentences begin (first is 0), or empty
 * @param reconstructed true when the text was rebuilt by joining tokens with single spaces
 *                      (token formats do not keep the original whitespace)
 */
public record TextContent(String text, List<Token> tokens, List<Integer> sentenceStarts, boolean reconstructed) {
    public TextContent {
        Objects.requireNonNull(text, "text");
        tokens = List.copyOf(tokens);
        sentenceStarts = List.copyOf(sentenceStarts);
    }

    public static TextContent of(String text) {
        return new TextContent(text, List.of(), List.of(), false);
    }

    /** Text made of tokens joined with single spaces, with offsets filled in. */
    public static TextContent fromTokens(List<String> tokenTexts, List<List<String>> columns) {
        StringBuilder sb = new StringBuilder();
        java.util.ArrayList<Token> tokens = new java.util.ArrayList<>(tokenTexts.size());
        int cp = 0;
        for (int i = 0; i < tokenTexts.size(); i++) {
            if (i > 0) {
                sb.append(' ');
                cp++;
            }
            String t = tokenTexts.get(i);
            int len = t.codePointCount(0, t.length());
            tokens.add(new Token(t, cp, cp + len, columns == null ? List.of() : columns.get(i)));
            sb.append(t);
            cp += len;
        }
        return new TextContent(sb.toString(), tokens, tokens.isEmpty() ? List.of() : List.of(0), true);
    }

    /** The substring for a code-point range. */
    public String slice(int start, int end) {
        int from = text.offsetByCodePoints(0, start);
        int to = text.offsetByCodePoints(from, end - start);
        return text.substring(from, to);
    }

    /** Length in code points. */
    public int length() {
        return text.codePointCount(0, text.length());
    }
}
