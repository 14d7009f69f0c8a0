package dev.labelport.formats.conll;

/** A tag that breaks its {@link TagScheme}, thrown by strict decoding. */
public final class InvalidTagException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final int index;
    private final String tag;
    private final String problem;

    public InvalidTagException(int index, String tag, String problem) {
        super("tag " + (index + 1) + " '" + tag + "': " + problem);
        this.index = index;
        this.tag = tag;
        this.problem = problem;
    }

    /** 0-based index of the token. */
    public int index() {
        return index;
    }

    /** The tag as written. */
    public String tag() {
        return tag;
    }

    /** What is wrong with it. */
    public String problem() {
        return problem;
    }
}
