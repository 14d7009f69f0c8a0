package dev.labelport.masks;

import dev.labelport.internal.IntList;
import dev.labelport.internal.LongList;
import dev.labelport.model.Mask;

/**
 * A mask as column intervals: foreground pixels {@code y0 <= y < y1} of column {@code x}, sorted
 * by column then row, never touching within a column. The form contours, row painting and
 * builders work on; its size is that of the RLE, never that of the image.
 */
final class Runs {
    final int height;
    final int width;
    final int[] xs;
    final int[] y0s;
    final int[] y1s;
    final int size;

    private Runs(int height, int width, IntList x, IntList y0, IntList y1) {
        this.height = height;
        this.width = width;
        this.xs = array(x);
        this.y0s = array(y0);
        this.y1s = array(y1);
        this.size = xs.length;
    }

    static void checkSize(int height, int width) {
        if (height < 0 || width < 0) {
            throw new IllegalArgumentException("negative mask size " + height + "x" + width);
        }
        if ((long) height * width > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("mask of " + height + "x" + width + " pixels is larger than 2^31-1 pixels");
        }
    }

    /** The foreground runs of {@code mask}, split at column ends. */
    static Runs of(Mask mask) {
        int h = mask.height();
        int w = mask.width();
        checkSize(h, w);
        int[] c = mask.counts();
        IntList x = new IntList(c.length);
        IntList y0 = new IntList(c.length);
        IntList y1 = new IntList(c.length);
        long pos = 0;
        long total = (long) h * w;
        for (int i = 0; i < c.length; i++) {
            long end = Math.min(pos + c[i], total);
            if ((i & 1) == 1) {
                for (long p = pos; p < end; ) {
                    int col = (int) (p / h);
                    long colEnd = Math.min(end, (long) (col + 1) * h);
                    x.add(col);
                    y0.add((int) (p - (long) col * h));
                    y1.add((int) (colEnd - (long) col * h));
                    p = colEnd;
                }
            }
            pos = end;
        }
        return new Runs(h, w, x, y0, y1);
    }

    /** Canonical counts from column intervals sorted by column then row, not overlapping. */
    static int[] counts(int height, int width, int[] xs, int[] y0s, int[] y1s, int n) {
        IntList out = new IntList(2 * n + 1);
        long prevEnd = 0;
        for (int i = 0; i < n; i++) {
            long start = (long) xs[i] * height + y0s[i];
            int len = y1s[i] - y0s[i];
            if (len <= 0) {
                continue;
            }
            if (start == prevEnd && out.size() > 0 && (out.size() & 1) == 0) {
                out.set(out.size() - 1, out.get(out.size() - 1) + len);
            } else {
                out.add((int) (start - prevEnd));
                out.add(len);
            }
            prevEnd = start + len;
        }
        long last = (long) height * width - prevEnd;
        if (last > 0 || out.size() == 0) {
            out.add((int) last); // pycocotools drops a trailing empty background run
        }
        return array(out);
    }

    /**
     * The indices of {@code keys} in ascending key order (ties by index), without boxing; keys
     * must lie in {@code [0, 2^32)}, as pixel and corner positions of a mask of at most 2^31 pixels do.
     */
    static int[] sortedOrder(LongList keys) {
        int n = keys.size();
        long[] packed = new long[n];
        for (int i = 0; i < n; i++) {
            packed[i] = keys.get(i) << 31 | i;
        }
        java.util.Arrays.sort(packed);
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = (int) (packed[i] & Integer.MAX_VALUE);
        }
        return order;
    }

    static int[] array(IntList list) {
        int[] a = new int[list.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = list.get(i);
        }
        return a;
    }
}
