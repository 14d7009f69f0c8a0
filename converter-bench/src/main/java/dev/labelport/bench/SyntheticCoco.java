package dev.labelport.bench;

import dev.labelport.json.JsonObject;
import dev.labelport.model.Annotation;
import dev.labelport.model.Category;
import dev.labelport.model.DatasetHeader;
import dev.labelport.model.Id;
import dev.labelport.model.Item;
import dev.labelport.model.PointList;
import dev.labelport.model.Polygon;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The shapes of a synthetic COCO 2017-like dataset, shared by {@link CocoGenerator} (which streams
 * them as JSON) and the writer benchmark (which needs them as model items). Every image property is
 * a pure function of (seed, image index), so nothing per image is kept in memory; annotations are
 * drawn one after the other from a single {@link SplittableRandom}.
 *
 * <p>Coordinates are whole hundredths ("cents") like the real file's two-decimal values, kept as
 * ints so that formatting them is exact.
 */
public final class SyntheticCoco {
    /** Annotations per image in the real train2017 (860,001 / 118,287 = 7.27). */
    public static final double ANNOTATIONS_PER_IMAGE = 860_001.0 / 118_287.0;
    /** Share of iscrowd=1 annotations (train2017 has about 1%). */
    static final double CROWD_SHARE = 0.01;
    static final int MIN_POINTS = 10;
    static final int MAX_POINTS = 40;

    private static final long GOLDEN = 0x9E3779B97F4A7C15L;
    private static final int[] COMMON_SHORT_SIDES = {480, 480, 480, 427, 427, 426, 424, 360};

    private final long seed;

    public SyntheticCoco(long seed) {
        this.seed = seed;
    }

    /** Sparse, increasing, unique image ids (the real ones run up to 581,929 for 118,287 images). */
    public long imageId(long index) {
        return 4 * index + 1 + (mix(seed ^ 0x5151L, index) & 3);
    }

    /** Image size as {width, height}: mostly 640 on the long side, like COCO. */
    public int[] imageSize(long index) {
        SplittableRandom r = new SplittableRandom(mix(seed ^ 0x5153L, index));
        int longSide;
        int shortSide;
        if (r.nextInt(100) < 92) {
            longSide = 640;
            shortSide = r.nextBoolean() ? COMMON_SHORT_SIDES[r.nextInt(COMMON_SHORT_SIDES.length)] : 333 + r.nextInt(148);
        } else {
            longSide = 500 + r.nextInt(141);
            shortSide = 240 + r.nextInt(longSide - 239);
        }
        return r.nextInt(100) < 70 ? new int[] {longSide, shortSide} : new int[] {shortSide, longSide};
    }

    /** A per-image random source for the descriptive fields (license, dates, urls). */
    SplittableRandom imageRandom(long index) {
        return new SplittableRandom(mix(seed ^ 0x5155L, index));
    }

    /** The random source of the annotation sequence. */
    public SplittableRandom annotationRandom() {
        return new SplittableRandom(mix(seed, -1));
    }

    /** A category id, about 30% "person" like the real data, the rest uniform over the 79 others. */
    public static int categoryId(SplittableRandom r) {
        if (r.nextInt(100) < 30) {
            return 1;
        }
        return CocoCategories.ALL.get(1 + r.nextInt(CocoCategories.ALL.size() - 1)).id();
    }

    /**
     * Fills {@code xy} with a simple (star-shaped) polygon of 10–40 points inside a
     * {@code width x height} image, in cents, and returns the number of points. Sizes follow COCO's
     * mix of small, medium and large objects.
     */
    public static int polygon(SplittableRandom r, int width, int height, int[] xy) {
        int n = MIN_POINTS + r.nextInt(MAX_POINTS - MIN_POINTS + 1);
        double maxRadius = Math.min(width, height) / 2.0;
        int kind = r.nextInt(100);
        double radius;
        if (kind < 41) {
            radius = 3 + r.nextDouble() * 13;           // small: area < 32^2
        } else if (kind < 75) {
            radius = 16 + r.nextDouble() * 32;          // medium
        } else {
            radius = 48 + r.nextDouble() * Math.max(1, maxRadius - 48); // large
        }
        radius = Math.min(radius, maxRadius);
        double cx = radius + r.nextDouble() * Math.max(0, width - 2 * radius);
        double cy = radius + r.nextDouble() * Math.max(0, height - 2 * radius);
        double step = 2 * Math.PI / n;
        double phase = r.nextDouble() * step;
        for (int i = 0; i < n; i++) {
            double a = phase + i * step + (r.nextDouble() - 0.5) * step * 0.8;
            double rr = radius * (0.6 + 0.4 * r.nextDouble());
            xy[2 * i] = clampCents(cx + rr * Math.cos(a), width);
            xy[2 * i + 1] = clampCents(cy + rr * Math.sin(a), height);
        }
        return n;
    }

