package dev.labelport;

/** What happens to item, annotation and category ids on the way through. */
public enum IdPolicy {
    /** Ids stay as the source wrote them, strings and 0 included (the default). */
    KEEP,
    /** Items, annotations and categories are renumbered 1, 2, 3... in source order. */
    RENUMBER_FROM_1,
    /** Items, annotations and categories are renumbered 0, 1, 2... in source order. */
    RENUMBER_FROM_0
}
