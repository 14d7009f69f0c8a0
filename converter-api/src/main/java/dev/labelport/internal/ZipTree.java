package dev.labelport.internal;

import dev.labelport.error.InvalidInputException;
import dev.labelport.error.LimitExceededException;
import dev.labelport.error.Location;
import dev.labelport.model.Item;
import dev.labelport.spi.AnnotationSource;
import dev.labelport.spi.ImageSize;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * A zip archive read as a folder, for directory formats: every entry name is checked first (no
 * absolute path, no {@code ..}, no backslash: zip-slip is refused even though nothing is
 * extracted, because a name that escapes is a hostile archive), the entry count is bounded, and
 * the archive is mounted read-only with the JDK's zip file system so readers use plain
 * {@link java.nio.file.Files} calls on {@link #root()}. Nothing is extracted to disk.
 *
 * <p>An entry that declares it inflates to more than {@value ZipMember#MAX_RATIO} times its
 * compressed size (and more than 64 MiB) is refused as a zip bomb before anything is read. A
 * declared size can lie; what is then read is still bounded by the readers' own limits (line
 * lengths, string lengths), since they stream.
 */
public final class ZipTree implements Closeable {

    /** Most entries an archive read as a folder may have (118k images + 118k labels fit easily). */
    public static final int MAX_ENTRIES = 2_000_000;

    private final FileSystem fs;

    private ZipTree(FileSystem fs) {
        this.fs = fs;
    }

    /** Checks and mounts {@code zip}; {@code sourceName} names it in errors. */
    public static ZipTree mount(Path zip, String sourceName) {
        check(zip, sourceName);
        try {
            return new ZipTree(FileSystems.newFileSystem(zip, Map.of()));
        } catch (IOException e) {
            throw new InvalidInputException(Location.of(sourceName), "not a readable zip archive: " + e.getMessage(), e);
        }
    }

    private static void check(Path zip, String sourceName) {
        try (ZipFile z = new ZipFile(zip.toFile(), StandardCharsets.UTF_8)) {
            int seen = 0;
            LongIntMap names = new LongIntMap(); // 64-bit name hashes: 2M entries in a few dozen MB at most
            for (Enumeration<? extends ZipEntry> e = z.entries(); e.hasMoreElements(); ) {
                ZipEntry entry = e.nextElement();
                if (++seen > MAX_ENTRIES) {
                    throw new LimitExceededException(Location.of(sourceName),
                            "zip archive has more than " + MAX_ENTRIES + " entries");
                }
                String name = entry.getName();
                checkDeclaredSize(entry, sourceName);
                String checked = entry.isDirectory() && name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
                String problem = OutputFolders.relativePathProblem(checked);
                if (problem != null) {
                    throw new InvalidInputException(Location.of(sourceName + "!/" + name),
                            "unsafe entry name in zip archive (" + problem + "); the archive is refused");
                }
                if (names.get(hash64(checked)) != LongIntMap.MISSING) {
                    throw new InvalidInputException(Location.of(sourceName + "!/" + name),
                            "entry name appears twice in the zip archive (which one is meant cannot be told); the archive is refused");
                }
                names.put(hash64(checked), seen);
            }
        } catch (ZipException e) {
            throw new InvalidInputException(Location.of(sourceName), "not a readable zip archive: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + zip, e);
        }
    }

    /** FNV-1a over the chars: two different names of one archive share it with odds of about n^2/2^65. */
    private static long hash64(String s) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < s.length(); i++) {
            h = (h ^ s.charAt(i)) * 0x100000001b3L;
        }
        return h;
    }

    private static void checkDeclaredSize(ZipEntry entry, String sourceName) {
        long size = entry.getSize();
        long compressed = Math.max(0, entry.getCompressedSize());
        long allowance = Math.max(ZipMember.MIN_ALLOWANCE,
                compressed > Long.MAX_VALUE / ZipMember.MAX_RATIO ? Long.MAX_VALUE : compressed * ZipMember.MAX_RATIO);
        if (size > allowance) {
            throw new LimitExceededException(Location.of(sourceName + "!/" + entry.getName()), "entry declares " + size
                    + " bytes from " + compressed + " compressed, more than " + allowance + " (zip bomb?); the archive is refused");
        }
    }

    /** The archive's root folder. */
    public Path root() {
        return fs.getPath("/");
    }

    @Override
    public void close() {
        try {
            fs.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code source}, closing this archive when it is closed. */
    public AnnotationSource closingWith(AnnotationSource source) {
        ZipTree tree = this;
        return new AnnotationSource() {
            @Override
            public dev.labelport.model.DatasetHeader header() {
                return source.header();
            }

            @Override
            public Item next() {
                return source.next();
            }

            @Override
            public ImageSize imageSize(Item item) {
                return source.imageSize(item);
            }

            @Override
            public java.nio.file.Path imageFile(Item item) {
                return source.imageFile(item);
            }

            @Override
            public void close() {
                try {
                    source.close();
                } finally {
                    tree.close();
                }
            }
        };
    }
}
