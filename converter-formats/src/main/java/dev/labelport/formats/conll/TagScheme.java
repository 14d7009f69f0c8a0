package dev.labelport.formats.conll;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A token tagging scheme, and the conversion between a sentence's tags and its chunks (entity
 * spans in token indices). Reused by every token format.
 *
 * <table>
 *   <caption>Schemes; a chunk of type {@code T} over three tokens, then one over a single token</caption>
 *   <tr><th>scheme</th><th>3 tokens</th><th>1 token</th><th>rule</th></tr>
 *   <tr><td>{@link #IOB1}</td><td>{@code I-T I-T I-T}</td><td>{@code I-T}</td>
 *       <td>{@code B-T} only starts a chunk right after another chunk of type {@code T}
 *           (original CoNLL-2003)</td></tr>
 *   <tr><td>{@link #IOB2}</td><td>{@code B-T I-T I-T}</td><td>{@code B-T}</td><td>every chunk starts with {@code B-} (BIO)</td></tr>
 *   <tr><td>{@link #BIOES}</td><td>{@code B-T I-T E-T}</td><td>{@code S-T}</td>
 *       <td>IOBES; BILOU's {@code L}/{@code U} are read as {@code E}/{@code S}</td></tr>
 *   <tr><td>{@link #IO}</td><td>{@code I-T I-T I-T}</td><td>{@code I-T}</td>
 *       <td>no chunk boundaries: adjacent chunks of one type merge</td></tr>
 *   <tr><td>{@link #BARE}</td><td>{@code T T T}</td><td>{@code T}</td>
 *       <td>labels without prefix; a run of equal labels is one chunk</td></tr>
 * </table>
 *
 * <p>Decoding is conlleval-compatible: an {@code I-T} that does not continue a chunk of type
 * {@code T} starts one. In the schemes where that is invalid ({@link #IOB2}, {@link #BIOES}),
 * and for letters the scheme does not use, a {@link InvalidTagListener} is told; the strict
 * {@link #decode(List)} throws {@link InvalidTagException}, a listener that returns makes the
 * decoder repair the sequence that way. Encoding writes the canonical tags of the scheme.
 *
 * <pre>{@code
 * List<Chunk> chunks = TagScheme.IOB1.decode(List.of("I-PER", "I-PER", "O", "I-LOC"));
 * // [Chunk[PER, 0, 2], Chunk[LOC, 3, 4]]
 * List<String> bioes = TagScheme.BIOES.encode(chunks, 4); // [B-PER, E-PER, O, S-LOC]
 * }</pre>
 */
public enum TagScheme {
    /** Original CoNLL-2003: chunks start with {@code I-}; {@code B-} separates adjacent chunks of one type. */
    IOB1("BIO"),
    /** BIO: every chunk starts with {@code B-}. */
    IOB2("BIO"),
    /** IOBES/BILOU: {@code S-} single tokens, {@code B- I- E-} longer chunks. */
    BIOES("BIOES"),
    /** Only {@code I-}: adjacent chunks of one type cannot be told apart. */
    IO("IO"),
    /** Labels without prefix; a run of equal labels is one chunk. */
    BARE("XO");

    private final String letters;

    TagScheme(String letters) {
        this.letters = letters;
    }

    /** A chunk: entity {@code type} over tokens {@code [start, end)}. */
    public record Chunk(String type, int start, int end) {
        public Chunk {
            Objects.requireNonNull(type, "type");
            if (start < 0 || end <= start) {
                throw new IllegalArgumentException("invalid chunk [" + start + ", " + end + ")");
            }
        }
    }

    /** Told about each tag that breaks the scheme; returning normally asks the decoder to repair. */
    @FunctionalInterface
    public interface InvalidTagListener {
        /**
         * @param index   0-based token index
         * @param tag     the tag as written
         * @param problem what is wrong, for a message
         */
        void invalid(int index, String tag, String problem);
    }

    /** A listener that throws {@link InvalidTagException}. */
    public static final InvalidTagListener STRICT = (index, tag, problem) -> {
        throw new InvalidTagException(index, tag, problem);
    };

    /** Lower-case name as used by the {@code scheme} option. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The scheme named {@code name} (case-insensitive; {@code bio} = IOB2, {@code iobes} and
     * {@code bilou} = BIOES), or {@code null}.
     */
    public static TagScheme fromName(String name) {
        return switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "iob1" -> IOB1;
            case "iob2", "bio" -> IOB2;
            case "bioes", "iobes", "bilou" -> BIOES;
            case "io" -> IO;
            case "bare" -> BARE;
            default -> null;
        };
    }

    /** Strict decoding with the {@link TagNotation#DEFAULT default notation}. */
    public List<Chunk> decode(List<String> tags) {
        return decode(tags, TagNotation.DEFAULT, STRICT);
    }

    /** Decodes one sentence's tags into chunks, in order; invalid tags go to {@code listener}. */
    public List<Chunk> decode(List<String> tags, TagNotation notation, InvalidTagListener listener) {
        Decoder d = new Decoder(tags.size());
        for (int i = 0; i < tags.size(); i++) {
            String tag = tags.get(i);
            TagNotation.Parsed p = this == BARE ? notation.parseBare(tag) : notation.parse(tag);
            d.accept(i, tag, p, listener);
        }
        d.end(tags, listener);
        return d.chunks;
    }

    /** Canonical tags in the {@link TagNotation#DEFAULT default notation}. */
    public List<String> encode(List<Chunk> chunks, int tokenCount) {
        return encode(chunks, tokenCount, TagNotation.DEFAULT);
    }

    /**
     * The canonical tags for {@code chunks} over {@code tokenCount} tokens. Chunks must be in
     * order and must not overlap. In {@link #IO} and {@link #BARE} adjacent chunks of one type
     * come back merged: compare {@code decode(encode(c))} with {@code c} to find out.
     */
    public List<String> encode(List<Chunk> chunks, int tokenCount, TagNotation notation) {
        String outside = notation.format(TagNotation.OUTSIDE, "");
        List<String> tags = new ArrayList<>(Collections.nCopies(tokenCount, outside));
        Chunk prev = null;
        for (Chunk c : chunks) {
            if (c.end() > tokenCount || prev != null && c.start() < prev.end()) {
                throw new IllegalArgumentException("chunks must be in order, not overlap and lie within "
                        + tokenCount + " tokens: " + (prev == null ? "" : prev + " then ") + c);
            }
            boolean afterSameType = prev != null && prev.end() == c.start() && prev.type().equals(c.type());
            for (int i = c.start(); i < c.end(); i++) {
                tags.set(i, notation.format(letter(c, i, afterSameType), c.type()));
            }
            prev = c;
        }
        return tags;
    }

    private char letter(Chunk c, int i, boolean afterSameType) {
        boolean first = i == c.start();
        boolean last = i == c.end() - 1;
        return switch (this) {
            case IOB1 -> first && afterSameType ? 'B' : 'I';
            case IOB2 -> first ? 'B' : 'I';
            case BIOES -> first && last ? 'S' : first ? 'B' : last ? 'E' : 'I';
            case IO -> 'I';
            case BARE -> TagNotation.BARE;
        };
    }

    /** Whether the scheme uses {@code letter} ({@code O B I E S X}). */
    boolean uses(char letter) {
        return letters.indexOf(letter) >= 0;
    }

    /** The conlleval-style state machine of one sentence. */
    private final class Decoder {
        final List<Chunk> chunks;
        String openType;
        int openStart = -1;
        /** The open chunk was already reported, so its end is not reported again. */
        boolean openReported;

        Decoder(int tokens) {
            chunks = new ArrayList<>(Math.min(tokens, 64));
        }

        void accept(int i, String tag, TagNotation.Parsed p, InvalidTagListener listener) {
            char l = p.letter();
            boolean reported = false;
            if (!uses(l)) {
                listener.invalid(i, tag, l == TagNotation.BARE
                        ? "'" + tag + "' has no chunk prefix (" + prefixes() + ")"
                        : "the " + l + "- letter is not part of the " + id() + " scheme (" + prefixes() + ")");
                reported = true;
            }
            boolean continues = openType != null && openType.equals(p.type());
            switch (l) {
                case TagNotation.OUTSIDE -> {
                    unclosed(i, tag, listener, reported);
                    close(i);
                }
                case 'B' -> {
                    unclosed(i, tag, listener, reported);
                    close(i);
                    open(p.type(), i, reported);
                }
                case 'S' -> {
                    unclosed(i, tag, listener, reported);
                    close(i);
                    chunks.add(new Chunk(p.type(), i, i + 1));
                }
                case 'I', 'E' -> {
                    if (!continues) {
                        if (!reported && (TagScheme.this == IOB2 || TagScheme.this == BIOES)) {
                            listener.invalid(i, tag, l + "-" + p.type() + " does not continue a chunk of type "
                                    + p.type() + " (" + prefixes() + ")");
                            reported = true;
                        }
                        close(i);
                        open(p.type(), i, reported);
                    }
                    if (l == 'E') {
                        close(i + 1);
                    }
                }
                default -> { // a bare label: a run of equal labels is one chunk
                    if (!continues) {
                        close(i);
                        open(p.type(), i, reported);
                    }
                }
            }
        }

        void end(List<String> tags, InvalidTagListener listener) {
            int n = tags.size();
            if (n > 0) {
                unclosed(n - 1, tags.get(n - 1), listener, false);
            }
            close(n);
        }

        /** In BIOES an open chunk must be closed with E- before anything but I-/E- of its type. */
        private void unclosed(int i, String tag, InvalidTagListener listener, boolean reported) {
            if (TagScheme.this == BIOES && openType != null && !openReported && !reported) {
                openReported = true;
                listener.invalid(i, tag, "the chunk " + openType + " started at token " + (openStart + 1)
                        + " is not closed with E-" + openType);
            }
        }

        private void open(String type, int i, boolean reported) {
            openType = type;
            openStart = i;
            openReported = reported;
        }

        private void close(int end) {
            if (openType != null) {
                chunks.add(new Chunk(openType, openStart, end));
                openType = null;
                openStart = -1;
            }
        }
    }

    private String prefixes() {
        return switch (this) {
            case IOB1 -> "iob1 uses B-, I- and O";
            case IOB2 -> "iob2 starts every chunk with B-, continues with I-";
            case BIOES -> "bioes uses B-, I-, E-, S- and O";
            case IO -> "io uses I- and O";
            case BARE -> "bare uses labels without prefix";
        };
    }
}
