package dev.labelport.internal;

import java.util.HashMap;
import java.util.Map;

/**
 * Groups child records (annotations) under parent records (images, items) when a file lists
 * them separately and in any order, without holding the records themselves: only byte ranges
 * into the input file are kept, 41 bytes per child for a train2017-shaped file (tested), and the records are parsed again from
 * those ranges when their parent is emitted.
 *
 * <p>Use: during a scan call {@link #ordinal} for each parent key, {@link #addParent} for each
 * parent record and {@link #addChild} for each child; then {@link #seal()}, and walk parents in
 * file order with {@link #childStart}/{@link #childEnd}.
 */
public final class GroupingIndex {
    private final Map<String, Integer> ordinals = new HashMap<>();
    private final LongIntMap numericOrdinals = new LongIntMap();
    private int nextOrdinal;
    // per ordinal
    private final IntList parentRecord = new IntList(1024); // index into parent arrays, -1 when never declared
    private final IntList firstChild = new IntList(1024);   // first child index referencing it, -1 when none
    // per parent record, in file order
    private final IntList parentOrdinal = new IntList(1024);
    private final LongList parentOffset = new LongList(1024);
    private final IntList parentLength = new IntList(1024);
    private final IntList parentLine = new IntList(1024);
    private final IntList parentColumn = new IntList(1024);
    // per child record, in file order
    private final IntList childOrdinal = new IntList(4096);
    private final LongList childOffset = new LongList(4096);
    private final IntList childLength = new IntList(4096);
    private final IntList childLine = new IntList(4096);
    private final IntList childColumn = new IntList(4096);
    // after seal
    private int[] start;
    private int[] sorted;

    /**
     * The ordinal of a parent key, assigned on first sight. A key that is a canonical integer
     * ({@code "42"}) is the same key as the number 42: files mix the two.
     */
    public int ordinal(String key) {
        long n = canonicalLong(key);
        if (n != NOT_A_NUMBER || key.equals(NOT_A_NUMBER_TEXT)) {
            return ordinal(n);
        }
        Integer o = ordinals.get(key);
        if (o == null) {
            o = newOrdinal();
            ordinals.put(key, o);
        }
        return o;
    }

    /** The ordinal of a numeric parent key (no string, no boxing: the hot path of big files). */
    public int ordinal(long key) {
        int o = numericOrdinals.get(key);
        if (o == LongIntMap.MISSING) {
            o = newOrdinal();
            numericOrdinals.put(key, o);
        }
        return o;
    }

    private int newOrdinal() {
        int o = nextOrdinal++;
        parentRecord.add(-1);
        firstChild.add(-1);
        return o;
    }

    private static final long NOT_A_NUMBER = Long.MIN_VALUE;
    private static final String NOT_A_NUMBER_TEXT = Long.toString(Long.MIN_VALUE);

    /** The value of a canonical decimal integer (no '+', no leading zeros), or NOT_A_NUMBER. */
    private static long canonicalLong(String s) {
        int n = s.length();
        int i = n > 0 && s.charAt(0) == '-' ? 1 : 0;
        if (n == i || n - i > 18 || (s.charAt(i) == '0' && n - i > 1) || (i == 1 && s.charAt(1) == '0')) {
            return NOT_A_NUMBER;
        }
        long v = 0;
        for (int k = i; k < n; k++) {
            char c = s.charAt(k);
            if (c < '0' || c > '9') {
                return NOT_A_NUMBER;
            }
            v = v * 10 + (c - '0');
        }
        return i == 1 ? -v : v;
    }

    /** Records a parent; returns false (recording nothing) when the key was declared before. */
    public boolean addParent(int ordinal, long offset, int length, int line) {
        return addParent(ordinal, offset, length, line, -1);
    }

    /** Like {@link #addParent(int, long, int, int)}, with the 1-based column of the record's first byte. */
    public boolean addParent(int ordinal, long offset, int length, int line, int column) {
        if (parentRecord.get(ordinal) >= 0) {
            return false;
        }
        parentRecord.set(ordinal, parentOrdinal.size());
        parentOrdinal.add(ordinal);
        parentOffset.add(offset);
        parentLength.add(length);
        parentLine.add(line);
        parentColumn.add(column);
        return true;
    }

    public void addChild(int ordinal, long offset, int length, int line) {
        addChild(ordinal, offset, length, line, -1);
    }

