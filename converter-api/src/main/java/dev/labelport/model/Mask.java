package dev.labelport.model;

import java.util.Arrays;
import java.util.Objects;

/**
 * A binary mask as COCO run-length encoding: the mask flattened column-major, counts alternating
 * runs of 0s and 1s starting with 0s. The form it was read in (count array or compressed string)
 * is kept, so a same-format write reproduces it; {@link #counts()} and {@link #compressedCounts()}
 * convert between the two with the pycocotools codec.
 */
public final class Mask implements Geometry {
    private final int height;
    private final int width;
    private final int[] counts;      // null when created from a compressed string
    private final String compressed; // null when created from counts

    private Mask(int height, int width, int[] counts, String compressed) {
        if (height < 0 || width < 0) {
            throw new IllegalArgumentException("negative mask size " + height + "x" + width);
        }
        this.height = height;
        this.width = width;
        this.counts = counts;
        this.compressed = compressed;
    }

    /** A mask from uncompressed counts (copied). */
    public static Mask ofCounts(int height, int width, int[] counts) {
        for (int c : counts) {
            if (c < 0) {
                throw new IllegalArgumentException("negative run length " + c);
            }
        }
        return new Mask(height, width, counts.clone(), null);
    }

    /** A mask from a pycocotools compressed counts string. */
    public static Mask ofCompressed(int height, int width, String compressed) {
        return new Mask(height, width, null, Objects.requireNonNull(compressed, "compressed"));
    }

    public int height() {
        return height;
    }

    public int width() {
        return width;
    }

    /** True when read from (and written back as) a compressed string. */
    public boolean isCompressed() {
        return compressed != null;
    }

    /** The run lengths (a fresh array). */
    public int[] counts() {
        return counts != null ? counts.clone() : decode(compressed);
    }

    /** The pycocotools compressed string. */
    public String compressedCounts() {
        return compressed != null ? compressed : encode(counts);
    }

    /** Number of foreground pixels. */
    public long area() {
        return foreground(counts != null ? counts : decode(compressed));
    }

    private static long foreground(int[] c) {
        long a = 0;
        for (int i = 1; i < c.length; i += 2) {
            a += c[i];
        }
        return a;
    }

    /** Sum of all runs; equals {@code height * width} for a well-formed mask. */
    public long totalRunLength() {
        int[] c = counts != null ? counts : decode(compressed);
        long a = 0;
        for (int v : c) {
            a += v;
        }
        return a;
    }

    /**
     * Bounding box of the foreground pixels (pixel-edge coordinates) as pycocotools'
     * {@code toBbox} gives it (see {@link dev.labelport.masks.Rle#toBbox}); {@code null} when
     * the mask has no foreground pixel.
     */
    public Box bounds() {
        int[] c = counts != null ? counts : decode(compressed);
        if (foreground(c) == 0) {
            return null;
        }
        double[] b = dev.labelport.masks.Rle.toBbox(c, height, width);
        return new Box(b[0], b[1], b[2], b[3]);
    }

    /** pycocotools {@code rleToString}. */
    public static String encode(int[] cnts) {
        StringBuilder sb = new StringBuilder(cnts.length * 2);
        for (int i = 0; i < cnts.length; i++) {
            long x = cnts[i];
            if (i > 2) {
                x -= cnts[i - 2];
            }
            boolean more = true;
            while (more) {
                int c = (int) (x & 0x1f);
                x >>= 5;
                more = (c & 0x10) != 0 ? x != -1 : x != 0;
                if (more) {
                    c |= 0x20;
                }
                sb.append((char) (c + 48));
            }
        }
        return sb.toString();
    }

    /** pycocotools {@code rleFrString}; rejects characters outside the codec's alphabet. */
    public static int[] decode(String s) {
        int[] cnts = new int[s.length()];
        int m = 0;
        int p = 0;
        int n = s.length();
        while (p < n) {
            long x = 0;
            int k = 0;
            boolean more = true;
            while (more) {
                if (p >= n) {
                    throw new IllegalArgumentException("truncated RLE string at character " + p);
                }
                int c = s.charAt(p) - 48;
                if (c < 0 || c > 63) {
                    throw new IllegalArgumentException("invalid RLE character '" + s.charAt(p) + "' at " + p);
                }
                if (k > 12) {
                    throw new IllegalArgumentException("RLE count too long at character " + p);
                }
                x |= (long) (c & 0x1f) << (5 * k);
                more = (c & 0x20) != 0;
                p++;
                k++;
                if (!more && (c & 0x10) != 0) {
                    x |= -1L << (5 * k);
                }
            }
            if (m > 2) {
                x += cnts[m - 2];
            }
            if (x < 0 || x > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("RLE run length out of range: " + x);
            }
            cnts[m++] = (int) x;
        }
        return Arrays.copyOf(cnts, m);
    }

    @Override
    public GeometryKind kind() {
        return GeometryKind.MASK;
    }

    /** Equal when size and runs are equal, whatever form each was read in. */
    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Mask other) || height != other.height || width != other.width) {
            return false;
        }
        if (compressed != null && other.compressed != null) {
            return compressed.equals(other.compressed);
        }
        return Arrays.equals(counts(), other.counts());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(counts()) * 31 + height * 17 + width;
    }

    @Override
    public String toString() {
        return "Mask[" + height + "x" + width + ", " + (compressed != null ? "\"" + compressed + "\"" : Arrays.toString(counts)) + "]";
    }
}
