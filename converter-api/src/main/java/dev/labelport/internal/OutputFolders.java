package dev.labelport.internal;

import dev.labelport.model.DatasetHeader;
import dev.labelport.model.Item;
import dev.labelport.spi.ExportWriter;
import dev.labelport.spi.FormatDescriptor;
import dev.labelport.spi.FormatProvider;
import dev.labelport.spi.OutputFolder;
import dev.labelport.spi.WriteContext;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** The two {@link OutputFolder}s: a folder on disk and a zip written sequentially. */
public final class OutputFolders {

    private static final int BUFFER = 64 * 1024;
    /** Per file in a folder: most files of folder formats (labels, XML) are a few KiB. */
    private static final int FILE_BUFFER = 8 * 1024;

    private OutputFolders() {
    }

    /** Files under the existing folder {@code root}. */
    public static OutputFolder directory(Path root, String name) {
        return new Directory(root, name);
    }

    /** Entries of a new zip archive written into {@code zipFile}; close it to finish the archive. */
    public static ZipFolder zip(Path zipFile, String name) throws IOException {
        return new ZipFolder(zipFile, name);
    }

    /**
     * A writer of {@code provider} into {@code output}: the file itself for a file format; for a
     * folder format the existing folder {@code output}, or, when {@code zip}, a new zip archive
     * written into the file {@code output} and finished when the writer is closed. Names in
     * messages come from {@code ctx.targetName()}.
     */
    public static ExportWriter writer(FormatProvider provider, Path output, boolean zip, WriteContext ctx) {
        if (provider.descriptor().layout() == FormatDescriptor.Layout.FILE) {
            return provider.createWriter(output, ctx);
        }
        if (!zip) {
            return provider.createWriter(directory(output, ctx.targetName()), ctx);
        }
        ZipFolder archive;
        try {
            archive = zip(output, ctx.targetName());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the zip archive " + ctx.targetName(), e);
        }
        return zipWriter(provider, archive, ctx);
    }

    /**
     * A writer of the folder format {@code provider} into {@code archive}; closing the writer
     * closes the format's last files, then finishes the archive.
     */
    public static ExportWriter zipWriter(FormatProvider provider, ZipFolder archive, WriteContext ctx) {
        ExportWriter w;
        try {
            w = provider.createWriter(archive, ctx);
        } catch (RuntimeException e) {
            archive.close(); // a refused option must not leave the archive's file open
            throw e;
        }
        return new ExportWriter() {
            @Override
            public void begin(DatasetHeader header) {
                w.begin(header);
            }

            @Override
            public void write(Item item) {
                w.write(item);
            }

            @Override
            public void finish() {
                w.finish();
            }

            @Override
            public void close() {
                try {
                    w.close(); // the format's last files first, then the central directory
                } finally {
                    archive.close();
                }
            }
        };
    }

    /**
     * Entries of a new zip archive written into {@code stream}; closing the folder finishes the
     * archive and flushes {@code stream} but leaves it open.
     */
    public static ZipFolder zip(OutputStream stream, String name) {
        return new ZipFolder(new BufferedOutputStream(nonClosing(stream), BUFFER), name);
    }

