package dev.labelport.internal;

import dev.labelport.spi.OutputFolder;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.FilterOutputStream;
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

    private static final class Directory implements OutputFolder {
        private final Path root;
        private final String name;
        private final Set<String> created = new HashSet<>();

        Directory(Path root, String name) {
            this.root = root;
            this.name = name;
        }

        @Override
        public OutputStream create(String relativePath) throws IOException {
            checkRelative(relativePath);
            if (!created.add(relativePath)) {
                throw new IllegalArgumentException("file created twice: " + relativePath);
            }
            Path p = root.resolve(relativePath);
            Files.createDirectories(p.getParent());
            return new BufferedOutputStream(Files.newOutputStream(p, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE), BUFFER);
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public boolean isArchive() {
            return false;
        }
    }

    /** A zip archive written entry after entry; {@link #close()} writes the central directory. */
    public static final class ZipFolder implements OutputFolder, Closeable {
        private final ZipOutputStream zip;
        private final String name;
        private final Set<String> created = new HashSet<>();
        private boolean entryOpen;

        ZipFolder(Path file, String name) throws IOException {
            this.zip = new ZipOutputStream(new BufferedOutputStream(Files.newOutputStream(file), BUFFER));
            this.name = name;
        }

        @Override
        public OutputStream create(String relativePath) throws IOException {
            checkRelative(relativePath);
            if (entryOpen) {
                throw new IllegalStateException("close the previous file before creating " + relativePath);
            }
            if (!created.add(relativePath)) {
                throw new IllegalArgumentException("file created twice: " + relativePath);
            }
            ZipEntry e = new ZipEntry(relativePath);
            e.setTime(0L); // reproducible archives: the content decides the bytes
            zip.putNextEntry(e);
            entryOpen = true;
            return new BufferedOutputStream(new FilterOutputStream(zip) {
                private boolean closed;

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    zip.write(b, off, len);
                }

                @Override
                public void close() throws IOException {
                    if (!closed) {
                        closed = true;
                        flush();
                        zip.closeEntry();
                        entryOpen = false;
                    }
                }
            }, BUFFER);
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
                zip.close();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot finish the zip archive " + name, e);
            }
        }
    }
}
