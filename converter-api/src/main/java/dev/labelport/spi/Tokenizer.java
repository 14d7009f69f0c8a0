package dev.labelport.spi;

import dev.labelport.model.Token;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a text into tokens, for token formats (CoNLL, Hugging Face token classification,
 * Azure NER) writing items that come without tokens (from span formats: Comprehend, Vertex).
 * Offsets are code points, like every text offset in the model; a token's text is exactly the
 * text between its offsets. Spans that do not fall on the tokens' bounds are widened to whole
 * tokens and reported as {@code SPAN_NOT_ON_TOKENS}, so the tokenizer decides what a span format
 * loses on the way. Given with {@code ConversionOptions.tokenizer} ({@code --tokenizer} on the
 * command line); implementations are stateless and thread-safe.
 */
@FunctionalInterface
public interface Tokenizer {

    /** The tokens of {@code text}, in order, not overlapping. */
    List<Token> tokenize(String text);

    /**
     * The default: tokens are the runs between Unicode whitespace ({@link Character#isWhitespace}
     * or {@link Character#isSpaceChar}); punctuation stays attached ({@code "Hi, Bob."} gives
     * {@code Hi,} and {@code Bob.}). What a token format rebuilds as text is then the original
     * text with its whitespace runs made single spaces.
     */
    static Tokenizer whitespace() {
        return text -> split(text, false);
    }

    /**
     * Whitespace, and every punctuation or symbol character on its own ({@code "Hi, Bob."} gives
     * {@code Hi}, {@code ,}, {@code Bob}, {@code .}), as CoNLL-2003 and most NER corpora are
     * tokenized; spans that end before a comma then stay on token bounds.
     */
    static Tokenizer punctuation() {
        return text -> split(text, true);
    }

    /** The built-in tokenizer with that name ({@code whitespace}, {@code punctuation}), or {@code null}. */
    static Tokenizer named(String name) {
        switch (name) {
            case "whitespace":
                return whitespace();
            case "punctuation":
                return punctuation();
            default:
                return null;
        }
    }

    private static List<Token> split(String text, boolean punctuation) {
        List<Token> out = new ArrayList<>();
        int cp = 0;
        int start = -1;
        int startChar = -1;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            int next = i + Character.charCount(c);
            boolean space = Character.isWhitespace(c) || Character.isSpaceChar(c);
            boolean alone = punctuation && !space && isPunctuation(c);
            if ((space || alone) && start >= 0) {
                out.add(new Token(text.substring(startChar, i), start, cp, List.of()));
                start = -1;
            }
            if (alone) {
                out.add(new Token(text.substring(i, next), cp, cp + 1, List.of()));
            } else if (!space && start < 0) {
                start = cp;
                startChar = i;
            }
            i = next;
            cp++;
        }
        if (start >= 0) {
            out.add(new Token(text.substring(startChar), start, cp, List.of()));
        }
        return out;
    }

    private static boolean isPunctuation(int c) {
        switch (Character.getType(c)) {
            case Character.CONNECTOR_PUNCTUATION:
                return false; // '_' stays inside words
            case Character.DASH_PUNCTUATION:
            case Character.START_PUNCTUATION:
            case Character.END_PUNCTUATION:
            case Character.INITIAL_QUOTE_PUNCTUATION:
            case Character.FINAL_QUOTE_PUNCTUATION:
            case Character.OTHER_PUNCTUATION:
            case Character.MATH_SYMBOL:
            case Character.CURRENCY_SYMBOL:
            case Character.MODIFIER_SYMBOL:
                return true;
            default:
                return false;
        }
    }
}
