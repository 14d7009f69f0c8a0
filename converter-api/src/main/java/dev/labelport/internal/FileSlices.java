package dev.labelport.internal;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads byte ranges of a file with positional reads into a reused heap buffer. Ranges that
 * come in file order are served from a read-ahead window, so walking records in order costs
 * few system calls; scattered ranges cost one read each. The file is deliberately not
 * memory-mapped: mapped pages count towards the process's resident memory, and a conversion
 * of an 800 MB file should not look like it needs 800 MB.
 *
 * <pre>{@code
 * slices.read(offset, length);
 * parser = factory.createParser(ctx, slices.buffer(), slices.offset(), length);
 * }</pre>
 */
public final class FileSlices implements Closeable {
    private static final int WINDOW = 256 * 1024;
    private static final int NEAR = 4096;

    private final FileChannel channel;
    private final boolean ownsChannel;
    private byte[] buffer = new byte[WINDOW];
    private long bufferStart = -1;
    private int bufferLength;
    private long lastEnd = -1;
    private int offset;
    private long size = -1;

    public FileSlices(Path file) {
        this(open(file), true);
    }

    /** Reads through {@code channel}, closing it on {@link #close()} only when {@code owns}. */
    public FileSlices(FileChannel channel, boolean owns) {
        this.channel = channel;
        this.ownsChannel = owns;
    }

    private static FileChannel open(Path file) {
        try {
            return FileChannel.open(file, StandardOpenOption.READ);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Makes {@code length} bytes at {@code position} available in {@link #buffer()} from
     * {@link #offset()}, valid until the next call.
     */
    public void read(long position, int length) {
        boolean sequential = lastEnd >= 0 && position >= lastEnd && position - lastEnd <= NEAR;
        lastEnd = position + length;
        if (bufferStart >= 0 && position >= bufferStart && position + length <= bufferStart + bufferLength) {
            offset = (int) (position - bufferStart);
            return;
        }
        int want = sequential ? Math.max(length, WINDOW) : length;
        if (buffer.length < want) {
            buffer = new byte[Math.max(want, buffer.length * 2)];
        }
        try {
            if (size < 0 || position + want > size) {
                size = channel.size(); // one call per read was a measurable cost on shuffled files
            }
            int n = (int) Math.min(want, size - position);
            if (n < length) {
                throw new EOFException("file shrank while reading at byte " + position);
            }
            ByteBuffer bb = ByteBuffer.wrap(buffer, 0, n);
            long pos = position;
            while (bb.hasRemaining()) {
                int r = channel.read(bb, pos);
                if (r < 0) {
                    throw new EOFException("file shrank while reading at byte " + pos);
                }
                pos += r;
            }
            bufferStart = position;
            bufferLength = n;
            offset = 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public byte[] buffer() {
        return buffer;
    }

    public int offset() {
        return offset;
    }

    @Override
    public void close() {
        if (ownsChannel) {
            try {
                channel.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
