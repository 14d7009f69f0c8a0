package dev.labelport.jobs;

import dev.labelport.internal.OutputFolders;
import dev.labelport.spi.OutputFolder;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The export package being written: one zip, entries created one at a time, either directly
 * ({@link #entry}) or through an {@link OutputFolder} under a prefix (a folder format's files).
 * Entry names are checked like any output path; entry times are fixed so the bytes depend on
 * the content only.
 */
final class ZipPackage implements Closeable {
    private final OutputStream file;
    private final ZipOutputStream zip;
    private final Set<String> names = new HashSet<>();
    private boolean open;

    ZipPackage(Path file) throws IOException {
        this.file = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
        this.zip = new ZipOutputStream(this.file);
        zip.setLevel(Deflater.BEST_SPEED); // the labels are text: level 1 keeps most of the gain at a fraction of the time
    }

    /** A new entry; close the stream before the next one. */
    OutputStream entry(String path) throws IOException {
        OutputFolders.checkRelative(path);
        if (open) {
            throw new IllegalStateException("close the previous entry before " + path);
        }
        if (!names.add(path)) {
            throw new IllegalArgumentException("entry written twice: " + path);
        }
        ZipEntry e = new ZipEntry(path);
        e.setTime(0L);
        zip.putNextEntry(e);
        open = true;
        return new OutputStream() {
            private boolean closed;

            @Override
            public void write(int b) throws IOException {
                zip.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                zip.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                if (!closed) {
                    closed = true;
                    zip.closeEntry();
                    open = false;
                }
            }
        };
    }

    /** A folder format's output under {@code prefix/}. */
    OutputFolder folder(String prefix, String name) {
        return new OutputFolder() {
            @Override
            public OutputStream create(String relativePath) throws IOException {
                return entry(prefix + "/" + OutputFolders.checkRelative(relativePath));
            }

            @Override
            public String name() {
                return name;
            }

            @Override
            public boolean isArchive() {
                return true;
            }
        };
    }

    @Override
    public void close() {
        try {
            OutputFolders.closeZip(zip, file); // the file is closed even when the disk is full
        } catch (IOException e) {
            throw new UncheckedIOException("cannot finish the export package", e);
        }
    }
}
