package dev.labelport.internal;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Positional reads of byte ranges of a file, reusing one buffer. */
public final class FileSlices implements Closeable {
    private final FileChannel channel;
    private byte[] buffer = new byte[8192];

    public FileSlices(Path file) {
        try {
            this.channel = FileChannel.open(file, StandardOpenOption.READ);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads {@code length} bytes at {@code offset} into a shared buffer, returned (valid until the next call). */
    public byte[] read(long offset, int length) {
        if (buffer.length < length) {
            buffer = new byte[Math.max(length, buffer.length * 2)];
        }
        ByteBuffer bb = ByteBuffer.wrap(buffer, 0, length);
        try {
            long pos = offset;
            while (bb.hasRemaining()) {
                int n = channel.read(bb, pos);
                if (n < 0) {
                    throw new EOFException("file shrank while reading at byte " + pos);
                }
                pos += n;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buffer;
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
