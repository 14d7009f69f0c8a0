package dev.labelport.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.labelport.model.TextContent;
import dev.labelport.model.Token;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class TokenizerTest {

    private static List<String> texts(List<Token> tokens) {
        return tokens.stream().map(Token::text).toList();
    }

    @Test
    void whitespaceKeepsPunctuationOnWords() {
        assertEquals(List.of("Hi,", "Bob."), texts(Tokenizer.whitespace().tokenize("  Hi,\u00A0 Bob.\r\n")));
    }

    @Test
    void punctuationStandsAlone() {
        List<Token> t = Tokenizer.punctuation().tokenize("\uD83D\uDE00 (Hi), Bob's \"e\u0301t\u00E9\" snake_case $5.");
        assertEquals(List.of("\uD83D\uDE00", "(", "Hi", ")", ",", "Bob", "'", "s", "\"", "e\u0301t\u00E9", "\"",
                "snake_case", "$", "5", "."), texts(t));
        // offsets are code points: the emoji is one, so "(" starts at 2
        assertEquals(2, t.get(1).start());
        assertEquals(3, t.get(2).start());
        assertEquals(5, t.get(2).end());
    }

    @Test
    void builtInsByName() {
        assertEquals(List.of("a", ","), texts(Tokenizer.named("punctuation").tokenize("a,")));
        assertEquals(List.of("a,"), texts(Tokenizer.named("whitespace").tokenize("a,")));
        assertNull(Tokenizer.named("spacy"));
    }

    /** Each token's text is exactly the text between its code-point offsets, in order, not overlapping. */
    @Property(tries = 300)
    void tokensAreSlicesOfTheText(@ForAll String text) {
        for (Tokenizer tokenizer : List.of(Tokenizer.whitespace(), Tokenizer.punctuation())) {
            TextContent content = TextContent.of(text);
            int last = 0;
            for (Token token : tokenizer.tokenize(text)) {
                assertEquals(content.slice(token.start(), token.end()), token.text());
                assertEquals(true, token.start() >= last && token.end() > token.start(), token.toString());
                last = token.end();
            }
        }
    }
}
