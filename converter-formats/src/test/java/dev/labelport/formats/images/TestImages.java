package dev.labelport.formats.images;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.zip.CRC32;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/** Small images made in the test: written with ImageIO, or crafted byte by byte where it cannot. */
final class TestImages {

    private TestImages() {
    }

    static byte[] encode(String format, int w, int h) throws IOException {
        BufferedImage img = new BufferedImage(w, h, format.equals("gif") ? BufferedImage.TYPE_BYTE_INDEXED : BufferedImage.TYPE_3BYTE_BGR);
        img.setRGB(0, 0, 0xFF0000);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (!ImageIO.write(img, format, out)) {
            throw new IllegalStateException("no writer for " + format);
        }
        return out.toByteArray();
    }

    static Path write(Path dir, String name, byte[] bytes) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        return Files.write(p, bytes);
    }

    /** A four-component (CMYK, no Adobe marker) JPEG: what the JDK's own reader cannot decode. */
    static byte[] cmykJpeg(int w, int h) throws IOException {
        WritableRaster r = Raster.createBandedRaster(java.awt.image.DataBuffer.TYPE_BYTE, w, h, 4, null);
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("jpeg");
        ImageWriter writer = null;
        while (writers.hasNext()) {
            ImageWriter cand = writers.next();
            if (cand.canWriteRasters()) {
                writer = cand;
                break;
            }
        }
        if (writer == null) {
            throw new IllegalStateException("no JPEG writer takes rasters");
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.write(null, new IIOImage(r, null, null), null);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    /** A TIFF structure (as EXIF holds it) with one Orientation entry. */
    static byte[] exifTiff(int orientation, boolean littleEndian) {
        ByteBuffer b = ByteBuffer.allocate(26).order(littleEndian ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
        b.put((byte) (littleEndian ? 'I' : 'M')).put((byte) (littleEndian ? 'I' : 'M')).putShort((short) 42).putInt(8);
        b.putShort((short) 1); // one entry
        b.putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) orientation).putShort((short) 0);
        b.putInt(0); // no next IFD
        return b.array();
    }

    /** {@code jpeg} with an APP1 Exif segment holding {@code orientation}, right after SOI. */
    static byte[] withExif(byte[] jpeg, int orientation, boolean littleEndian) {
        byte[] tiff = exifTiff(orientation, littleEndian);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0xFF);
        out.write(0xD8);
        int len = 2 + 6 + tiff.length;
        out.write(0xFF);
        out.write(0xE1);
        out.write(len >> 8);
        out.write(len & 0xFF);
        out.writeBytes("Exif\0\0".getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(tiff);
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }

    /** {@code png} with an {@code eXIf} chunk after IHDR. */
    static byte[] pngWithExif(byte[] png, int orientation) {
        byte[] tiff = exifTiff(orientation, false);
        int afterIhdr = 8 + 4 + 4 + 13 + 4;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(png, 0, afterIhdr);
        out.writeBytes(ByteBuffer.allocate(4).putInt(tiff.length).array());
        byte[] typeAndData = ByteBuffer.allocate(4 + tiff.length).put("eXIf".getBytes(StandardCharsets.ISO_8859_1)).put(tiff).array();
        out.writeBytes(typeAndData);
        CRC32 crc = new CRC32();
        crc.update(typeAndData);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
        out.write(png, afterIhdr, png.length - afterIhdr);
        return out.toByteArray();
    }

    /** A PNG whose IHDR declares {@code w} x {@code h} (no pixel data: the header is all a size read needs). */
    static byte[] pngHeader(int w, int h) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        ByteBuffer ihdr = ByteBuffer.allocate(17).put("IHDR".getBytes(StandardCharsets.ISO_8859_1)).putInt(w).putInt(h)
                .put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0);
        out.writeBytes(ByteBuffer.allocate(4).putInt(13).array());
        out.writeBytes(ihdr.array());
        CRC32 crc = new CRC32();
        crc.update(ihdr.array());
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
        return out.toByteArray();
    }

    /**
     * A lossless WebP (VP8L) of {@code w} x {@code h}: the header and a token bitstream; readers take
     * the size from the 14-bit fields after the 0x2F signature.
     */
    static byte[] webpLossless(int w, int h) {
        ByteBuffer vp8l = ByteBuffer.allocate(5 + 7).order(ByteOrder.LITTLE_ENDIAN);
        vp8l.put((byte) 0x2F);
        int bits = (w - 1) | (h - 1) << 14; // alpha hint 0, version 0
        vp8l.putInt(bits);
        vp8l.put(new byte[7]);
        return riff(chunk("VP8L", vp8l.array()));
    }

    /** An extended WebP (VP8X) canvas of {@code w} x {@code h} with an EXIF chunk. */
    static byte[] webpExtended(int w, int h, int orientation) {
        ByteBuffer vp8x = ByteBuffer.allocate(10).order(ByteOrder.LITTLE_ENDIAN);
        vp8x.put((byte) 0x08); // EXIF present
        vp8x.put(new byte[3]);
        vp8x.put((byte) (w - 1)).put((byte) ((w - 1) >> 8)).put((byte) ((w - 1) >> 16));
        vp8x.put((byte) (h - 1)).put((byte) ((h - 1) >> 8)).put((byte) ((h - 1) >> 16));
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(chunk("VP8X", vp8x.array()));
        body.writeBytes(chunk("EXIF", exifTiff(orientation, true)));
        return riff(body.toByteArray());
    }

    private static byte[] chunk(String type, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(8 + data.length + (data.length & 1)).order(ByteOrder.LITTLE_ENDIAN);
        b.put(type.getBytes(StandardCharsets.ISO_8859_1)).putInt(data.length).put(data);
        return b.array();
    }

    private static byte[] riff(byte[] body) {
        ByteBuffer b = ByteBuffer.allocate(12 + body.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(StandardCharsets.ISO_8859_1)).putInt(4 + body.length).put("WEBP".getBytes(StandardCharsets.ISO_8859_1));
        b.put(body);
        return b.array();
    }

    /**
     * A baseline uncompressed 8-bit grey TIFF of {@code w} x {@code h} with an Orientation entry,
     * little-endian, its IFD after the pixels (as many writers place it).
     */
    static byte[] tiff(int w, int h, int orientation) {
        int pixels = w * h;
        int ifdOffset = 8 + pixels + (pixels & 1);
        int entries = 10;
        ByteBuffer b = ByteBuffer.allocate(ifdOffset + 2 + entries * 12 + 4).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(ifdOffset);
        b.position(ifdOffset);
        b.putShort((short) entries);
        entry(b, 256, 4, w);          // ImageWidth
        entry(b, 257, 4, h);          // ImageLength
        entry(b, 258, 3, 8);          // BitsPerSample
        entry(b, 259, 3, 1);          // Compression: none
        entry(b, 262, 3, 1);          // Photometric: black is zero
        entry(b, 273, 4, 8);          // StripOffsets
        entry(b, 274, 3, orientation);
        entry(b, 277, 3, 1);          // SamplesPerPixel
        entry(b, 278, 4, h);          // RowsPerStrip
        entry(b, 279, 4, pixels);     // StripByteCounts
        b.putInt(0);
        return b.array();
    }

    private static void entry(ByteBuffer b, int tag, int type, int value) {
        b.putShort((short) tag).putShort((short) type).putInt(1);
        if (type == 3) {
            b.putShort((short) value).putShort((short) 0);
        } else {
            b.putInt(value);
        }
    }
}