    /** Like {@link #addChild(int, long, int, int)}, with the 1-based column of the record's first byte. */
    public void addChild(int ordinal, long offset, int length, int line, int column) {
        if (firstChild.get(ordinal) < 0) {
            firstChild.set(ordinal, childOrdinal.size());
        }
        childOrdinal.add(ordinal);
        childOffset.add(offset);
        childLength.add(length);
        childLine.add(line);
        childColumn.add(column);
    }

    /**
     * The index of the first child whose parent was never declared, or -1. Children are counted
     * in file order, so the index is also the child's position in its array.
     */
    public int firstDanglingChild() {
        int best = -1;
        for (int o = 0; o < parentRecord.size(); o++) {
            int c = firstChild.get(o);
            if (parentRecord.get(o) < 0 && c >= 0 && (best < 0 || c < best)) {
                best = c;
            }
        }
        return best;
    }

    /** True when the child's parent was declared. */
    public boolean hasParent(int child) {
        return parentRecord.get(childOrdinal.get(child)) >= 0;
    }

    /** Sorts children by parent (stable, so file order within a parent): a counting sort. */
    public void seal() {
        // the lists are complete: give their growth slack back before the sort order is added
        for (IntList l : new IntList[] {parentRecord, firstChild, parentOrdinal, parentLength, parentLine, parentColumn,
                childOrdinal, childLength, childLine, childColumn}) {
            l.trimToSize();
        }
        parentOffset.trimToSize();
        childOffset.trimToSize();
        int n = nextOrdinal;
        start = new int[n + 1];
        for (int i = 0; i < childOrdinal.size(); i++) {
            start[childOrdinal.get(i) + 1]++;
        }
        for (int o = 0; o < n; o++) {
            start[o + 1] += start[o];
        }
        int[] next = java.util.Arrays.copyOf(start, n);
        sorted = new int[childOrdinal.size()];
        for (int i = 0; i < childOrdinal.size(); i++) {
            sorted[next[childOrdinal.get(i)]++] = i;
        }
    }

    public int parentCount() {
        return parentOrdinal.size();
    }

    public int childCount() {
        return childOrdinal.size();
    }

    public int parentOrdinal(int parent) {
        return parentOrdinal.get(parent);
    }

    public long parentOffset(int parent) {
        return parentOffset.get(parent);
    }

    public int parentLength(int parent) {
        return parentLength.get(parent);
    }

    public int parentLine(int parent) {
        return parentLine.get(parent);
    }

    /** 1-based column of a parent record's first byte, or -1 when not recorded. */
    public int parentColumn(int parent) {
        return parentColumn.get(parent);
    }

    /** Position range in {@link #sortedChild} of the children of a parent ordinal. */
    public int childStart(int ordinal) {
        return start[ordinal];
    }

    public int childEnd(int ordinal) {
        return start[ordinal + 1];
    }

    /**
     * Bytes held by this index's arrays (allocated capacity, not size), for memory accounting:
     * about 28–40 bytes per child (offset, length, line, column, parent ordinal, sort order, with
     * up to 50% growth slack) plus about 50 per parent. String parent keys add their map entries,
     * which are not counted.
     */
    public long footprintBytes() {
        long b = 4L * (parentRecord.capacity() + firstChild.capacity() + parentOrdinal.capacity()
                + parentLength.capacity() + parentLine.capacity() + parentColumn.capacity()
                + childOrdinal.capacity() + childLength.capacity() + childLine.capacity() + childColumn.capacity());
        b += 8L * (parentOffset.capacity() + childOffset.capacity());
        b += numericOrdinals.footprintBytes();
        b += 4L * ((start == null ? 0 : start.length) + (sorted == null ? 0 : sorted.length));
        return b;
    }

    /** The child index (file order) at a sorted position. */
    public int sortedChild(int position) {
        return sorted[position];
    }

    /** The parent record (file order) of a child, or -1 when its key was never declared. */
    public int childParent(int child) {
        return parentRecord.get(childOrdinal.get(child));
    }

    public long childOffset(int child) {
        return childOffset.get(child);
    }

    public int childLength(int child) {
        return childLength.get(child);
    }

    public int childLine(int child) {
        return childLine.get(child);
    }

    /** 1-based column of a child record's first byte, or -1 when not recorded. */
    public int childColumn(int child) {
        return childColumn.get(child);
    }
}
