package dev.labelport.internal;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Serves the bytes of each child record of a {@link GroupingIndex} while parents are walked in
 * file order. When the children already come in parent order they are read in place, with
 * read-ahead. When they are shuffled (COCO annotations usually are), reading each one in place
 * costs a random read per record; instead they are first copied, in one sequential pass over
 * the input, into bucket files by parent range, and each bucket is then loaded whole when the
 * walk reaches it (and deleted). Memory: one bucket (about {@code bucketBytes}) and 4 bytes per
 * child.
 */
public final class ChildBuckets implements Closeable {
    /** Most bucket files open at once while regrouping. */
    static final int MAX_BUCKETS = 512;

    private final GroupingIndex index;
    private final FileSlices inPlace;
    private FileChannel owned;
    private final Path[] files;
    private final int parentsPerBucket;
    private final int[] bucketOffset;
    private final long[] bucketSize;
    private int loaded = -1;
    private byte[] bucket = new byte[0];
    private byte[] buffer;
    private int offset;

    private ChildBuckets(GroupingIndex index, FileSlices inPlace, Path[] files, int parentsPerBucket, int[] bucketOffset,
                         long[] bucketSize) {
        this.index = index;
        this.inPlace = inPlace;
        this.files = files;
        this.parentsPerBucket = parentsPerBucket;
        this.bucketOffset = bucketOffset;
        this.bucketSize = bucketSize;
    }

    /** Like {@link #prepare(FileChannel, GroupingIndex, Path, long)}, opening (and later closing) the file. */
    public static ChildBuckets prepare(Path file, GroupingIndex index, Path tempDir, long bucketBytes) {
        FileChannel ch;
        try {
            ch = FileChannel.open(file, java.nio.file.StandardOpenOption.READ);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            ChildBuckets b = prepare(ch, index, tempDir, bucketBytes);
            b.owned = ch;
            return b;
        } catch (RuntimeException e) {
            try {
                ch.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /**
     * Prepares reading the children of a sealed index from {@code input}: in place when they are in
     * parent order, else regrouped into buckets of about {@code bucketBytes} under {@code tempDir}
     * ({@code null}: the system default).
     */
    public static ChildBuckets prepare(FileChannel input, GroupingIndex index, Path tempDir, long bucketBytes) {
        FileSlices slices = new FileSlices(input, false);
        int n = index.childCount();
        long total = 0;
        boolean ordered = true;
        int last = -1;
        for (int c = 0; c < n; c++) {
            int parent = index.childParent(c);
            if (parent >= 0) {
                ordered &= parent >= last;
                last = Math.max(last, parent);
                total += index.childLength(c);
            }
        }
        int parents = index.parentCount();
        if (ordered || parents == 0) {
            return new ChildBuckets(index, slices, null, 0, null, null);
        }
        int k = (int) Math.max(1, Math.min(MAX_BUCKETS, (total + bucketBytes - 1) / bucketBytes));
        int perBucket = (parents + k - 1) / k;
        k = (parents + perBucket - 1) / perBucket;
        Path[] files = new Path[k];
        long[] sizes = new long[k];
        int[] offsets = new int[n];
        OutputStream[] outs = new OutputStream[k];
        int bufferSize = (int) Math.max(8 << 10, Math.min(64 << 10, (16L << 20) / k));
        try {
            for (int b = 0; b < k; b++) {
                files[b] = tempDir == null ? Files.createTempFile("labelport-group-", ".bin")
                        : Files.createTempFile(tempDir, "labelport-group-", ".bin");
                outs[b] = new BufferedOutputStream(Files.newOutputStream(files[b]), bufferSize);
            }
            for (int c = 0; c < n; c++) {
                int parent = index.childParent(c);
                if (parent < 0) {
                    continue;
                }
                int b = parent / perBucket;
                int len = index.childLength(c);
                if (sizes[b] + len > Integer.MAX_VALUE - 16) {
                    throw new IllegalStateException("bucket over 2 GB: raise the bucket count");
                }
                offsets[c] = (int) sizes[b];
                sizes[b] += len;
                slices.read(index.childOffset(c), len);
                outs[b].write(slices.buffer(), slices.offset(), len);
            }
            for (OutputStream o : outs) {
                o.close();
            }
        } catch (IOException e) {
            closeQuietly(outs);
            deleteQuietly(files);
            throw new UncheckedIOException("cannot regroup records into temporary files", e);
        } catch (RuntimeException e) {
            closeQuietly(outs);
            deleteQuietly(files);
            throw e;
        }
        return new ChildBuckets(index, null, files, perBucket, offsets, sizes);
    }

    /** True when the children were regrouped into bucket files. */
    public boolean regrouped() {
        return files != null;
    }

    /** Makes child {@code child}'s bytes available in {@link #buffer()} from {@link #offset()}. */
    public void read(int child) {
        if (files == null) {
            inPlace.read(index.childOffset(child), index.childLength(child));
            buffer = inPlace.buffer();
            offset = inPlace.offset();
            return;
        }
        int b = index.childParent(child) / parentsPerBucket;
        if (b != loaded) {
            load(b);
        }
        buffer = bucket;
        offset = bucketOffset[child];
    }

    private void load(int b) {
        int size = (int) bucketSize[b];
        if (bucket.length < size) {
            bucket = null; // let the old one go before the new one is allocated
            bucket = new byte[(size + 0xFFFF) & ~0xFFFF];
        }
        try (InputStream in = Files.newInputStream(files[b])) {
            if (in.readNBytes(bucket, 0, size) != size) {
                throw new EOFException("temporary file " + files[b] + " shrank");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (loaded >= 0) {
            deleteQuietly(new Path[] {files[loaded]});
        }
        loaded = b;
    }

    public byte[] buffer() {
        return buffer;
    }

    public int offset() {
        return offset;
    }

    /** Deletes the bucket files. */
    @Override
    public void close() {
        if (files != null) {
            deleteQuietly(files);
        }
        bucket = new byte[0];
        if (owned != null) {
            try {
                owned.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static void closeQuietly(OutputStream[] outs) {
        for (OutputStream o : outs) {
            if (o != null) {
                try {
                    o.close();
                } catch (IOException ignored) {
                    // already failing
                }
            }
        }
    }

    private static void deleteQuietly(Path[] files) {
        for (Path f : files) {
            if (f != null) {
                try {
                    Files.deleteIfExists(f);
                } catch (IOException ignored) {
                    // a temporary file left in the temp folder is not worth failing for
                }
            }
        }
    }
}
