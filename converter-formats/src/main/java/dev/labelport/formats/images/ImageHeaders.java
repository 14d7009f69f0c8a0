package dev.labelport.formats.images;

import dev.labelport.Limits;
import dev.labelport.error.InvalidInputException;
import dev.labelport.error.LabelportException;
import dev.labelport.error.LimitExceededException;
import dev.labelport.error.Location;
import dev.labelport.model.Item;
import dev.labelport.spi.ImageSize;
import dev.labelport.spi.ImageSizeResolver;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Image sizes read from image file headers, without decoding pixels: plain {@code javax.imageio}
 * with the TwelveMonkeys plugins on the class or module path (JPEG including CMYK/YCCK and files
 * with broken markers, PNG, BMP, GIF, WebP, TIFF). Nothing is cached on disk (ImageIO's file
 * cache is bypassed), and the paths may live in a zip file system.
 *
 * <p>A resolver made with {@link #under} or {@link #builder} finds each item's image as
 * {@code root.resolve(item.fileName())}, falling back to the bare file name under the root (a
 * file name may carry the exporting machine's folders, e.g. {@code /data/imgs/a.jpg} or
 * {@code C:\imgs\a.jpg}); a name that would leave the root is never resolved. Sizes are cached
 * per resolver (bounded, least recently used first out), so items sharing an image read it
 * once. It is thread-safe.
 *
 * <ul>
 *   <li>{@link Builder#exifOrientation(boolean)} (default off): the EXIF Orientation tag (JPEG,
 *       TIFF, PNG, WebP) is read, and orientations 5 to 8 swap width and height, giving the size
 *       as displayed (what Ultralytics and most viewers use).</li>
 *   <li>{@link Builder#missing(Missing)}: a missing or unreadable image is a located error
 *       ({@link Missing#FAIL}), or unknown ({@link Missing#REPORT}, the default): {@code null}, so
 *       the next resolver or the source may know it, counted with examples in
 *       {@link #problems()}.</li>
 *   <li>A header declaring a side larger than {@link Limits#maxImageDimension()} is refused with a
 *       {@link LimitExceededException} naming the file, whatever the policy: such a file is
 *       hostile or broken, and a size from it would scale coordinates into nonsense.</li>
 * </ul>
 */
public final class ImageHeaders implements ImageSizeResolver {

    /** What a resolver does with an item whose image is missing or unreadable. */
    public enum Missing {
        /** A located {@link InvalidInputException} naming the file. */
        FAIL,
        /** Unknown ({@code null}), counted in {@link #problems()}. */
        REPORT
    }

    /** Problems a {@link Missing#REPORT} resolver met: how many, and up to eight examples. */
    public record Problems(long count, List<String> examples) {
        public Problems {
            examples = List.copyOf(examples);
        }
    }

    /** Default cache size: sizes of this many distinct images are kept. */
    public static final int DEFAULT_CACHE = 10_000;
    private static final int MAX_EXAMPLES = 8;
    private static final ImageSize UNREADABLE = new ImageSize(1, 1); // cache marker, compared by identity

    private final Path root;
    private final boolean exifOrientation;
    private final Missing missing;
    private final Limits limits;
    private final Map<String, ImageSize> cache;
    private long problemCount;
    private final List<String> problemExamples = new ArrayList<>();

    private ImageHeaders(Builder b) {
        this.root = b.root;
        this.exifOrientation = b.exifOrientation;
        this.missing = b.missing;
        this.limits = b.limits;
        int max = b.cacheSize;
        this.cache = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, ImageSize> eldest) {
                return size() > max;
            }
        };
    }

    /**
     * A resolver that finds each item's image under {@code root}, with the defaults: no EXIF
     * orientation, missing images unknown and reported, {@link Limits#DEFAULTS}.
     */
    public static ImageHeaders under(Path root) {
        return builder(root).build();
    }

    /** Starts a resolver for the images under {@code root}. */
    public static Builder builder(Path root) {
        return new Builder(root);
    }

    @Override
    public ImageSize sizeOf(Item item) {
        String name = item.fileName();
        if (name == null || name.isEmpty()) {
            return null;
        }
        synchronized (cache) {
            ImageSize known = cache.get(name);
            if (known != null) {
                return known == UNREADABLE ? null : known;
            }
        }
        ImageSize size = resolve(name, item);
        synchronized (cache) {
            cache.put(name, size == null ? UNREADABLE : size);
        }
        return size;
    }

    /** The missing and unreadable images met so far under {@link Missing#REPORT}. */
    public Problems problems() {
        synchronized (problemExamples) {
            return new Problems(problemCount, problemExamples);
        }
    }

    private ImageSize resolve(String name, Item item) {
        Path file = locate(name);
        if (file == null) {
            return problem(name, item, "no image file '" + name + "' under " + root);
        }
        ImageSize size;
        try {
            size = read(file, exifOrientation, limits);
        } catch (LabelportException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            return problem(file.toString(), item, "cannot read the image header: " + e);
        }
        if (size == null) {
            return problem(file.toString(), item, "not an image any reader knows");
        }
        return size;
    }

    private ImageSize problem(String where, Item item, String why) {
        String detail = why + " (item " + item.id() + ")";
        if (missing == Missing.FAIL) {
            throw new InvalidInputException(Location.of(where), detail);
        }
        synchronized (problemExamples) {
            problemCount++;
            if (problemExamples.size() < MAX_EXAMPLES) {
                problemExamples.add(where + ": " + detail);
            }
        }
        return null;
    }

    /** The image file for {@code name}, or null. */
    private Path locate(String name) {
        String rel = name.replace('\\', '/');
        while (rel.startsWith("./")) {
            rel = rel.substring(2);
        }
        if (isContained(rel)) {
            Path p = root.resolve(rel);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        String base = rel.substring(rel.lastIndexOf('/') + 1);
        if (!base.isEmpty() && isContained(base)) {
            Path p = root.resolve(base);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        return null;
    }

    private static boolean isContained(String rel) {
        if (rel.isEmpty() || rel.startsWith("/") || rel.indexOf('\0') >= 0 || rel.length() > 1 && rel.charAt(1) == ':') {
            return false;
        }
        for (String seg : rel.split("/", -1)) {
            if (seg.equals("..") || seg.isEmpty()) {
                return false;
            }
        }
        return true;
    }

    /**
     * The size of the image in {@code file} from its header as stored (no EXIF orientation), or
     * {@code null} when no reader recognises the file.
     */
    public static ImageSize read(Path file) throws IOException {
        return read(file, false, Limits.DEFAULTS);
    }

    /**
     * {@link #read(Path) read(file)} for a source's {@code imageSize}: {@code null} when
     * {@code file} is null, unreadable or not a recognised image (the pipeline then tries elsewhere).
     */
    public static ImageSize readOrNull(Path file) {
        try {
            return file == null ? null : read(file);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * The size of the image in {@code file} from its header, as displayed when
     * {@code exifOrientation} is set; {@code null} when no reader recognises the file.
     *
     * @throws LimitExceededException when a side is larger than {@code limits.maxImageDimension()}
     * @throws IOException            when the file cannot be read or the header is broken
     */
    public static ImageSize read(Path file, boolean exifOrientation, Limits limits) throws IOException {
        Objects.requireNonNull(limits, "limits");
        int[] wh = header(file);
        if (wh == null) {
            return null;
        }
        int w = wh[0];
        int h = wh[1];
        if (w <= 0 || h <= 0 || w > limits.maxImageDimension() || h > limits.maxImageDimension()) {
            if (w <= 0 || h <= 0) {
                throw new IOException("the header declares a size of " + w + "x" + h);
            }
            throw new LimitExceededException(Location.of(file.toString()), "the image header declares " + w + "x" + h
                    + " pixels, more than the limit of " + limits.maxImageDimension() + " per side");
        }
        if (exifOrientation && ExifOrientation.swapsSides(orientation(file))) {
            return new ImageSize(h, w);
        }
        return new ImageSize(w, h);
    }

    /** The EXIF orientation 1..8 of {@code file}; 1 when it has none or it cannot be read. */
    static int orientation(Path file) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 8192)) {
            return ExifOrientation.read(in);
        } catch (java.io.EOFException e) {
            return 1;
        }
    }

    /** Width and height from the first reader that can give them, or null when none knows the file. */
    private static int[] header(Path file) throws IOException {
        IOException failure = null;
        try (InputStream raw = Files.newInputStream(file);
             ImageInputStream in = new MemoryCacheImageInputStream(new BufferedInputStream(raw, 8192))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                return null;
            }
            while (readers.hasNext()) {
                ImageReader r = readers.next();
                try {
                    in.seek(0);
                    r.setInput(in, true, true);
                    return new int[] {r.getWidth(0), r.getHeight(0)};
                } catch (IOException e) {
                    failure = failure == null ? e : failure;
                } catch (RuntimeException e) {
                    // plugins throw IllegalArgumentException, IndexOutOfBounds... on broken headers
                    failure = failure == null ? new IOException(e.toString(), e) : failure;
                } finally {
                    r.dispose();
                }
            }
        }
        throw failure;
    }

    /** Builds an {@link ImageHeaders} resolver. */
    public static final class Builder {
        private final Path root;
        private boolean exifOrientation;
        private Missing missing = Missing.REPORT;
        private Limits limits = Limits.DEFAULTS;
        private int cacheSize = DEFAULT_CACHE;

        private Builder(Path root) {
            this.root = Objects.requireNonNull(root, "root");
        }

        /** Whether EXIF orientations 5 to 8 swap width and height (default false). */
        public Builder exifOrientation(boolean v) { exifOrientation = v; return this; }

        /** What a missing or unreadable image does (default {@link Missing#REPORT}). */
        public Builder missing(Missing v) { missing = Objects.requireNonNull(v, "missing"); return this; }

        /** Bounds on declared sizes (default {@link Limits#DEFAULTS}). */
        public Builder limits(Limits v) { limits = Objects.requireNonNull(v, "limits"); return this; }

        /** How many image sizes are cached (default {@value #DEFAULT_CACHE}); 0 caches nothing. */
        public Builder cacheSize(int v) {
            if (v < 0) {
                throw new IllegalArgumentException("cache size must not be negative: " + v);
            }
            cacheSize = v;
            return this;
        }

        public ImageHeaders build() {
            return new ImageHeaders(this);
        }
    }
}