    private static int clampCents(double v, int max) {
        long c = Math.round(v * 100);
        return (int) Math.max(0, Math.min(100L * max, c));
    }

    /** Shoelace area of a polygon in cents, in square pixels. */
    public static double area(int[] xy, int n) {
        long s = 0;
        for (int i = 0; i < n; i++) {
            int j = i + 1 == n ? 0 : i + 1;
            s += (long) xy[2 * i] * xy[2 * j + 1] - (long) xy[2 * j] * xy[2 * i + 1];
        }
        return Math.abs(s) / 2.0 / 10_000.0;
    }

    /**
     * Uncompressed RLE counts (column-major, starting with zeros) of a blob in a
     * {@code width x height} image; returns the counts, with the blob's bbox (whole pixels) in
     * {@code bbox} and its pixel count in {@code bbox[4]}.
     */
    static int[] crowdRle(SplittableRandom r, int width, int height, long[] bbox) {
        int cols = 10 + r.nextInt(Math.max(1, Math.min(width, 200) - 9));
        cols = Math.min(cols, width);
        int x0 = r.nextInt(width - cols + 1);
        int baseLen = 5 + r.nextInt(Math.max(1, height / 2));
        baseLen = Math.min(baseLen, height);
        int baseStart = r.nextInt(height - baseLen + 1);
        int[] counts = new int[2 * cols + 1];
        long pixels = 0;
        int minY = height;
        int maxY = 0;
        long pending = (long) x0 * height; // zeros before the current column's run
        for (int c = 0; c < cols; c++) {
            int len = Math.max(1, Math.min(height, baseLen + r.nextInt(11) - 5));
            int start = Math.max(0, Math.min(height - len, baseStart + r.nextInt(11) - 5));
            counts[2 * c] = (int) (pending + start);
            counts[2 * c + 1] = len;
            pending = height - start - len;
            pixels += len;
            minY = Math.min(minY, start);
            maxY = Math.max(maxY, start + len);
        }
        counts[2 * cols] = (int) (pending + (long) (width - x0 - cols) * height);
        bbox[0] = x0;
        bbox[1] = minY;
        bbox[2] = cols;
        bbox[3] = maxY - minY;
        bbox[4] = pixels;
        return counts;
    }

    /** The 80 COCO categories as model categories. */
    public static List<Category> categories() {
        List<Category> out = new ArrayList<>();
        for (CocoCategories.Entry e : CocoCategories.ALL) {
            out.add(new Category(Id.of(e.id()), e.name(), e.supercategory(), null, List.of(), List.of(),
                    JsonObject.EMPTY, JsonObject.EMPTY));
        }
        return out;
    }

    public static DatasetHeader header() {
        return new DatasetHeader("synthetic COCO 2017", null, null, categories(), JsonObject.EMPTY);
    }

    /**
     * {@code images} model items holding {@code annotations} polygon annotations in total, with the
     * same shapes the generator writes (crowd RLE aside). In memory: for small benchmark sizes only.
     */
    public List<Item> items(int images, int annotations) {
        List<Category> cats = categories();
        List<List<Annotation>> perImage = new ArrayList<>();
        for (int i = 0; i < images; i++) {
            perImage.add(new ArrayList<>());
        }
        SplittableRandom r = annotationRandom();
        int[] xy = new int[2 * MAX_POINTS];
        for (int a = 0; a < annotations; a++) {
            int index = r.nextInt(images);
            int[] size = imageSize(index);
            int categoryId = categoryId(r);
            int n = polygon(r, size[0], size[1], xy);
            double[] coords = new double[2 * n];
            for (int k = 0; k < coords.length; k++) {
                coords[k] = xy[k] / 100.0;
            }
            Category cat = cats.stream().filter(c -> c.id().asLong() == categoryId).findFirst().orElseThrow();
            perImage.get(index).add(Annotation.builder(Polygon.of(PointList.wrap(coords)))
                    .id(Id.of(a + 1L)).category(cat).build());
        }
        List<Item> items = new ArrayList<>(images);
        for (int i = 0; i < images; i++) {
            int[] size = imageSize(i);
            long id = imageId(i);
            items.add(Item.image(Id.of(id)).fileName(fileName(id)).size(size[0], size[1])
                    .annotations(perImage.get(i)).build());
        }
        return items;
    }

    static String fileName(long imageId) {
        return String.format(java.util.Locale.ROOT, "%012d.jpg", imageId);
    }

    /** SplitMix64's finaliser over (seed, index): independent streams per index. */
    static long mix(long seed, long index) {
        long z = seed + (index + 1) * GOLDEN;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
