package dev.labelport.formats.conll;

import dev.labelport.model.Token;
import java.util.List;

/**
 * Between character spans and token ranges, for token formats: the whitespace tokenizer used
 * when an item has no tokens, and the tokens a span covers.
 */
public final class TokenSpans {
    private TokenSpans() {
    }

    /**
     * Tokens of {@code text} split at Unicode whitespace ({@link Character#isWhitespace} or
     * {@link Character#isSpaceChar}), with code-point offsets and no extra columns. Punctuation
     * stays attached to words: {@code "Hi, Bob."} gives {@code Hi,} and {@code Bob.}. The same as
     * {@link dev.labelport.spi.Tokenizer#whitespace()}; writers use the conversion's tokenizer
     * ({@code WriteContext.tokenizer()}), which is this one unless the user picks another.
     */
    public static List<Token> whitespaceTokens(String text) {
        return dev.labelport.spi.Tokenizer.whitespace().tokenize(text);
    }

    /**
     * The tokens a span covers.
     *
     * @param first index of the first token overlapping the span
     * @param end   one past the last overlapping token
     * @param exact whether the span starts and ends exactly on those tokens' bounds
     */
    public record Range(int first, int end, boolean exact) {
    }

    /**
     * The tokens overlapping {@code [start, end)} (code points), or {@code null} when none does;
     * {@code tokens} must be in text order and must not overlap.
     */
    public static Range cover(List<Token> tokens, int start, int end) {
        int lo = 0;
        int hi = tokens.size();
        while (lo < hi) { // first token ending after start
            int mid = (lo + hi) >>> 1;
            if (tokens.get(mid).end() <= start) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        int first = lo;
        int last = first;
        while (last < tokens.size() && tokens.get(last).start() < end) {
            last++;
        }
        if (last == first) {
            // an empty span on a token's start, or no token in the range
            return null;
        }
        boolean exact = tokens.get(first).start() == start && tokens.get(last - 1).end() == end;
        return new Range(first, last, exact);
    }
}
