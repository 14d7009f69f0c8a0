package dev.labelport.formats.coco;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Reads byte ranges of a file. The file is memory-mapped in chunks (outside the Java heap, paged
 * in by the OS), so the many small random reads of a shuffled COCO file cost no system call;
 * a range that crosses a chunk boundary falls back to a positional read, with read-ahead when
 * ranges come in file order.
 */
final class SliceReader implements Closeable {
    private static final int WINDOW = 256 * 1024;
    private static final int NEAR = 4096;

    private static final int CHUNK = 1 << 30;

    private final FileChannel channel;
    private final boolean ownsChannel;
    private final MappedByteBuffer[] chunks;
    private byte[] buffer = new byte[WINDOW];
    private long bufferStart = -1;
    private int bufferLength;
    private long lastEnd = -1;
    private int offset;

    SliceReader(FileChannel channel, boolean ownsChannel) {
        this.channel = channel;
        this.ownsChannel = ownsChannel;
        try {
            long size = channel.size();
            chunks = new MappedByteBuffer[(int) ((size + CHUNK - 1) / CHUNK)];
            for (int i = 0; i < chunks.length; i++) {
                long start = (long) i * CHUNK;
                chunks[i] = channel.map(FileChannel.MapMode.READ_ONLY, start, Math.min(CHUNK, size - start));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Makes {@code length} bytes at file position {@code position} available in {@link #buffer()}
     * from {@link #offset()}; valid until the next call.
     */
    void read(long position, int length) {
        int chunk = (int) (position / CHUNK);
        int within = (int) (position % CHUNK);
        if (chunk < chunks.length && within + (long) length <= chunks[chunk].capacity()) {
            if (buffer.length < length) {
                buffer = new byte[Math.max(length, buffer.length * 2)];
            }
            chunks[chunk].get(within, buffer, 0, length);
            bufferStart = -1;
            offset = 0;
            return;
        }
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
            long size = channel.size();
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

    byte[] buffer() {
        return buffer;
    }

    int offset() {
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
