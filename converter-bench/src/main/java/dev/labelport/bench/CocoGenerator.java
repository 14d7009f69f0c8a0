package dev.labelport.bench;

import dev.labelport.Limits;
import dev.labelport.internal.JsonSupport;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.SplittableRandom;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;

/**
 * Writes a COCO instances file shaped like the real train2017, of any size, in bounded memory
 * (Jackson's streaming generator; nothing per image or annotation is kept).
 *
 * <p>Shape: sections in the real order {@code info, licenses, images, annotations, categories};
 * images with realistic sizes, {@code 000000xxxxxx.jpg} names, license, coco/flickr urls and capture
 * dates; on average 7.27 annotations per image, SHUFFLED (each annotation's image is drawn at
 * random, so the array is not grouped by image); polygons of 10–40 points with two-decimal
 * coordinates inside the image, bbox = bounds, area = polygon area; about 1% iscrowd=1 with
 * uncompressed RLE; the 80 categories with COCO's real id gaps. Deterministic for a seed.
 *
 * <pre>{@code
 * java -jar labelport-bench.jar generate --preset train2017 --out bench-data/train2017.json
 * java -jar labelport-bench.jar generate --images 100 --annotations 700 --seed 7 --out tiny.json
 * }</pre>
 */
public final class CocoGenerator {
    /** The size of a generated dataset. */
    public record Spec(long images, long annotations, long seed) {
        public Spec {
            if (images < 0 || annotations < 0) {
                throw new IllegalArgumentException("negative size: " + images + " images, " + annotations + " annotations");
            }
            if (annotations > 0 && images == 0) {
                throw new IllegalArgumentException("annotations need at least one image");
            }
        }

        /** The real COCO 2017 train split: 118,287 images, 860,001 annotations. */
        public static Spec train2017(long seed) {
            return new Spec(118_287, 860_001, seed);
        }

        /** 1.5M annotations (about 800 MB) for the bounded-memory run. */
        public static Spec big(long seed) {
            return withAnnotations(1_500_000, seed);
        }

        public static Spec withImages(long images, long seed) {
            return new Spec(images, Math.round(images * SyntheticCoco.ANNOTATIONS_PER_IMAGE), seed);
        }

        public static Spec withAnnotations(long annotations, long seed) {
            return new Spec(Math.max(annotations > 0 ? 1 : 0, Math.round(annotations / SyntheticCoco.ANNOTATIONS_PER_IMAGE)),
                    annotations, seed);
        }

        public static Spec preset(String name, long seed) {
            return switch (name) {
                case "train2017" -> train2017(seed);
                case "big" -> big(seed);
                default -> throw new IllegalArgumentException("unknown preset '" + name + "' (train2017, big)");
            };
        }
    }

    public static final long DEFAULT_SEED = 2017;

    private static final String[][] LICENSES = {
        {"http://creativecommons.org/licenses/by-nc-sa/2.0/", "Attribution-NonCommercial-ShareAlike License"},
        {"http://creativecommons.org/licenses/by-nc/2.0/", "Attribution-NonCommercial License"},
        {"http://creativecommons.org/licenses/by-nc-nd/2.0/", "Attribution-NonCommercial-NoDerivs License"},
        {"http://creativecommons.org/licenses/by/2.0/", "Attribution License"},
        {"http://creativecommons.org/licenses/by-sa/2.0/", "Attribution-ShareAlike License"},
        {"http://creativecommons.org/licenses/by-nd/2.0/", "Attribution-NoDerivs License"},
        {"http://flickr.com/commons/usage/", "No known copyright restrictions"},
        {"http://www.usa.gov/copyright.shtml", "United States Government Work"},
    };

    private final Spec spec;
    private final SyntheticCoco shapes;
    private final char[] numberBuffer = new char[24];
    private final int[] xy = new int[2 * SyntheticCoco.MAX_POINTS];
    private final long[] crowdBox = new long[5];

