package dev.labelport.formats.images;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * The EXIF Orientation tag (0x0112) of an image, read forward-only from its first bytes without
 * a metadata library: JPEG (APP1 {@code Exif} segment before the first scan), TIFF (IFD0), PNG
 * ({@code eXIf} chunk before the image data) and WebP ({@code EXIF} chunk). Anything unexpected
 * (truncated, malformed, another format) gives 1, "as stored": orientation only ever swaps the
 * size, so a wrong 1 costs less than a refused image.
 */
final class ExifOrientation {

    /** Most bytes walked past (JPEG segments, PNG/WebP chunks) before giving up. */
    private static final long MAX_WALK = 16L << 20;
    /** Largest EXIF block parsed (a JPEG APP1 segment holds at most 64 KiB). */
    private static final int MAX_EXIF = 1 << 16;
    private static final int ORIENTATION = 0x0112;

    private ExifOrientation() {
    }

    /** Whether an orientation turns the image by a quarter (5 to 8): width and height swap. */
    static boolean swapsSides(int orientation) {
        return orientation >= 5 && orientation <= 8;
    }

    /** The orientation 1..8 of the image {@code in} starts with; 1 when it has none. */
    static int read(InputStream in) throws IOException {
        byte[] head = in.readNBytes(12);
        if (head.length < 8) {
            return 1;
        }
        int a = head[0] & 0xFF;
        int b = head[1] & 0xFF;
        if (a == 0xFF && b == 0xD8) {
            return jpeg(in, head);
        }
        if ((a == 'I' && b == 'I' && head[2] == 42 && head[3] == 0) || (a == 'M' && b == 'M' && head[2] == 0 && head[3] == 42)) {
            return tiff(in, head);
        }
        if (a == 0x89 && b == 'P' && head[2] == 'N' && head[3] == 'G') {
            return png(in, head);
        }
        if (a == 'R' && b == 'I' && head[2] == 'F' && head[3] == 'F' && head.length == 12 && head[8] == 'W'
                && head[9] == 'E' && head[10] == 'B' && head[11] == 'P') {
            return webp(in);
        }
        return 1;
    }

    /** Orientation from a TIFF structure held whole in {@code tiff} (an EXIF block). */
    static int fromTiff(byte[] tiff, int off, int len) {
        if (len < 8) {
            return 1;
        }
        boolean little = tiff[off] == 'I' && tiff[off + 1] == 'I';
        boolean big = tiff[off] == 'M' && tiff[off + 1] == 'M';
        if (!little && !big || u16(tiff, off + 2, little) != 42) {
            return 1;
        }
        long ifd = u32(tiff, off + 4, little);
        if (ifd < 8 || ifd + 2 > len) {
            return 1;
        }
        int p = off + (int) ifd;
        int count = u16(tiff, p, little);
        p += 2;
        for (int i = 0; i < count && p + 12 <= off + len; i++, p += 12) {
            if (u16(tiff, p, little) == ORIENTATION) {
                int type = u16(tiff, p + 2, little);
                // SHORT as the spec says; a few writers use LONG
                int v = type == 3 ? u16(tiff, p + 8, little) : type == 4 ? (int) Math.min(9, u32(tiff, p + 8, little)) : 1;
                return v >= 1 && v <= 8 ? v : 1;
            }
        }
        return 1;
    }

    private static int jpeg(InputStream in, byte[] head) throws IOException {
        // head holds SOI and the start of the first segment; walk the segments up to a scan or frame
        Walk w = new Walk(in, head, 2);
        while (w.walked < MAX_WALK) {
            int m = w.next();
            if (m != 0xFF) {
                return 1;
            }
            int marker = w.next();
            while (marker == 0xFF) { // fill bytes
                marker = w.next();
            }
            if (marker == 0xD8 || marker >= 0xD0 && marker <= 0xD7 || marker == 0x01) {
                continue; // no length
            }
            if (marker == 0xDA || marker == 0xD9) {
                return 1; // scan or end: EXIF comes before
            }
            int length = (w.next() << 8) | w.next();
            if (length < 2) {
                return 1;
            }
            int body = length - 2;
            if (marker == 0xE1 && body >= 14) {
                byte[] seg = w.bytes(body);
                if (seg[0] == 'E' && seg[1] == 'x' && seg[2] == 'i' && seg[3] == 'f' && seg[4] == 0 && seg[5] == 0) {
                    return fromTiff(seg, 6, seg.length - 6);
                }
            } else {
                w.skip(body);
            }
        }
        return 1;
    }

