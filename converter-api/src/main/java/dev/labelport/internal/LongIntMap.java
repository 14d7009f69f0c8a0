package dev.labelport.internal;

import java.util.Arrays;

/**
 * An open-addressing {@code long -> int} map for the numeric ids of big files: no boxing, no
 * per-entry objects, about 24 bytes per key at the load factor kept here.
 */
public final class LongIntMap {
    /** Returned by {@link #get} for a missing key. */
    public static final int MISSING = Integer.MIN_VALUE;

    private long[] keys = new long[64];
    private int[] values = new int[64];
    private boolean[] used = new boolean[64];
    private int size;

    public int get(long key) {
        int mask = keys.length - 1;
        for (int i = slot(key, mask); used[i]; i = (i + 1) & mask) {
            if (keys[i] == key) {
                return values[i];
            }
        }
        return MISSING;
    }

    /** Associates {@code value} with {@code key}, replacing any value it had. */
    public void put(long key, int value) {
        if ((size + 1) * 3 > keys.length * 2) {
            grow();
        }
        int mask = keys.length - 1;
        int i = slot(key, mask);
        for (; used[i]; i = (i + 1) & mask) {
            if (keys[i] == key) {
                values[i] = value;
                return;
            }
        }
        used[i] = true;
        keys[i] = key;
        values[i] = value;
        size++;
    }

    public int size() {
        return size;
    }

    private static int slot(long key, int mask) {
        long h = key * 0x9E3779B97F4A7C15L; // Fibonacci hashing spreads sequential ids
        return (int) (h ^ (h >>> 32)) & mask;
    }

    private void grow() {
        long[] oldKeys = keys;
        int[] oldValues = values;
        boolean[] oldUsed = used;
        int n = oldKeys.length * 2;
        keys = new long[n];
        values = new int[n];
        used = new boolean[n];
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldUsed[i]) {
                put(oldKeys[i], oldValues[i]);
            }
        }
    }

    /** Bytes held by the table's arrays (for memory accounting). */
    public long footprintBytes() {
        return keys.length * (8L + 4 + 1);
    }

    @Override
    public String toString() {
        return "LongIntMap[size=" + size + ", capacity=" + keys.length + ", " + Arrays.hashCode(keys) + "]";
    }
}