    /** {@code stream} with {@code close()} turned into {@code flush()}: for streams the caller owns. */
    public static OutputStream nonClosing(OutputStream stream) {
        return new java.io.FilterOutputStream(stream) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                out.flush();
            }
        };
    }

    /** Whether an output path names a zip archive. */
    public static boolean isZipName(Path output) {
        Path f = output.getFileName();
        return f != null && f.toString().toLowerCase(java.util.Locale.ROOT).endsWith(".zip");
    }

    /**
     * Checks a relative path given to {@link OutputFolder#create} or read from a zip entry:
     * {@code /}-separated, not absolute, no drive letter, no backslash, no {@code ..}, {@code .}
     * or empty segment, no NUL. Returns it unchanged.
     */
    public static String checkRelative(String path) {
        String problem = relativePathProblem(path);
        if (problem != null) {
            throw new IllegalArgumentException("unsafe relative path '" + path + "': " + problem);
        }
        return path;
    }

    /**
     * {@code s} made into one safe file-name segment of at most {@code maxLength} characters:
     * every control, whitespace, surrogate or non-character, every one of {@code /\:*?"<>|} and
     * every one of {@code extra} becomes {@code _}; an empty result, {@code .} and {@code ..}
     * become {@code _}, {@code __} and {@code ___}. A writer that names a file or a folder after
     * data (an item id, a split, a class) passes the name through here and reports the change
     * when the result differs.
     */
    public static String safeSegment(String s, String extra, int maxLength) {
        StringBuilder b = new StringBuilder(Math.min(s.length(), maxLength));
        for (int i = 0; i < s.length() && b.length() < maxLength; i++) {
            char c = s.charAt(i);
            boolean bad = c < 0x20 || Character.isWhitespace(c) || Character.isSurrogate(c) || c == 0x7f
                    || "/\\:*?\"<>|".indexOf(c) >= 0 || extra.indexOf(c) >= 0 || c == 0xFFFE || c == 0xFFFF;
            b.append(bad ? '_' : c);
        }
        String r = b.toString();
        return r.isEmpty() || r.equals(".") || r.equals("..") ? "_" + r.replace('.', '_') : r;
    }

    /** Why {@code path} is not a safe relative path, or {@code null} when it is. */
    public static String relativePathProblem(String path) {
        if (path == null || path.isEmpty()) {
            return "empty";
        }
        if (path.startsWith("/")) {
            return "absolute";
        }
        if (path.indexOf('\\') >= 0) {
            return "contains a backslash";
        }
        if (path.indexOf('\0') >= 0) {
            return "contains NUL";
        }
        if (path.length() > 1 && path.charAt(1) == ':') {
            return "has a drive letter";
        }
        for (String seg : path.split("/", -1)) {
            if (seg.isEmpty()) {
                return "has an empty segment";
            }
            if (seg.equals("..")) {
                return "goes up with '..'";
            }
            if (seg.equals(".")) {
                return "has a '.' segment";
            }
        }
        return null;
    }

    /**
     * Records {@code path} as created in {@code files}, with its parent folders in {@code folders};
     * refuses a path created before, a path that is a folder of another, or one below a file.
     */
    static void claim(String path, Set<String> files, Set<String> folders) {
        if (files.contains(path)) {
            throw new IllegalArgumentException("file created twice: " + path);
        }
        if (folders.contains(path)) {
            throw new IllegalArgumentException("'" + path + "' is already a folder of created files");
        }
        for (int i = path.indexOf('/'); i >= 0; i = path.indexOf('/', i + 1)) {
            if (files.contains(path.substring(0, i))) {
                throw new IllegalArgumentException("'" + path + "' would be inside the file " + path.substring(0, i));
            }
        }
        files.add(path);
        for (int i = path.indexOf('/'); i >= 0; i = path.indexOf('/', i + 1)) {
            folders.add(path.substring(0, i));
        }
    }

    private static final class Directory implements OutputFolder {
        private final Path root;
        private final String name;
        private final Set<String> created = new HashSet<>();
        private final Set<String> folders = new HashSet<>();

        Directory(Path root, String name) {
            this.root = root;
            this.name = name;
        }

        @Override
        public OutputStream create(String relativePath) throws IOException {
            checkRelative(relativePath);
            int slash = relativePath.lastIndexOf('/');
            boolean newFolder = slash > 0 && !folders.contains(relativePath.substring(0, slash));
            claim(relativePath, created, folders);
            Path p = root.resolve(relativePath);
            if (newFolder) {
                Files.createDirectories(p.getParent()); // once per folder, not a stat per file
            }
            return new BufferedOutputStream(Files.newOutputStream(p, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE), FILE_BUFFER);
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public boolean isArchive() {
            return false;
        }

        @Override
        public boolean link(String relativePath, Path target, boolean symbolic) throws IOException {
            checkRelative(relativePath);
            if (!target.isAbsolute() || target.getFileSystem() != root.getFileSystem()) {
                return false;
            }
            claim(relativePath, created, folders); // a path taken is refused, as by create
            Path p = root.resolve(relativePath);
            Files.createDirectories(p.getParent());
            try {
                if (symbolic) {
                    Files.createSymbolicLink(p, target);
                } else {
                    Files.createLink(p, target);
                }
            } catch (UnsupportedOperationException | java.nio.file.FileSystemException e) {
                created.remove(relativePath); // another device, no permission, no links here: the caller copies
                return false;
            }
            return true;
        }
    }

    /** A zip archive written entry after entry; {@link #close()} writes the central directory. */
    public static final class ZipFolder implements OutputFolder, Closeable {
        private final OutputStream out;
        private final ZipOutputStream zip;
        private final String name;
        private final Set<String> created = new HashSet<>();
        private final Set<String> folders = new HashSet<>();
        private boolean entryOpen;
        private final byte[] buffer = new byte[BUFFER];
        private int count;

        ZipFolder(Path file, String name) throws IOException {
            this(new BufferedOutputStream(Files.newOutputStream(file), BUFFER), name);
        }

        ZipFolder(OutputStream out, String name) {
            this.out = out;
            this.zip = new ZipOutputStream(out);
            // Fastest deflate: at the default level 6, compressing 170 MB of YOLO label text took
            // 40% of a COCO->YOLO conversion; level 1 costs a few percent of archive size.
            this.zip.setLevel(java.util.zip.Deflater.BEST_SPEED);
            this.name = name;
        }

        @Override
        public OutputStream create(String relativePath) throws IOException {
            checkRelative(relativePath);
            if (entryOpen) {
                throw new IllegalStateException("close the previous file before creating " + relativePath);
            }
            claim(relativePath, created, folders);
            ZipEntry e = new ZipEntry(relativePath);
            e.setTime(0L); // reproducible archives: the content decides the bytes
            zip.putNextEntry(e);
            entryOpen = true;
            return new EntryStream(relativePath);
        }

        /**
         * One entry's bytes, buffered in the archive's single buffer (one entry is open at a time,
         * so 118k small files cost no 118k buffers); closing it ends the entry, not the archive.
         */
        private final class EntryStream extends OutputStream {
            private final String path;
            private boolean closed;

            EntryStream(String path) {
                this.path = path;
                count = 0;
            }

            @Override
            public void write(int b) throws IOException {
                open();
                if (count == buffer.length) {
                    drain();
                }
                buffer[count++] = (byte) b;
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                open();
                if (len >= buffer.length) {
                    drain();
                    zip.write(b, off, len);
                    return;
                }
                if (len > buffer.length - count) {
                    drain();
                }
                System.arraycopy(b, off, buffer, count, len);
                count += len;
            }

            @Override
            public void flush() throws IOException {
                open();
                drain();
            }

            private void drain() throws IOException {
                if (count > 0) {
                    zip.write(buffer, 0, count);
                    count = 0;
                }
            }

            private void open() throws IOException {
                if (closed) {
                    // past closeEntry the bytes would land in no entry, or in the next one
                    throw new IOException("stream closed: " + path);
                }
            }

            @Override
            public void close() throws IOException {
                if (!closed) {
                    drain();
                    closed = true;
                    zip.closeEntry();
                    entryOpen = false;
                }
            }
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public boolean isArchive() {
            return true;
        }

        @Override
        public void close() {
            try {
                closeZip(zip, out);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot finish the zip archive " + name, e);
            }
        }
    }

    /**
     * Closes {@code zip} and, even when writing its central directory fails (a full disk),
     * {@code underlying}: {@link ZipOutputStream#close} leaves its stream open when
     * {@code finish()} throws, and the open descriptor would keep a deleted temporary's space
     * (and its file system busy) until the JVM exits.
     */
    public static void closeZip(ZipOutputStream zip, OutputStream underlying) throws IOException {
        try {
            zip.close();
        } catch (IOException | RuntimeException e) {
            try {
                underlying.close();
            } catch (IOException | RuntimeException second) {
                e.addSuppressed(second);
            }
            throw e;
        }
    }
}
