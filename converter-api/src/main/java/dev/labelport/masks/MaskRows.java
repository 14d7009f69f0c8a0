package dev.labelport.masks;

import dev.labelport.model.Mask;

/**
 * Reads a mask row by row, top to bottom, as an image encoder writes it, without a bitmap:
 * memory is the mask's vertical runs plus one {@code int} per column.
 *
 * <pre>{@code
 * MaskRows rows = new MaskRows(mask);
 * for (int y = 0; y < height; y++) {
 *     rows.paint(y, labels, instanceId);   // labels[x] = instanceId where the mask is set
 * }
 * }</pre>
 */
public final class MaskRows {
    private final Runs runs;
    private final int[] next;     // per column: index of the first run not yet ended
    private final int[] colStart; // per column: first run index, colStart[w] = size
    private final int minX;
    private final int maxX;
    private final int minY;
    private final int maxY;
    private int row = -1;

    public MaskRows(Mask mask) {
        this.runs = Runs.of(mask);
        int w = runs.width;
        colStart = new int[w + 1];
        int i = 0;
        for (int x = 0; x <= w; x++) {
            while (i < runs.size && runs.xs[i] < x) {
                i++;
            }
            colStart[x] = i;
        }
        next = new int[w];
        System.arraycopy(colStart, 0, next, 0, w);
        minX = runs.size == 0 ? 0 : runs.xs[0];
        maxX = runs.size == 0 ? -1 : runs.xs[runs.size - 1];
        int top = Integer.MAX_VALUE;
        int bottom = -1;
        for (int k = 0; k < runs.size; k++) {
            top = Math.min(top, runs.y0s[k]);
            bottom = Math.max(bottom, runs.y1s[k] - 1);
        }
        minY = top;
        maxY = bottom;
    }

    /**
     * Sets {@code row[x] = value} where the mask has row {@code y}; rows must not decrease. Costs
     * nothing outside the mask's bounding box, so painting many small instances stays cheap.
     */
    public void paint(int y, int[] row, int value) {
        advance(y);
        if (y < minY || y > maxY) {
            return;
        }
        for (int x = minX; x <= maxX; x++) {
            if (covers(x, y)) {
                row[x] = value;
            }
        }
    }

    /** Whether pixel {@code (x, y)} is set; {@code y} must not be below a row already read. */
    public boolean get(int x, int y) {
        advance(y);
        return covers(x, y);
    }

    private void advance(int y) {
        if (y < row || y < 0 || y >= runs.height) {
            throw new IllegalArgumentException("row " + y + " after row " + row + " (height " + runs.height + ")");
        }
        row = y;
    }

    private boolean covers(int x, int y) {
        int i = next[x];
        int end = colStart[x + 1];
        while (i < end && runs.y1s[i] <= y) {
            i++;
        }
        next[x] = i;
        return i < end && runs.y0s[i] <= y;
    }
}
