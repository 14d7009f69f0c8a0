package dev.labelport.masks;

import dev.labelport.internal.IntList;
import dev.labelport.internal.LongList;
import dev.labelport.model.Mask;

import java.util.Arrays;

/**
 * Builds a mask from rows, as an image decoder yields them (row-major), without a bitmap: each
 * row adds horizontal runs of foreground pixels; rows come top to bottom. Memory is two
 * {@code int}s per column plus the mask's vertical runs.
 *
 * <pre>{@code
 * MaskBuilder b = new MaskBuilder(height, width);
 * b.addRun(0, 10, 20);   // row 0, pixels x = 10..19
 * Mask m = b.build();
 * }</pre>
 */
public final class MaskBuilder {
    private final int height;
    private final int width;
    private final int[] openStart; // row where column x's current run began
    private final int[] lastRow;   // last row painted in column x, -1 when none
    private final IntList xs = new IntList(64);
    private final IntList y0s = new IntList(64);
    private final IntList y1s = new IntList(64);
    private int row = -1;

    public MaskBuilder(int height, int width) {
        Runs.checkSize(height, width);
        this.height = height;
        this.width = width;
        this.openStart = new int[width];
        this.lastRow = new int[width];
        Arrays.fill(lastRow, -2);
    }

    /** Marks pixels {@code x0 <= x < x1} of row {@code y}; rows must not decrease. */
    public MaskBuilder addRun(int y, int x0, int x1) {
        if (y < row || y < 0 || y >= height) {
            throw new IllegalArgumentException("row " + y + " after row " + row + " (height " + height + ")");
        }
        if (x0 < 0 || x1 > width || x0 > x1) {
            throw new IllegalArgumentException("run " + x0 + ".." + x1 + " outside a row of " + width);
        }
        row = y;
        for (int x = x0; x < x1; x++) {
            int last = lastRow[x];
            if (last == y) {
                continue;
            }
            if (last != y - 1) {
                if (last >= 0) {
                    close(x);
                }
                openStart[x] = y;
            }
            lastRow[x] = y;
        }
        return this;
    }

    private void close(int x) {
        xs.add(x);
        y0s.add(openStart[x]);
        y1s.add(lastRow[x] + 1);
    }

    /** The mask so far (the builder may go on). */
    public Mask build() {
        IntList x = copy(xs);
        IntList y0 = copy(y0s);
        IntList y1 = copy(y1s);
        for (int c = 0; c < width; c++) {
            if (lastRow[c] >= 0) {
                x.add(c);
                y0.add(openStart[c]);
                y1.add(lastRow[c] + 1);
            }
        }
        int n = x.size();
        LongList positions = new LongList(n);
        for (int i = 0; i < n; i++) {
            positions.add((long) x.get(i) * height + y0.get(i));
        }
        int[] order = Runs.sortedOrder(positions);
        int[] sx = new int[n], sy0 = new int[n], sy1 = new int[n];
        for (int i = 0; i < n; i++) {
            sx[i] = x.get(order[i]);
            sy0[i] = y0.get(order[i]);
            sy1[i] = y1.get(order[i]);
        }
        return Mask.ofCounts(height, width, Runs.counts(height, width, sx, sy0, sy1, n));
    }

    private static IntList copy(IntList l) {
        IntList c = new IntList(l.size() + 16);
        for (int i = 0; i < l.size(); i++) {
            c.add(l.get(i));
        }
        return c;
    }
}
