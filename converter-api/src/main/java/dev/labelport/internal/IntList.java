package dev.labelport.internal;

import java.util.Arrays;

/** A growable {@code int[]}, to index millions of records without boxing. */
public final class IntList {
    private int[] a;
    private int size;

    public IntList(int capacity) {
        a = new int[Math.max(4, capacity)];
    }

    public void add(int v) {
        if (size == a.length) {
            a = Arrays.copyOf(a, a.length + (a.length >> 1));
        }
        a[size++] = v;
    }

    public int get(int i) {
        return a[i];
    }

    public void set(int i, int v) {
        a[i] = v;
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
