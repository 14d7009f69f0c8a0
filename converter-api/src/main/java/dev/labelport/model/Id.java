package dev.labelport.model;

import java.util.Objects;

/**
 * An identifier as the source wrote it: a JSON number ({@code 42}) or a string ({@code "42"},
 * {@code "img_0001"}). The two are different ids; writers keep the form unless an id policy
 * renumbers.
 */
public record Id(String text, boolean numeric) implements Comparable<Id> {

    public Id {
        Objects.requireNonNull(text, "text");
        if (numeric && !isIntegerText(text)) {
            throw new IllegalArgumentException("not an integer id: " + text);
        }
    }

    public static Id of(long n) {
        return new Id(Long.toString(n), true);
    }

    public static Id of(String s) {
        return new Id(s, false);
    }

    /** The numeric value; only for {@link #numeric()} ids whose value fits a long. */
    public long asLong() {
        if (!numeric) {
            throw new IllegalStateException("string id: " + text);
        }
        return Long.parseLong(text);
    }

    /** True when the id is numeric, or a string holding a canonical integer that fits a long. */
    public boolean isIntegerLike() {
        return numeric || (isIntegerText(text) && (text.equals("0") || text.charAt(0) != '0'));
    }

    private static boolean isIntegerText(String s) {
        int n = s.length();
        if (n == 0 || n > 19) {
            return false;
        }
        int i = s.charAt(0) == '-' ? 1 : 0;
        if (i == n) {
            return false;
        }
        for (; i < n; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    @Override
    public int compareTo(Id o) {
        if (numeric && o.numeric) {
            return Long.compare(asLong(), o.asLong());
        }
        return text.compareTo(o.text);
    }

    @Override
    public String toString() {
        return numeric ? text : '"' + text + '"';
    }
}
