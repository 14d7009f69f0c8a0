package dev.labelport;

/**
 * Bounds checked before anything is allocated from declared or measured sizes, so hostile input
 * fails fast instead of costing memory. Immutable; start from {@link #DEFAULTS}.
 *
 * @param maxStringLength      longest JSON string or text field, in chars
 * @param maxNestingDepth      deepest JSON nesting
 * @param maxPolygonVertices   most vertices in one polygon part or polyline
 * @param maxRleCounts         most run lengths in one mask
 * @param maxImageDimension    largest declared image width or height, in pixels
 * @param maxTokensPerItem     most tokens in one text item
 * @param maxLineLength        longest line in a line-based format, in chars
 * @param maxCategories        most categories
 */
public record Limits(int maxStringLength, int maxNestingDepth, int maxPolygonVertices, int maxRleCounts,
                     int maxImageDimension, int maxTokensPerItem, int maxLineLength, int maxCategories) {

    /** Generous for real datasets (a 100k-pixel-wide image, a 1M-vertex polygon), tight for abuse. */
    public static final Limits DEFAULTS = new Limits(50_000_000, 200, 1_000_000, 10_000_000, 1 << 17,
            1_000_000, 10_000_000, 100_000);

    public Limits {
        positive(maxStringLength, "maxStringLength");
        positive(maxNestingDepth, "maxNestingDepth");
        positive(maxPolygonVertices, "maxPolygonVertices");
        positive(maxRleCounts, "maxRleCounts");
        positive(maxImageDimension, "maxImageDimension");
        positive(maxTokensPerItem, "maxTokensPerItem");
        positive(maxLineLength, "maxLineLength");
        positive(maxCategories, "maxCategories");
    }

    private static void positive(int v, String name) {
        if (v <= 0) {
            throw new IllegalArgumentException(name + " must be positive: " + v);
        }
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    public static Builder builder() {
        return new Builder(DEFAULTS);
    }

    /** Builds {@link Limits} starting from another instance. */
    public static final class Builder {
        private int maxStringLength, maxNestingDepth, maxPolygonVertices, maxRleCounts, maxImageDimension,
                maxTokensPerItem, maxLineLength, maxCategories;

        private Builder(Limits l) {
            maxStringLength = l.maxStringLength;
            maxNestingDepth = l.maxNestingDepth;
            maxPolygonVertices = l.maxPolygonVertices;
            maxRleCounts = l.maxRleCounts;
            maxImageDimension = l.maxImageDimension;
            maxTokensPerItem = l.maxTokensPerItem;
            maxLineLength = l.maxLineLength;
            maxCategories = l.maxCategories;
        }

        public Builder maxStringLength(int v) { maxStringLength = v; return this; }
        public Builder maxNestingDepth(int v) { maxNestingDepth = v; return this; }
        public Builder maxPolygonVertices(int v) { maxPolygonVertices = v; return this; }
        public Builder maxRleCounts(int v) { maxRleCounts = v; return this; }
        public Builder maxImageDimension(int v) { maxImageDimension = v; return this; }
        public Builder maxTokensPerItem(int v) { maxTokensPerItem = v; return this; }
        public Builder maxLineLength(int v) { maxLineLength = v; return this; }
        public Builder maxCategories(int v) { maxCategories = v; return this; }

        public Limits build() {
            return new Limits(maxStringLength, maxNestingDepth, maxPolygonVertices, maxRleCounts, maxImageDimension,
                    maxTokensPerItem, maxLineLength, maxCategories);
        }
    }
}
