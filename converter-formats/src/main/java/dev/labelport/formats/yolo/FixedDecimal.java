package dev.labelport.formats.yolo;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Writes a double with a fixed number of decimals, correctly rounded from its exact binary value
 * (half to even, as C's {@code printf("%.6f")} and Python's {@code f"{x:.6f}"} do), without
 * {@link String#format} or {@link BigDecimal} on the common path. The result equals
 * {@code new BigDecimal(v).setScale(decimals, RoundingMode.HALF_EVEN).toPlainString()}, except
 * that a value rounding to zero is written without a minus sign.
 *
 * <p>How: {@code v * 10^d} is split exactly into {@code hi + lo} with {@link Math#fma}; {@code hi}
 * is rounded with {@link Math#rint} and {@code lo} decides the cases where the exact product sits
 * on the other side of a half. Values whose scaled magnitude reaches 2^52 (or more than
 * {@value #FAST_DECIMALS} decimals) take the {@link BigDecimal} path.
 *
 * <p>Public for the benchmarks in {@code converter-bench}; not exported by the module.
 */
public final class FixedDecimal {
    /** Most decimals the fast path handles (10^d is then an exact double). */
    static final int FAST_DECIMALS = 17;
    /** Most decimals accepted at all. */
    public static final int MAX_DECIMALS = 20;
    private static final double TWO_52 = 0x1p52;
    private static final double[] POW10 = new double[FAST_DECIMALS + 1];
    private static final long[] LPOW10 = new long[19];
    /**
     * A value counts as having no more than {@code d} decimals when its scaled fraction is within
     * this many units of the last digit of an integer (a decimal read from text, then stored as
     * the nearest double, is within about 1e-10 units for d = 6).
     */
    private static final double EXACT_TOLERANCE = 1e-6;

    static {
        double p = 1;
        long lp = 1;
        for (int i = 0; i < POW10.length; i++) {
            POW10[i] = p;
            p *= 10;
        }
        for (int i = 0; i < LPOW10.length; i++) {
            LPOW10[i] = lp;
            lp *= 10;
        }
    }

    private FixedDecimal() {
    }

    /**
     * Appends {@code v} with exactly {@code decimals} digits after the point (none and no point
     * when {@code decimals} is 0) and returns whether the value had no more decimals than that
     * (within a tolerance of 1e-6 of the last digit, so that decimals read from text count as
     * exact): {@code false} means the written text rounds the value.
     *
     * @throws IllegalArgumentException for NaN, infinities or decimals outside 0..{@value #MAX_DECIMALS}
     */
    public static boolean append(StringBuilder out, double v, int decimals) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException("not a finite number: " + v);
        }
        if (decimals < 0 || decimals > MAX_DECIMALS) {
            throw new IllegalArgumentException("decimals must be 0.." + MAX_DECIMALS + ": " + decimals);
        }
        if (decimals <= FAST_DECIMALS) {
            double scale = POW10[decimals];
            double hi = v * scale;
            if (Math.abs(hi) < TWO_52) {
                double lo = Math.fma(v, scale, -hi); // v * scale == hi + lo exactly
                double r = Math.rint(hi);
                double d = hi - r; // exact: |d| <= 0.5 and a multiple of ulp(hi)
                double up = d - 0.5; // exact for |hi| < 2^52
                double down = d + 0.5;
                long n = (long) r;
                if (up > 0 || up == 0 && lo > 0) {
                    n++;
                } else if (down < 0 || down == 0 && lo < 0) {
                    n--;
                }
                writeScaled(out, n, decimals);
                double fraction = Math.abs(hi - n + lo);
                return fraction <= EXACT_TOLERANCE;
            }
        }
        BigDecimal exact = new BigDecimal(v);
        BigDecimal rounded = exact.setScale(decimals, RoundingMode.HALF_EVEN);
        if (rounded.signum() == 0) {
            rounded = rounded.abs();
        }
        out.append(rounded.toPlainString());
        BigDecimal error = exact.subtract(rounded).abs().movePointRight(decimals);
        return error.compareTo(BigDecimal.valueOf(EXACT_TOLERANCE)) <= 0;
    }

    /**
     * Appends {@code v} as the shortest plain decimal (no exponent) that reads back as the same
     * double, as {@link Double#toString} chooses its digits: {@code 0.48046875000000006},
     * {@code 0.5}, {@code 1}. For files written with more digits than a fixed precision keeps.
     *
     * @throws IllegalArgumentException for NaN or infinities
     */
    public static void appendShortest(StringBuilder out, double v) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException("not a finite number: " + v);
        }
        if (v == 0) {
            out.append('0');
            return;
        }
        out.append(new BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString());
    }

    /** {@link #append} into a new string. */
    public static String format(double v, int decimals) {
        StringBuilder sb = new StringBuilder(24);
        append(sb, v, decimals);
        return sb.toString();
    }

    /** Writes {@code n / 10^decimals} in plain notation; |n| < 2^52. */
    private static void writeScaled(StringBuilder out, long n, int decimals) {
        if (n < 0) {
            out.append('-');
            n = -n;
        }
        if (decimals == 0) {
            out.append(n);
            return;
        }
        if (decimals <= 18) {
            long p = LPOW10[decimals];
            out.append(n / p).append('.');
            long frac = n % p;
            // zero padding, then the digits
            for (int i = decimals - 1; i > 0 && frac < LPOW10[i]; i--) {
                out.append('0');
            }
            if (frac != 0 || decimals > 0) {
                out.append(frac);
            }
            return;
        }
        out.append(BigDecimal.valueOf(n, decimals).toPlainString());
    }
}
