package dev.labelport.internal;

import java.util.Arrays;

/** A growable {@code long[]}, to index millions of records without boxing. */
public final class LongList {
    private long[] a;
    private int size;

    public LongList(int capacity) {
        a = new long[Math.max(4, capacity)];
    }

    public void add(long v) {
        if (size == a.length) {
            a = Arrays.copyOf(a, a.length + (a.length >> 1));
        }
        a[size++] = v;
    }

    public long get(int i) {
        return a[i];
    }

    public int size() {
        return size;
    }

    /** Drops the growth slack (once the list is complete). */
    public void trimToSize() {
        if (a.length > size) {
            a = Arrays.copyOf(a, Math.max(4, size));
        }
    }

    /** Slots allocated (for memory accounting). */
    public int capacity() {
        return a.length;
    }
}