    private static int tiff(InputStream in, byte[] head) throws IOException {
        boolean little = head[0] == 'I';
        long ifd = u32(head, 4, little);
        Walk w = new Walk(in, head, 8);
        if (ifd < 8 || ifd > MAX_WALK) {
            return 1;
        }
        w.skip(ifd - 8);
        int count = (int) w.number(2, little);
        for (int i = 0; i < count; i++) {
            byte[] e = w.bytes(12);
            if (u16(e, 0, little) == ORIENTATION) {
                int type = u16(e, 2, little);
                int v = type == 3 ? u16(e, 8, little) : type == 4 ? (int) Math.min(9, u32(e, 8, little)) : 1;
                return v >= 1 && v <= 8 ? v : 1;
            }
        }
        return 1;
    }

    private static int png(InputStream in, byte[] head) throws IOException {
        Walk w = new Walk(in, head, 8);
        while (w.walked < MAX_WALK) {
            long length = w.number(4, false);
            byte[] type = w.bytes(4);
            String t = new String(type, java.nio.charset.StandardCharsets.ISO_8859_1);
            if (t.equals("eXIf") && length <= MAX_EXIF) {
                byte[] exif = w.bytes((int) length);
                return fromTiff(exif, 0, exif.length);
            }
            if (t.equals("IDAT") || t.equals("IEND")) {
                return 1;
            }
            w.skip(length + 4); // data and CRC
        }
        return 1;
    }

    private static int webp(InputStream in) throws IOException {
        Walk w = new Walk(in, new byte[0], 0);
        while (w.walked < MAX_WALK) {
            byte[] type = w.bytes(4);
            long length = w.number(4, true);
            String t = new String(type, java.nio.charset.StandardCharsets.ISO_8859_1);
            if (t.equals("EXIF") && length <= MAX_EXIF) {
                byte[] exif = w.bytes((int) length);
                // some writers keep the JPEG "Exif\0\0" prefix
                int off = exif.length >= 6 && exif[0] == 'E' && exif[1] == 'x' && exif[4] == 0 ? 6 : 0;
                return fromTiff(exif, off, exif.length - off);
            }
            if (t.equals("VP8 ") || t.equals("VP8L")) {
                return 1; // simple format: no metadata chunks
            }
            w.skip(length + (length & 1));
        }
        return 1;
    }

    private static int u16(byte[] b, int p, boolean little) {
        int x = b[p] & 0xFF;
        int y = b[p + 1] & 0xFF;
        return little ? x | y << 8 : x << 8 | y;
    }

    private static long u32(byte[] b, int p, boolean little) {
        long x = u16(b, p, little);
        long y = u16(b, p + 2, little);
        return little ? x | y << 16 : x << 16 | y;
    }

    /** A forward-only reader that first replays the bytes already read. */
    private static final class Walk {
        private final InputStream in;
        private final byte[] head;
        private int pos;
        long walked;

        Walk(InputStream in, byte[] head, int pos) {
            this.in = in;
            this.head = head;
            this.pos = pos;
        }

        int next() throws IOException {
            walked++;
            if (pos < head.length) {
                return head[pos++] & 0xFF;
            }
            int c = in.read();
            if (c < 0) {
                throw new EOFException();
            }
            return c;
        }

        byte[] bytes(int n) throws IOException {
            byte[] out = new byte[n];
            for (int i = 0; i < n; i++) {
                out[i] = (byte) next();
            }
            return out;
        }

        long number(int n, boolean little) throws IOException {
            byte[] b = bytes(n);
            return n == 2 ? u16(b, 0, little) : u32(b, 0, little);
        }

        void skip(long n) throws IOException {
            while (n > 0 && pos < head.length) {
                pos++;
                n--;
                walked++;
            }
            walked += n;
            if (walked > MAX_WALK) {
                throw new EOFException();
            }
            in.skipNBytes(n);
        }
    }
}