    public CocoGenerator(Spec spec) {
        this.spec = spec;
        this.shapes = new SyntheticCoco(spec.seed());
    }

    /** Writes the dataset to {@code out}, through a sibling {@code .part} file moved into place at the end. */
    public void write(Path out) {
        Path dir = out.toAbsolutePath().getParent();
        Path part = dir.resolve(out.getFileName() + ".part");
        try {
            Files.createDirectories(dir);
            try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(part), 1 << 16)) {
                write(os);
            }
            Files.move(part, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + out, e);
        } finally {
            try {
                Files.deleteIfExists(part);
            } catch (IOException ignored) {
                // best effort: the move already happened or the write failed anyway
            }
        }
    }

    /** Writes the dataset as one compact line of JSON (like the real file) to {@code out}, which stays open. */
    public void write(OutputStream out) {
        try (JsonGenerator g = JsonSupport.factory(Limits.DEFAULTS).createGenerator(ObjectWriteContext.empty(), out)) {
            g.writeStartObject();
            writeInfo(g);
            writeLicenses(g);
            g.writeArrayPropertyStart("images");
            for (long i = 0; i < spec.images(); i++) {
                writeImage(g, i);
            }
            g.writeEndArray();
            g.writeArrayPropertyStart("annotations");
            SplittableRandom r = shapes.annotationRandom();
            for (long a = 0; a < spec.annotations(); a++) {
                writeAnnotation(g, r, a + 1);
            }
            g.writeEndArray();
            writeCategories(g);
            g.writeEndObject();
        }
    }

    private static void writeInfo(JsonGenerator g) {
        g.writeObjectPropertyStart("info");
        g.writeStringProperty("description", "COCO 2017 Dataset");
        g.writeStringProperty("url", "http://cocodataset.org");
        g.writeStringProperty("version", "1.0");
        g.writeNumberProperty("year", 2017);
        g.writeStringProperty("contributor", "COCO Consortium");
        g.writeStringProperty("date_created", "2017/09/01");
        g.writeEndObject();
    }

    private static void writeLicenses(JsonGenerator g) {
        g.writeArrayPropertyStart("licenses");
        for (int i = 0; i < LICENSES.length; i++) {
            g.writeStartObject();
            g.writeStringProperty("url", LICENSES[i][0]);
            g.writeNumberProperty("id", i + 1);
            g.writeStringProperty("name", LICENSES[i][1]);
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private void writeImage(JsonGenerator g, long index) {
        long id = shapes.imageId(index);
        int[] size = shapes.imageSize(index);
        SplittableRandom r = shapes.imageRandom(index);
        String fileName = SyntheticCoco.fileName(id);
        g.writeStartObject();
        g.writeNumberProperty("license", 1 + r.nextInt(LICENSES.length));
        g.writeStringProperty("file_name", fileName);
        g.writeStringProperty("coco_url", "http://images.cocodataset.org/train2017/" + fileName);
        g.writeNumberProperty("height", size[1]);
        g.writeNumberProperty("width", size[0]);
        g.writeStringProperty("date_captured", String.format(Locale.ROOT, "2013-11-%02d %02d:%02d:%02d",
                14 + r.nextInt(12), r.nextInt(24), r.nextInt(60), r.nextInt(60)));
        g.writeStringProperty("flickr_url", String.format(Locale.ROOT, "http://farm%d.staticflickr.com/%d/%d_%010x_z.jpg",
                1 + r.nextInt(9), 1000 + r.nextInt(9000), 1_000_000_000L + r.nextLong(9_000_000_000L),
                r.nextLong(1L << 40)));
        g.writeNumberProperty("id", id);
        g.writeEndObject();
    }

    private void writeAnnotation(JsonGenerator g, SplittableRandom r, long seq) {
        long index = r.nextLong(spec.images());
        int[] size = shapes.imageSize(index);
        int categoryId = SyntheticCoco.categoryId(r);
        boolean crowd = r.nextDouble() < SyntheticCoco.CROWD_SHARE;
        g.writeStartObject();
        g.writeName("segmentation");
        if (crowd) {
            int[] counts = SyntheticCoco.crowdRle(r, size[0], size[1], crowdBox);
            g.writeStartObject();
            g.writeName("counts");
            g.writeArray(counts, 0, counts.length);
            g.writeName("size");
            g.writeStartArray();
            g.writeNumber(size[1]);
            g.writeNumber(size[0]);
            g.writeEndArray();
            g.writeEndObject();
            g.writeNumberProperty("area", crowdBox[4]);
            g.writeNumberProperty("iscrowd", 1);
            g.writeNumberProperty("image_id", shapes.imageId(index));
            g.writeName("bbox");
            g.writeStartArray();
            for (int k = 0; k < 4; k++) {
                writeCents(g, crowdBox[k] * 100);
            }
            g.writeEndArray();
        } else {
            int n = SyntheticCoco.polygon(r, size[0], size[1], xy);
            int minX = Integer.MAX_VALUE;
            int minY = Integer.MAX_VALUE;
            int maxX = 0;
            int maxY = 0;
            g.writeStartArray();
            g.writeStartArray();
            for (int k = 0; k < n; k++) {
                int x = xy[2 * k];
                int y = xy[2 * k + 1];
                writeCents(g, x);
                writeCents(g, y);
                minX = Math.min(minX, x);
                minY = Math.min(minY, y);
                maxX = Math.max(maxX, x);
                maxY = Math.max(maxY, y);
            }
            g.writeEndArray();
            g.writeEndArray();
            g.writeNumberProperty("area", SyntheticCoco.area(xy, n));
            g.writeNumberProperty("iscrowd", 0);
            g.writeNumberProperty("image_id", shapes.imageId(index));
            g.writeName("bbox");
            g.writeStartArray();
            writeCents(g, minX);
            writeCents(g, minY);
            writeCents(g, maxX - minX);
            writeCents(g, maxY - minY);
            g.writeEndArray();
        }
        g.writeNumberProperty("category_id", categoryId);
        g.writeNumberProperty("id", crowd ? 900_100_000_000L + seq : seq);
        g.writeEndObject();
    }

    private static void writeCategories(JsonGenerator g) {
        g.writeArrayPropertyStart("categories");
        for (CocoCategories.Entry c : CocoCategories.ALL) {
            g.writeStartObject();
            g.writeStringProperty("supercategory", c.supercategory());
            g.writeNumberProperty("id", c.id());
            g.writeStringProperty("name", c.name());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    /**
     * Writes a non-negative number of hundredths the way Python's float repr writes it (the real
     * file was written by Python): {@code 47307 -> 473.07}, {@code 47310 -> 473.1}, {@code 47300 -> 473.0}.
     */
    private void writeCents(JsonGenerator g, long cents) {
        g.writeNumber(numberBuffer, 0, formatCents(cents, numberBuffer));
    }

    /** Formats as {@link #writeCents} into {@code buf}, returning the length. */
    static int formatCents(long cents, char[] buf) {
        if (cents < 0) {
            throw new IllegalArgumentException("negative coordinate " + cents);
        }
        long whole = cents / 100;
        int frac = (int) (cents % 100);
        int len = 0;
        if (whole == 0) {
            buf[len++] = '0';
        } else {
            int start = len;
            for (long w = whole; w > 0; w /= 10) {
                buf[len++] = (char) ('0' + w % 10);
            }
            for (int i = start, j = len - 1; i < j; i++, j--) {
                char t = buf[i];
                buf[i] = buf[j];
                buf[j] = t;
            }
        }
        buf[len++] = '.';
        buf[len++] = (char) ('0' + frac / 10);
        if (frac % 10 != 0) {
            buf[len++] = (char) ('0' + frac % 10);
        }
        return len;
    }
}
