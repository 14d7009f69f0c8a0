package dev.labelport.spi;

/**
 * One option a format understands, for listings and validation.
 *
 * @param name         key as given to {@code --option}
 * @param appliesTo    whether it is a reading or writing option (or both)
 * @param defaultValue the default, as text
 * @param description  one line
 */
public record OptionSpec(String name, Direction appliesTo, String defaultValue, String description) {
    /** Which side of a conversion an option affects. */
    public enum Direction { READ, WRITE, BOTH }

    public boolean appliesToRead() {
        return appliesTo != Direction.WRITE;
    }

    public boolean appliesToWrite() {
        return appliesTo != Direction.READ;
    }
}
