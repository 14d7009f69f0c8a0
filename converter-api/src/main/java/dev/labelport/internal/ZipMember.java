package dev.labelport.internal;

import dev.labelport.error.InvalidInputException;
import dev.labelport.error.LimitExceededException;
import dev.labelport.error.Location;
import dev.labelport.model.DatasetHeader;
import dev.labelport.model.Item;
import dev.labelport.spi.AnnotationSource;
import dev.labelport.spi.ReadContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.function.BiFunction;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Reads a single-file format from inside a zip archive (platform exports are often downloaded
 * zipped): the one entry with the format's extension is copied to a temporary file, read from
 * there, and deleted when the source closes. Entry names are never used as paths, so a hostile
 * name cannot escape; an entry that inflates far beyond its compressed size (a zip bomb) is
 * refused before it fills the disk.
 */
public final class ZipMember {
    /** Entries looked at, at most. */
    static final int MAX_ENTRIES = 100_000;
    /** An entry may inflate to this many times its compressed size (JSON rarely passes 30)... */
    static final long MAX_RATIO = 200;
    /** ...or to this size, whichever is larger. */
    static final long MIN_ALLOWANCE = 64L << 20;

    private ZipMember() {
    }

    /** True when the file starts with a zip local-file header ({@code PK\3\4}). */
    public static boolean isZip(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(4);
            return head.length == 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Opens the single entry ending in {@code suffix} (case-insensitive, e.g. {@code .json}) with
     * {@code opener}; locations then name {@code archive.zip!/entry.json}.
     */
    public static AnnotationSource open(Path zip, String suffix, ReadContext ctx,
                                        BiFunction<Path, ReadContext, AnnotationSource> opener) {
        Path extracted = null;
        try (ZipFile z = new ZipFile(zip.toFile(), StandardCharsets.UTF_8)) {
            ZipEntry entry = single(z, suffix, ctx.sourceName());
            extracted = ctx.tempDirectory() == null ? Files.createTempFile("labelport-zip-", suffix)
                    : Files.createTempFile(ctx.tempDirectory(), "labelport-zip-", suffix);
            copyBounded(z, entry, extracted, ctx.sourceName());
            String name = ctx.sourceName() + "!/" + entry.getName();
            ReadContext inner = new ReadContext(name, ctx.options(), ctx.limits(), ctx.errorPolicy(), ctx.reporter(),
                    ctx.tempDirectory());
            return new Deleting(opener.apply(extracted, inner), extracted);
        } catch (ZipException e) {
            deleteQuietly(extracted);
            throw new InvalidInputException(Location.of(ctx.sourceName()), "not a readable zip archive: " + e.getMessage(), e);
        } catch (IOException e) {
            deleteQuietly(extracted);
            throw new UncheckedIOException("cannot read " + zip, e);
        } catch (RuntimeException e) {
            deleteQuietly(extracted);
            throw e;
        }
    }

    /** The head of the single entry ending in {@code suffix}, for detection; empty when there is none. */
    public static byte[] head(Path zip, String suffix, int bytes) {
        try (ZipFile z = new ZipFile(zip.toFile(), StandardCharsets.UTF_8)) {
            ZipEntry entry = single(z, suffix, "");
            try (InputStream in = z.getInputStream(entry)) {
                return in.readNBytes(bytes);
            }
        } catch (IOException | RuntimeException e) {
            return new byte[0];
        }
    }

    private static ZipEntry single(ZipFile z, String suffix, String source) {
        List<ZipEntry> found = new ArrayList<>();
        int seen = 0;
        for (Enumeration<? extends ZipEntry> e = z.entries(); e.hasMoreElements(); ) {
            ZipEntry entry = e.nextElement();
            if (++seen > MAX_ENTRIES) {
                throw new LimitExceededException(Location.of(source), "zip archive has more than " + MAX_ENTRIES + " entries");
            }
            String name = entry.getName();
            String base = name.substring(name.lastIndexOf('/') + 1);
            if (!entry.isDirectory() && !name.startsWith("__MACOSX/") && !base.startsWith(".")
                    && name.toLowerCase(Locale.ROOT).endsWith(suffix)) {
                found.add(entry);
            }
        }
        if (found.size() != 1) {
            List<String> names = found.stream().map(ZipEntry::getName).limit(10).toList();
            throw new InvalidInputException(Location.of(source), found.isEmpty()
                    ? "the zip archive holds no " + suffix + " file"
                    : "the zip archive holds " + found.size() + " " + suffix + " files " + names
                            + "; unpack it and convert each");
        }
        return found.get(0);
    }

    private static void copyBounded(ZipFile z, ZipEntry entry, Path to, String source) throws IOException {
        long compressed = Math.max(0, entry.getCompressedSize());
        long allowance = Math.max(MIN_ALLOWANCE, compressed > Long.MAX_VALUE / MAX_RATIO ? Long.MAX_VALUE : compressed * MAX_RATIO);
        try (InputStream in = z.getInputStream(entry); OutputStream out = Files.newOutputStream(to)) {
            byte[] buf = new byte[1 << 16];
            long total = 0;
            for (int n; (n = in.read(buf)) > 0; ) {
                total += n;
                if (total > allowance) {
                    throw new LimitExceededException(Location.of(source + "!/" + entry.getName()),
                            "entry inflates past " + allowance + " bytes from " + compressed + " compressed (zip bomb?)");
                }
                out.write(buf, 0, n);
            }
        }
    }

    private static void deleteQuietly(Path p) {
        if (p != null) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // a temporary file left behind is not worth hiding the real error for
            }
        }
    }

    /** The source over the extracted file, deleting it on close. */
    private static final class Deleting implements AnnotationSource {
        private final AnnotationSource source;
        private final Path file;

        Deleting(AnnotationSource source, Path file) {
            this.source = source;
            this.file = file;
        }

        @Override
        public DatasetHeader header() {
            return source.header();
        }

        @Override
        public Item next() {
            return source.next();
        }

        @Override
        public void close() {
            try {
                source.close();
            } finally {
                deleteQuietly(file);
            }
        }
    }
}
