package dev.labelport.masks;

import dev.labelport.internal.IntList;
import dev.labelport.internal.LongList;
import dev.labelport.model.Box;
import dev.labelport.model.Mask;
import dev.labelport.model.PointList;
import dev.labelport.model.Polygon;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * COCO RLE operations that give what pycocotools' {@code maskApi.c} gives, bit for bit:
 * rasterising polygons ({@code rleFrPoly}) and boxes ({@code rleFrBbox}), union and intersection
 * ({@code rleMerge}), area ({@code rleArea}), bounding box ({@code rleToBbox}, quirks included)
 * and IoU ({@code rleIou}). The compressed-string codec is {@link Mask#encode}/{@link Mask#decode}.
 *
 * <p>Masks stay runs throughout: nothing here allocates a bitmap, so memory follows the number of
 * runs (and, for polygons, the number of boundary crossings), not the image size. Sizes are
 * limited to {@code height * width <= 2^31 - 1} pixels, as a run is an {@code int}.
 *
 * <pre>{@code
 * Mask m = Rle.fromPolygon(polygon, 480, 640);   // what pycocotools frPyObjects + merge gives
 * String s = m.compressedCounts();                // what rleToString gives
 * }</pre>
 */
public final class Rle {
    private static final double SCALE = 5;
    /** Coordinates beyond this are refused: pycocotools' int arithmetic would overflow. */
    public static final double MAX_COORDINATE = 1 << 26;

    private Rle() {
    }

    /**
     * A polygon's mask as {@code frPyObjects} + {@code merge} would make it: each part's shell
     * rasterised by {@link #fromRing}, less its holes (pycocotools has no holes; a hole is
     * rasterised like a shell and subtracted), and the parts united.
     */
    public static Mask fromPolygon(Polygon polygon, int height, int width) {
        Mask[] parts = new Mask[polygon.parts().size()];
        for (int i = 0; i < parts.length; i++) {
            Polygon.Part part = polygon.parts().get(i);
            Mask shell = fromRing(part.shell(), height, width);
            if (!part.holes().isEmpty()) {
                Mask[] holes = new Mask[part.holes().size()];
                for (int j = 0; j < holes.length; j++) {
                    holes[j] = fromRing(part.holes().get(j), height, width);
                }
                shell = intersection(List.of(shell, invert(union(List.of(holes)))));
            }
            parts[i] = shell;
        }
        return union(List.of(parts));
    }

    /** One closed ring rasterised exactly as {@code rleFrPoly}. */
    public static Mask fromRing(PointList ring, int height, int width) {
        Runs.checkSize(height, width);
        int k = ring.size();
        int[] x = new int[k + 1];
        int[] y = new int[k + 1];
        for (int j = 0; j < k; j++) {
            x[j] = upsample(ring.x(j));
            y[j] = upsample(ring.y(j));
        }
        if (k > 0) {
            x[k] = x[0];
            y[k] = y[0];
        }
        BoundaryPoints points = new BoundaryPoints(height, width);
        for (int j = 0; j < k; j++) {
            walkEdge(x[j], y[j], x[j + 1], y[j + 1], points);
        }
        return Mask.ofCounts(height, width, points.counts());
    }

    /** A box rasterised as {@code rleFrBbox}: the polygon of its four corners. */
    public static Mask fromBox(Box box, int height, int width) {
        double xs = box.x();
        double xe = xs + box.width();
        double ys = box.y();
        double ye = ys + box.height();
        return fromRing(PointList.of(xs, ys, xs, ye, xe, ye, xe, ys), height, width);
    }

    private static int upsample(double v) {
        if (!(Math.abs(v) <= MAX_COORDINATE)) {
            throw new IllegalArgumentException("coordinate " + v + " is beyond +-" + MAX_COORDINATE);
        }
        return (int) (SCALE * v + .5); // C's cast: truncation toward zero
    }

    /**
     * The dense walk along one upsampled edge, in pycocotools' order and rounding, visiting only
     * the points that can matter: {@code u} is monotone along an edge, so the stretches outside
     * the image's columns and the stretches where {@code u} stays put (a steep edge) are skipped
     * by binary search. The work is then bounded by the image width, not the edge length.
     */
    private static void walkEdge(int x0, int y0, int x1, int y1, BoundaryPoints points) {
        Edge e = new Edge(x0, y0, x1, y1);
        long lo = 1;
        long hi = (long) SCALE * points.w;
        int d = 0;
        while (d <= e.steps) {
            int u = e.u(d);
            if (u < lo || u > hi) {
                int next = e.firstWithin(d, lo, hi);
                if (next < 0) {
                    points.moveTo(e.u(e.steps), e.v(e.steps));
                    return;
                }
                if (next > d) {
                    points.moveTo(e.u(next - 1), e.v(next - 1)); // nothing outside the columns is kept
                }
                d = next;
                continue;
            }
            points.next(u, e.v(d));
            int last = e.xMajor ? d : e.lastWith(d, u);
            if (last > d) {
                points.moveTo(u, e.v(last)); // same u: rleFrPoly keeps nothing there
            }
            d = last + 1;
        }
    }

    /** One edge of rleFrPoly's walk: point {@code d} of {@code 0..steps}, as its loop makes it. */
    private static final class Edge {
        final boolean xMajor;
        final boolean flip;
        final int steps;
        final int xs;
        final int ys;
        final double s;
        final int direction; // sign of u(steps) - u(0)

        Edge(int x0, int y0, int x1, int y1) {
            int xs = x0, xe = x1, ys = y0, ye = y1;
            int dx = Math.abs(xe - xs);
            int dy = Math.abs(ys - ye);
            flip = (dx >= dy && xs > xe) || (dx < dy && ys > ye);
            if (flip) {
                int t = xs;
                xs = xe;
                xe = t;
                t = ys;
                ys = ye;
                ye = t;
            }
            this.xs = xs;
            this.ys = ys;
            xMajor = dx >= dy;
            steps = xMajor ? dx : dy;
            s = xMajor ? (double) (ye - ys) / dx : (double) (xe - xs) / dy;
            direction = Integer.signum(u(steps) - u(0));
        }

        private int t(int d) {
            return flip ? steps - d : d;
        }

        int u(int d) {
            return xMajor ? t(d) + xs : (int) (xs + s * t(d) + .5);
        }

        int v(int d) {
            return xMajor ? (int) (ys + s * t(d) + .5) : t(d) + ys;
        }

        /** The first {@code d' > d} whose u lies in {@code [lo, hi]}, or -1. */
        int firstWithin(int d, long lo, long hi) {
            int u = u(d);
            boolean below = u < lo;
            if (direction == 0 || (below ? direction < 0 : direction > 0)) {
                return -1; // moving away from the columns, or not moving
            }
            int a = d + 1;
            int b = steps;
            while (a < b) {
                int mid = (a + b) >>> 1;
                int um = u(mid);
                if (below ? um >= lo : um <= hi) {
                    b = mid;
                } else {
                    a = mid + 1;
                }
            }
            if (a > steps) {
                return -1;
            }
            int ua = u(a);
            return ua >= lo && ua <= hi ? a : -1;
        }

        /** The last {@code d' >= d} whose u is still {@code u}. */
        int lastWith(int d, int u) {
            int a = d;
            int b = steps;
            while (a < b) {
                int mid = (a + b + 1) >>> 1;
                if (u(mid) == u) {
                    a = mid;
                } else {
                    b = mid - 1;
                }
            }
            return a;
        }
    }

    /**
     * The second half of {@code rleFrPoly}, fed point by point instead of from the whole dense
     * boundary: keeps only the points where the walk crosses a pixel column's centre inside the
     * image, so memory follows the mask, not the perimeter.
     */
    private static final class BoundaryPoints {
        private final int h;
        private final int w;
        private final LongList positions = new LongList(64);
        private boolean started;
        private int pu;
        private int pv;

        BoundaryPoints(int h, int w) {
            this.h = h;
            this.w = w;
        }

        /** Makes {@code (u, v)} the previous point without keeping anything. */
        void moveTo(int u, int v) {
            started = true;
            pu = u;
            pv = v;
        }

        void next(int u, int v) {
            if (started && u != pu) {
                double xd = u < pu ? u : u - 1;
                xd = (xd + .5) / SCALE - .5;
                if (Math.floor(xd) == xd && xd >= 0 && xd <= w - 1) {
                    double yd = v < pv ? v : pv;
                    yd = (yd + .5) / SCALE - .5;
                    if (yd < 0) {
                        yd = 0;
                    } else if (yd > h) {
                        yd = h;
                    }
                    yd = Math.ceil(yd);
                    positions.add((long) xd * h + (long) yd);
                }
            }
            started = true;
            pu = u;
            pv = v;
        }

        int[] counts() {
            int k = positions.size();
            long[] a = new long[k + 1];
            for (int j = 0; j < k; j++) {
                a[j] = positions.get(j);
            }
            a[k++] = (long) h * w;
            Arrays.sort(a);
            long p = 0;
            for (int j = 0; j < k; j++) {
                long t = a[j];
                a[j] -= p;
                p = t;
            }
            IntList b = new IntList(k);
            int j = 0;
            b.add((int) a[j++]);
            while (j < k) {
                if (a[j] > 0) {
                    b.add((int) a[j++]);
                } else {
                    j++;
                    if (j < k) {
                        b.set(b.size() - 1, (int) (b.get(b.size() - 1) + a[j++]));
                    }
                }
            }
            return Runs.array(b);
        }
    }

    /** The union of masks of one size ({@code rleMerge} with {@code intersect=0}). */
    public static Mask union(List<Mask> masks) {
        return merge(masks, false);
    }

    /** The intersection of masks of one size ({@code rleMerge} with {@code intersect=1}). */
    public static Mask intersection(List<Mask> masks) {
        return merge(masks, true);
    }

    private static Mask merge(List<Mask> masks, boolean intersect) {
        if (masks.isEmpty()) {
            throw new IllegalArgumentException("nothing to merge");
        }
        Mask first = masks.get(0);
        int h = first.height();
        int w = first.width();
        if (masks.size() == 1) {
            return first;
        }
        int[] cnts = runs(first);
        for (int i = 1; i < masks.size(); i++) {
            Mask m = masks.get(i);
            if (m.height() != h || m.width() != w) {
                throw new IllegalArgumentException("cannot merge a " + m.height() + "x" + m.width() + " mask into "
                        + h + "x" + w);
            }
            cnts = mergeTwo(cnts, runs(m), intersect);
        }
        return Mask.ofCounts(h, w, cnts);
    }

    private static int[] mergeTwo(int[] a, int[] b, boolean intersect) {
        IntList out = new IntList(a.length + b.length + 1);
        Lockstep w = new Lockstep(a, b);
        boolean v = false;
        long cc = 0;
        while (w.ct > 0) {
            long c = w.shortest();
            cc += c;
            w.advance(c);
            boolean vp = v;
            v = intersect ? w.va && w.vb : w.va || w.vb;
            if (v != vp || w.ct == 0) {
                out.add((int) cc);
                cc = 0;
            }
        }
        return Runs.array(out);
    }

    /** Two run lists walked together, as {@code rleMerge} and {@code rleIou} do. */
    private static final class Lockstep {
        private final int[] a;
        private final int[] b;
        private long ca;
        private long cb;
        private int ia = 1;
        private int ib = 1;
        boolean va;
        boolean vb;
        long ct = 1;

        Lockstep(int[] a, int[] b) {
            this.a = a;
            this.b = b;
            ca = a[0];
            cb = b[0];
        }

        long shortest() {
            return Math.min(ca, cb);
        }

        /** Consumes {@code c} pixels of both; {@code va}/{@code vb} then describe the next step. */
        void advance(long c) {
            ct = 0;
            ca -= c;
            if (ca == 0 && ia < a.length) {
                ca = a[ia++];
                va = !va;
            }
            ct += ca;
            cb -= c;
            if (cb == 0 && ib < b.length) {
                cb = b[ib++];
                vb = !vb;
            }
            ct += cb;
        }
    }

    /** The complement ({@code rleInvert}). */
    public static Mask invert(Mask mask) {
        int[] c = runs(mask);
        int[] out;
        if (c[0] == 0) {
            out = Arrays.copyOfRange(c, 1, c.length);
        } else {
            out = new int[c.length + 1];
            System.arraycopy(c, 0, out, 1, c.length);
        }
        return Mask.ofCounts(mask.height(), mask.width(), out);
    }

    /** Foreground pixels ({@code rleArea}). */
    public static long area(Mask mask) {
        return mask.area();
    }

    /**
     * {@code rleToBbox}: {@code {x, y, width, height}}, all zero for a mask of fewer than two runs.
     * Its quirks are kept: a run that spans columns widens the box to the full height; a
     * trailing unpaired background run is ignored; arithmetic is 32-bit unsigned (a zero-length
     * foreground run at the very start wraps around, as in C).
     */
    public static double[] toBbox(Mask mask) {
        return toBbox(mask.counts(), mask.height(), mask.width());
    }

    /** {@link #toBbox(Mask)} on bare counts (as {@code rleToBbox} takes them). */
    public static double[] toBbox(int[] cnts, int height, int width) {
        long h = height & 0xFFFFFFFFL;
        long w = width & 0xFFFFFFFFL;
        int m = (cnts.length / 2) * 2;
        if (m == 0 || h == 0) {
            return new double[4];
        }
        long xs = w, ys = h, xe = 0, ye = 0, cc = 0, xp = 0;
        for (int j = 0; j < m; j++) {
            cc = (cc + cnts[j]) & 0xFFFFFFFFL;
            long t = (cc - j % 2) & 0xFFFFFFFFL;
            long y = t % h;
            long x = (t - y) / h;
            if (j % 2 == 0) {
                xp = x;
            } else if (xp < x) {
                ys = 0;
                ye = h - 1;
            }
            xs = Math.min(xs, x);
            xe = Math.max(xe, x);
            ys = Math.min(ys, y);
            ye = Math.max(ye, y);
        }
        return new double[] {xs, ys, ((xe - xs + 1) & 0xFFFFFFFFL), ((ye - ys + 1) & 0xFFFFFFFFL)};
    }

    /**
     * {@code rleIou} for one pair: intersection over union, or over {@code dt}'s area when
     * {@code crowd}; 0 when the bounding boxes do not overlap; -1 when the sizes differ.
     */
    public static double iou(Mask dt, Mask gt, boolean crowd) {
        double[] d = toBbox(dt);
        double[] g = toBbox(gt);
        double o = bbIou(d, g, crowd);
        if (!(o > 0)) {
            return o;
        }
        if (dt.height() != gt.height() || dt.width() != gt.width()) {
            return -1;
        }
        Lockstep w = new Lockstep(runs(dt), runs(gt));
        long i = 0, u = 0;
        while (w.ct > 0) {
            long c = w.shortest();
            if (w.va || w.vb) {
                u += c;
                if (w.va && w.vb) {
                    i += c;
                }
            }
            w.advance(c);
        }
        if (i == 0) {
            u = 1;
        } else if (crowd) {
            u = dt.area();
        }
        return (double) i / (double) u;
    }

    private static double bbIou(double[] d, double[] g, boolean crowd) {
        double ga = g[2] * g[3];
        double da = d[2] * d[3];
        double w = Math.min(d[2] + d[0], g[2] + g[0]) - Math.max(d[0], g[0]);
        if (w <= 0) {
            return 0;
        }
        double h = Math.min(d[3] + d[1], g[3] + g[1]) - Math.max(d[1], g[1]);
        if (h <= 0) {
            return 0;
        }
        double i = w * h;
        double u = crowd ? da : da + ga - i;
        return i / u;
    }

    /** Counts, with the empty list read as one background run (C would read past it). */
    private static int[] runs(Mask mask) {
        int[] c = Objects.requireNonNull(mask, "mask").counts();
        return c.length == 0 ? new int[] {(int) ((long) mask.height() * mask.width())} : c;
    }
}
