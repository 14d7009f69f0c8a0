package dev.labelport.formats.conll;

/**
 * Guesses the {@link TagScheme} and {@link TagNotation} of a file from a sample of its tags,
 * fed in order with sentence boundaries. The rule, in order:
 * <ol>
 *   <li>notation: the letter is a suffix ({@code PER-B}) when more tags read as a suffix than as
 *       a prefix; lower case when more letters are lower than upper case; BILOU letters when
 *       {@code L-}/{@code U-} occur and {@code E-}/{@code S-} do not;</li>
 *   <li>no prefixed tag but some other label than {@code O}: {@link TagScheme#BARE};</li>
 *   <li>an {@code E-}/{@code S-} (or {@code L-}/{@code U-}) letter: {@link TagScheme#BIOES};</li>
 *   <li>an {@code I-T} that does not continue a chunk of type {@code T} (chunks start with
 *       {@code I-}): {@link TagScheme#IOB1}. This includes files with only {@code I-}: IOB1 and
 *       {@link TagScheme#IO} decode them identically, and IOB1 can also write adjacent chunks
 *       of one type, so {@code io} is only used when asked for;</li>
 *   <li>otherwise (chunks start with {@code B-}, or no entity at all): {@link TagScheme#IOB2}.</li>
 * </ol>
 * A file that mixes conventions (chunks starting with {@code B-} after {@code O} and others
 * starting with {@code I-}: an IOB2 file with errors, or conlleval predictions) is decoded as
 * IOB1, which accepts both and reads them exactly as conlleval does; validating such a file as
 * IOB2 takes an explicit {@code scheme=iob2}.
 */
public final class TagSchemeDetector {
    private final Form prefix = new Form(false);
    private final Form suffix = new Form(true);
    private long bare;
    private long tags;

    /** Feeds the next tag of the current sentence. */
    public void tag(String tag) {
        tags++;
        boolean p = prefix.accept(tag);
        boolean s = suffix.accept(tag);
        if (!p && !s && !tag.isEmpty() && !tag.equals("O") && !tag.equals("o")) {
            bare++;
        }
    }

    /** Marks the end of a sentence. */
    public void endSentence() {
        prefix.previousType = null;
        suffix.previousType = null;
    }

    /** How many tags were fed. */
    public long tagCount() {
        return tags;
    }

    /** The notation the sample uses. */
    public TagNotation notation() {
        Form f = form();
        boolean bilou = (f.letterL || f.letterU) && !f.letterE && !f.letterS;
        return new TagNotation(f == suffix, f.lower > f.upper, bilou);
    }

    /** The scheme the sample uses. */
    public TagScheme scheme() {
        Form f = form();
        if (f.count == 0) {
            return bare > 0 ? TagScheme.BARE : TagScheme.IOB2;
        }
        if (f.letterE || f.letterS || f.letterL || f.letterU) {
            return TagScheme.BIOES;
        }
        if (f.iStarts > 0) {
            return TagScheme.IOB1;
        }
        return TagScheme.IOB2;
    }

    /** Chunks that start with {@code B-} after {@code O}, another type or a sentence start. */
    public long chunksStartingWithB() {
        return form().bStarts;
    }

    /** Chunks that start with {@code I-}. */
    public long chunksStartingWithI() {
        return form().iStarts;
    }

    private Form form() {
        return suffix.count > prefix.count ? suffix : prefix;
    }

    /** Statistics of the tags read one way (letter before or after the type). */
    private static final class Form {
        final boolean isSuffix;
        long count;
        long lower;
        long upper;
        long iStarts;
        long bStarts;
        boolean letterE;
        boolean letterS;
        boolean letterL;
        boolean letterU;
        String previousType;

        Form(boolean isSuffix) {
            this.isSuffix = isSuffix;
        }

        /** True when {@code tag} reads as prefixed this way. */
        boolean accept(String tag) {
            int n = tag.length();
            char raw = n < 3 ? 0 : tag.charAt(isSuffix ? n - 1 : 0);
            char letter = TagNotation.letter(raw);
            if (letter == 0 || tag.charAt(isSuffix ? n - 2 : 1) != '-') {
                previousType = null;
                return false;
            }
            String type = isSuffix ? tag.substring(0, n - 2) : tag.substring(2);
            count++;
            if (Character.isLowerCase(raw)) {
                lower++;
            } else {
                upper++;
            }
            switch (Character.toUpperCase(raw)) {
                case 'E' -> letterE = true;
                case 'S' -> letterS = true;
                case 'L' -> letterL = true;
                case 'U' -> letterU = true;
                case 'I' -> {
                    if (!type.equals(previousType)) {
                        iStarts++;
                    }
                }
                case 'B' -> {
                    if (!type.equals(previousType)) {
                        bStarts++;
                    }
                }
                default -> { }
            }
            previousType = letter == 'E' || letter == 'S' ? null : type;
            return true;
        }
    }
}
