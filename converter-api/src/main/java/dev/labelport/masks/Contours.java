package dev.labelport.masks;

import dev.labelport.internal.IntList;
import dev.labelport.internal.LongList;
import dev.labelport.model.Mask;
import dev.labelport.model.PointList;
import dev.labelport.model.Polygon;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Mask → polygon: the pixel-edge outline of each 4-connected component, as one polygon part
 * whose holes are the component's holes. Vertices lie on pixel corners (integer coordinates);
 * collinear vertices are dropped and nothing else is simplified, so the outline encloses exactly
 * the mask's pixels. Two pixels touching only at a corner belong to different parts.
 *
 * <p>Tolerance: rasterising the result with {@link Rle#fromPolygon} gives back the same mask
 * (0 pixels differing on every case the tests try); a writer still reports the conversion as
 * {@code APPROXIMATED_GEOMETRY}, since the polygon is a different kind of geometry and a
 * rasteriser other than pycocotools' may round its edges differently.
 */
public final class Contours {
    private Contours() {
    }

    /** The outline of {@code mask}, or {@code null} when it has no foreground pixel. */
    public static Polygon toPolygon(Mask mask) {
        Runs runs = Runs.of(mask);
        if (runs.size == 0) {
            return null;
        }
        int[] component = components(runs);
        Edges edges = edges(runs);
        return trace(runs, edges, component);
    }

    /** Union-find over the column intervals: overlapping intervals of adjacent columns join. */
    private static int[] components(Runs r) {
        int[] parent = new int[r.size];
        for (int i = 0; i < r.size; i++) {
            parent[i] = i;
        }
        int prevStart = 0;
        int i = 0;
        while (i < r.size) {
            int x = r.xs[i];
            int end = i;
            while (end < r.size && r.xs[end] == x) {
                end++;
            }
            if (prevStart < i && r.xs[prevStart] == x - 1) {
                int a = prevStart;
                int b = i;
                while (a < i && b < end) {
                    if (r.y0s[a] < r.y1s[b] && r.y0s[b] < r.y1s[a]) {
                        union(parent, a, b);
                    }
                    if (r.y1s[a] < r.y1s[b]) {
                        a++;
                    } else {
                        b++;
                    }
                }
            }
            prevStart = i;
            i = end;
        }
        for (int k = 0; k < r.size; k++) {
            parent[k] = find(parent, k);
        }
        return parent;
    }

    private static int find(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    private static void union(int[] parent, int a, int b) {
        int ra = find(parent, a);
        int rb = find(parent, b);
        if (ra != rb) {
            parent[Math.max(ra, rb)] = Math.min(ra, rb);
        }
    }

    /**
     * Directed boundary edges, clockwise on screen (foreground on the walker's right): top sides
     * go +x, bottom sides -x, left sides -y, right sides +y. Horizontal edges are one pixel long
     * and remember their interval; vertical edges are maximal.
     */
    private static final class Edges {
        final LongList from = new LongList(256);
        final LongList to = new LongList(256);
        final IntList interval = new IntList(256);

        void add(long a, long b, int run) {
            from.add(a);
            to.add(b);
            interval.add(run);
        }
    }

    private static Edges edges(Runs r) {
        long stride = (long) r.height + 1;
        Edges e = new Edges();
        for (int i = 0; i < r.size; i++) {
            long x = r.xs[i];
            e.add(x * stride + r.y0s[i], (x + 1) * stride + r.y0s[i], i);
            e.add((x + 1) * stride + r.y1s[i], x * stride + r.y1s[i], i);
        }
        // vertical line X separates column X-1 (intervals [a, aEnd)) from column X ([b, bEnd))
        int a = 0;
        int b = 0;
        int[] cols = distinctColumns(r);
        IntList lines = new IntList(cols.length * 2);
        for (int c : cols) {
            if (lines.size() == 0 || lines.get(lines.size() - 1) != c) {
                lines.add(c);
            }
            lines.add(c + 1);
        }
        for (int li = 0; li < lines.size(); li++) {
            int line = lines.get(li);
            while (a < r.size && r.xs[a] < line - 1) {
                a++;
            }
            while (b < r.size && r.xs[b] < line) {
                b++;
            }
            int aEnd = a;
            while (aEnd < r.size && r.xs[aEnd] == line - 1) {
                aEnd++;
            }
            int bEnd = b;
            while (bEnd < r.size && r.xs[bEnd] == line) {
                bEnd++;
            }
            verticals(r, line * stride, a, aEnd, b, bEnd, e);
        }
        return e;
    }

    private static int[] distinctColumns(Runs r) {
        IntList c = new IntList(16);
        for (int i = 0; i < r.size; i++) {
            if (c.size() == 0 || c.get(c.size() - 1) != r.xs[i]) {
                c.add(r.xs[i]);
            }
        }
        return Runs.array(c);
    }

    /** Sweeps the row boundaries of both columns; emits where exactly one side is foreground. */
    private static void verticals(Runs r, long base, int a0, int a1, int b0, int b1, Edges e) {
        int[] ys = new int[2 * (a1 - a0 + b1 - b0)];
        int n = 0;
        for (int i = a0; i < a1; i++) {
            ys[n++] = r.y0s[i];
            ys[n++] = r.y1s[i];
        }
        for (int i = b0; i < b1; i++) {
            ys[n++] = r.y0s[i];
            ys[n++] = r.y1s[i];
        }
        Arrays.sort(ys, 0, n);
        int ia = a0;
        int ib = b0;
        int state = 0;   // 1: only the left column, 2: only the right column
        int start = 0;
        for (int k = 0; k < n; k++) {
            int y = ys[k];
            if (k + 1 < n && ys[k + 1] == y) {
                continue;
            }
            while (ia < a1 && r.y1s[ia] <= y) {
                ia++;
            }
            while (ib < b1 && r.y1s[ib] <= y) {
                ib++;
            }
            boolean inA = ia < a1 && r.y0s[ia] <= y;
            boolean inB = ib < b1 && r.y0s[ib] <= y;
            int s = inA == inB ? 0 : inA ? 1 : 2;
            if (s != state) {
                emit(state, base, start, y, e);
                state = s;
                start = y;
            }
        }
    }

    private static void emit(int state, long base, int y0, int y1, Edges e) {
        if (state == 1) {
            e.add(base + y0, base + y1, -1);   // right side of the left column: down
        } else if (state == 2) {
            e.add(base + y1, base + y0, -1);   // left side of the right column: up
        }
    }

    private static Polygon trace(Runs r, Edges e, int[] component) {
        long stride = (long) r.height + 1;
        int n = e.from.size();
        int[] order = Runs.sortedOrder(e.from);
        long[] sortedFrom = new long[n];
        for (int i = 0; i < n; i++) {
            sortedFrom[i] = e.from.get(order[i]);
        }
        boolean[] used = new boolean[n];
        List<double[]> shells = new ArrayList<>();
        List<Integer> shellComponent = new ArrayList<>();
        List<double[]> holes = new ArrayList<>();
        List<Integer> holeComponent = new ArrayList<>();
        for (int s = 0; s < n; s++) {
            if (used[s]) {
                continue;
            }
            LongList loop = new LongList(16);
            int comp = -1;
            int cur = s;
            while (!used[cur]) {
                used[cur] = true;
                int edge = order[cur];
                if (comp < 0 && e.interval.get(edge) >= 0) {
                    comp = component[e.interval.get(edge)];
                }
                long from = e.from.get(edge);
                long to = e.to.get(edge);
                loop.add(from);
                cur = nextEdge(sortedFrom, order, used, e, from, to, stride, s);
            }
            double[] ring = ring(loop, stride);
            if (area2(ring) > 0) {
                shells.add(ring);
                shellComponent.add(comp);
            } else {
                holes.add(ring);
                holeComponent.add(comp);
            }
        }
        List<Polygon.Part> parts = new ArrayList<>();
        for (int i = 0; i < shells.size(); i++) {
            List<PointList> own = new ArrayList<>();
            for (int j = 0; j < holes.size(); j++) {
                if (holeComponent.get(j).equals(shellComponent.get(i))) {
                    own.add(PointList.wrap(holes.get(j)));
                }
            }
            parts.add(new Polygon.Part(PointList.wrap(shells.get(i)), own));
        }
        return new Polygon(parts);
    }

    /**
     * The edge leaving {@code to}: at a saddle, the right turn (keeps diagonal pixels apart). The
     * loop's first edge counts as free, so a loop closes only where the turn rule leads back.
     */
    private static int nextEdge(long[] sortedFrom, int[] order, boolean[] used, Edges e, long from, long to,
                                long stride, int start) {
        int lo = lowerBound(sortedFrom, to);
        int first = -1;
        int count = 0;
        for (int k = lo; k < sortedFrom.length && sortedFrom[k] == to; k++) {
            if (!used[k] || k == start) {
                if (first < 0) {
                    first = k;
                }
                count++;
                if (count == 2) {
                    long dx = to / stride - from / stride;
                    long dy = to % stride - from % stride;
                    long nx = e.to.get(order[k]) / stride - to / stride;
                    long ny = e.to.get(order[k]) % stride - to % stride;
                    // right of heading (dx, dy) on screen is (-dy, dx)
                    boolean kIsRight = Long.signum(nx) == Long.signum(-dy) && Long.signum(ny) == Long.signum(dx);
                    return kIsRight ? k : first;
                }
            }
        }
        return first >= 0 ? first : start; // the loop is closed: its first edge is used
    }

    private static int lowerBound(long[] a, long key) {
        int lo = 0;
        int hi = a.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] < key) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Vertices of a loop with collinear ones dropped, as x0, y0, x1, y1, ... */
    private static double[] ring(LongList loop, long stride) {
        int n = loop.size();
        double[] xy = new double[2 * n];
        int m = 0;
        for (int i = 0; i < n; i++) {
            long p = loop.get((i + n - 1) % n);
            long c = loop.get(i);
            long q = loop.get((i + 1) % n);
            long ax = c / stride - p / stride, ay = c % stride - p % stride;
            long bx = q / stride - c / stride, by = q % stride - c % stride;
            if (ax * by - ay * bx != 0) {
                xy[m++] = c / stride;
                xy[m++] = c % stride;
            }
        }
        return Arrays.copyOf(xy, m);
    }

    /** Twice the signed area; positive for a clockwise ring on screen (y down). */
    private static double area2(double[] xy) {
        double s = 0;
        int n = xy.length / 2;
        for (int i = 0; i < n; i++) {
            int j = (i + 1) % n;
            s += xy[2 * i] * xy[2 * j + 1] - xy[2 * j] * xy[2 * i + 1];
        }
        return s;
    }
}
