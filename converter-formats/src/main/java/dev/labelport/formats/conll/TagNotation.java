package dev.labelport.formats.conll;

/**
 * How the chunk letter of a tag is spelled: before the type ({@code B-PER}, the usual way) or
 * after it ({@code PER-B}, seqeval's {@code suffix=True}), in upper or lower case
 * ({@code b-per}), and whether the single/end letters of {@link TagScheme#BIOES} are written
 * {@code S}/{@code E} or BILOU's {@code U}/{@code L}.
 *
 * <p>Parsing accepts either letter case and both letter sets whatever the notation says; the
 * notation decides where the letter is looked for and how {@link TagScheme#encode} writes it.
 *
 * @param suffix       the letter follows the type ({@code PER-B})
 * @param lowerCase    letters (and the outside tag {@code o}) are written in lower case
 * @param bilouLetters single-token and end letters are written {@code U} and {@code L}
 */
public record TagNotation(boolean suffix, boolean lowerCase, boolean bilouLetters) {

    /** {@code B-PER}, {@code I-PER}, {@code E-PER}, {@code S-PER}, {@code O}. */
    public static final TagNotation DEFAULT = new TagNotation(false, false, false);

    /** The letter of an outside token. */
    static final char OUTSIDE = 'O';
    /** The pseudo-letter of a label without a prefix ({@code PER}, or anything in {@link TagScheme#BARE}). */
    static final char BARE = 'X';

    /** Writes a tag; {@code letter} is one of {@code O B I E S X}. */
    String format(char letter, String type) {
        if (letter == OUTSIDE) {
            return lowerCase ? "o" : "O";
        }
        if (letter == BARE) {
            return type;
        }
        char l = letter;
        if (bilouLetters) {
            l = l == 'E' ? 'L' : l == 'S' ? 'U' : l;
        }
        if (lowerCase) {
            l = Character.toLowerCase(l);
        }
        return suffix ? type + '-' + l : l + "-" + type;
    }

    /** Reads a tag of a prefixed scheme: the letter (normalised to {@code O B I E S X}) and type. */
    Parsed parse(String tag) {
        if (tag.isEmpty() || tag.equals("O") || lowerCase && tag.equals("o")) {
            return Parsed.OUTSIDE_TAG;
        }
        int n = tag.length();
        if (n >= 3) {
            int letterAt = suffix ? n - 1 : 0;
            int dashAt = suffix ? n - 2 : 1;
            char letter = letter(tag.charAt(letterAt));
            if (letter != 0 && tag.charAt(dashAt) == '-') {
                return new Parsed(letter, suffix ? tag.substring(0, n - 2) : tag.substring(2));
            }
        }
        return new Parsed(BARE, tag);
    }

    /** Reads a tag of {@link TagScheme#BARE}: everything but {@code O} (or an empty tag) is a label. */
    Parsed parseBare(String tag) {
        return tag.isEmpty() || tag.equals("O") ? Parsed.OUTSIDE_TAG : new Parsed(BARE, tag);
    }

    /** The normalised chunk letter for {@code c}, or 0 when {@code c} is not one. */
    static char letter(char c) {
        return switch (Character.toUpperCase(c)) {
            case 'B' -> 'B';
            case 'I' -> 'I';
            case 'E', 'L' -> 'E';
            case 'S', 'U' -> 'S';
            default -> 0;
        };
    }

    @Override
    public String toString() {
        return (suffix ? "suffix" : "prefix") + (lowerCase ? ", lower-case" : "") + (bilouLetters ? ", BILOU letters" : "");
    }

    /** One tag read: a normalised letter and the entity type (empty for outside). */
    record Parsed(char letter, String type) {
        static final Parsed OUTSIDE_TAG = new Parsed(OUTSIDE, "");
    }
}
