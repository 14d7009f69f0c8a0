package dev.labelport.formats.images;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labelport.Limits;
import dev.labelport.error.InvalidInputException;
import dev.labelport.error.LimitExceededException;
import dev.labelport.internal.ZipTree;
import dev.labelport.model.Id;
import dev.labelport.model.Item;
import dev.labelport.spi.ImageSize;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ImageHeadersTest {

    @TempDir
    Path tmp;

    private static Item item(String fileName) {
        return Item.image(Id.of(7)).fileName(fileName).build();
    }

    @ParameterizedTest
    @ValueSource(strings = {"png", "jpg", "bmp", "gif", "tiff"})
    void readsTheSizeOfImagesImageIoWrites(String format) throws IOException {
        Path p = TestImages.write(tmp, "a." + format, TestImages.encode(format, 37, 21));
        assertEquals(new ImageSize(37, 21), ImageHeaders.read(p));
    }

    @Test
    void twelveMonkeysPluginsAreRegistered() {
        assertTrue(ImageIO.getImageReadersByFormatName("webp").hasNext(), "WebP reader");
        Iterator<ImageReader> jpeg = ImageIO.getImageReadersByFormatName("jpeg");
        boolean twelveMonkeys = false;
        while (jpeg.hasNext()) {
            twelveMonkeys |= jpeg.next().getClass().getName().startsWith("com.twelvemonkeys.");
        }
        assertTrue(twelveMonkeys, "TwelveMonkeys JPEG reader");
    }

    @Test
    void readsWebp() throws IOException {
        assertEquals(new ImageSize(300, 17), ImageHeaders.read(TestImages.write(tmp, "l.webp", TestImages.webpLossless(300, 17))));
        assertEquals(new ImageSize(513, 70), ImageHeaders.read(TestImages.write(tmp, "x.webp", TestImages.webpExtended(513, 70, 1))));
    }

    @Test
    void readsCmykJpeg() throws IOException {
        Path p = TestImages.write(tmp, "cmyk.jpg", TestImages.cmykJpeg(33, 12));
        assertEquals(new ImageSize(33, 12), ImageHeaders.read(p));
    }

    @Test
    void readsAJpegWhoseScanIsCutOff() throws IOException {
        byte[] full = TestImages.encode("jpg", 64, 48);
        // keep the markers up to the start of the scan (SOS) and a few bytes of it
        int sos = 2;
        while (!((full[sos] & 0xFF) == 0xFF && (full[sos + 1] & 0xFF) == 0xDA)) {
            sos++;
        }
        Path p = TestImages.write(tmp, "cut.jpg", Arrays.copyOf(full, sos + 20));
        assertEquals(new ImageSize(64, 48), ImageHeaders.read(p));
    }

    @Test
    void readsATiffItCraftedByHand() throws IOException {
        Path p = TestImages.write(tmp, "g.tif", TestImages.tiff(5, 3, 6));
        assertEquals(new ImageSize(5, 3), ImageHeaders.read(p));
        assertEquals(new ImageSize(3, 5), ImageHeaders.read(p, true, Limits.DEFAULTS));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
    void exifOrientationsFiveToEightSwapTheSides(int orientation) throws IOException {
        byte[] jpeg = TestImages.encode("jpg", 40, 10);
        Path big = TestImages.write(tmp, "be.jpg", TestImages.withExif(jpeg, orientation, false));
        Path little = TestImages.write(tmp, "le.jpg", TestImages.withExif(jpeg, orientation, true));
        ImageSize expected = orientation >= 5 ? new ImageSize(10, 40) : new ImageSize(40, 10);
        assertEquals(expected, ImageHeaders.read(big, true, Limits.DEFAULTS));
        assertEquals(expected, ImageHeaders.read(little, true, Limits.DEFAULTS));
        assertEquals(new ImageSize(40, 10), ImageHeaders.read(big), "as stored without the option");
        assertEquals(orientation, ImageHeaders.orientation(big));
    }

    @Test
    void exifOrientationOfPngAndWebp() throws IOException {
        Path png = TestImages.write(tmp, "o.png", TestImages.pngWithExif(TestImages.encode("png", 9, 4), 8));
        assertEquals(new ImageSize(9, 4), ImageHeaders.read(png));
        assertEquals(new ImageSize(4, 9), ImageHeaders.read(png, true, Limits.DEFAULTS));
        Path webp = TestImages.write(tmp, "o.webp", TestImages.webpExtended(20, 30, 5));
        assertEquals(new ImageSize(30, 20), ImageHeaders.read(webp, true, Limits.DEFAULTS));
    }

    @Test
    void brokenExifCountsAsNoOrientation() throws IOException {
        byte[] jpeg = TestImages.withExif(TestImages.encode("jpg", 40, 10), 6, false);
        jpeg[4 + 2 + 6 + 4 + 3] = 100; // IFD offset beyond the segment
        Path p = TestImages.write(tmp, "bad-exif.jpg", jpeg);
        assertEquals(new ImageSize(40, 10), ImageHeaders.read(p, true, Limits.DEFAULTS));
    }

    @Test
    void resolvesItemsUnderTheRootByPathThenBareName() throws IOException {
        TestImages.write(tmp, "imgs/train/a.png", TestImages.encode("png", 11, 12));
        TestImages.write(tmp, "imgs/b.png", TestImages.encode("png", 13, 14));
        ImageHeaders h = ImageHeaders.under(tmp.resolve("imgs"));
        assertEquals(new ImageSize(11, 12), h.sizeOf(item("train/a.png")));
        assertEquals(new ImageSize(11, 12), h.sizeOf(item("train\\a.png")));
        assertEquals(new ImageSize(13, 14), h.sizeOf(item("/data/export/b.png")));
        assertEquals(new ImageSize(13, 14), h.sizeOf(item("C:\\export\\b.png")));
        assertNull(h.sizeOf(Item.image(Id.of(1)).build()), "no file name");
    }

    @Test
    void neverReadsOutsideTheRoot() throws IOException {
        TestImages.write(tmp, "secret.png", TestImages.encode("png", 5, 5));
        Files.createDirectories(tmp.resolve("root"));
        ImageHeaders h = ImageHeaders.under(tmp.resolve("root"));
        assertNull(h.sizeOf(item("../secret.png")));
        assertEquals(1, h.problems().count());
    }

    @Test
    void missingImagesAreReportedOrFailByOption() throws IOException {
        ImageHeaders report = ImageHeaders.under(tmp);
        assertNull(report.sizeOf(item("nope.jpg")));
        TestImages.write(tmp, "junk.jpg", "not an image".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        assertNull(report.sizeOf(item("junk.jpg")));
        ImageHeaders.Problems problems = report.problems();
        assertEquals(2, problems.count());
        assertTrue(problems.examples().get(0).contains("no image file 'nope.jpg'"), problems.toString());
        assertTrue(problems.examples().get(1).contains("junk.jpg: not an image"), problems.toString());

        ImageHeaders fail = ImageHeaders.builder(tmp).missing(ImageHeaders.Missing.FAIL).build();
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> fail.sizeOf(item("nope.jpg")));
        assertEquals("nope.jpg", e.location().source());
        assertTrue(e.getMessage().contains("item 7"), e.getMessage());
        InvalidInputException junk = assertThrows(InvalidInputException.class, () -> fail.sizeOf(item("junk.jpg")));
        assertTrue(junk.location().source().endsWith("junk.jpg"), junk.getMessage());
    }

    @Test
    void truncatedImagesAreUnreadableNotCrashes() throws IOException {
        TestImages.write(tmp, "soi.jpg", new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF});
        TestImages.write(tmp, "sig.png", Arrays.copyOf(TestImages.encode("png", 3, 3), 12));
        ImageHeaders h = ImageHeaders.under(tmp);
        assertNull(h.sizeOf(item("soi.jpg")));
        assertNull(h.sizeOf(item("sig.png")));
        assertEquals(2, h.problems().count(), h.problems().toString());
    }

    @Test
    void absurdDeclaredSizesAreLocatedErrors() throws IOException {
        Path p = TestImages.write(tmp, "huge.png", TestImages.pngHeader(2_000_000, 10));
        LimitExceededException e = assertThrows(LimitExceededException.class, () -> ImageHeaders.read(p));
        assertTrue(e.location().source().endsWith("huge.png"), e.getMessage());
        assertTrue(e.getMessage().contains("2000000x10"), e.getMessage());
        // whatever the missing-image policy
        assertThrows(LimitExceededException.class, () -> ImageHeaders.under(tmp).sizeOf(item("huge.png")));
        Limits small = Limits.builder().maxImageDimension(100).build();
        TestImages.write(tmp, "wide.png", TestImages.encode("png", 101, 5));
        assertThrows(LimitExceededException.class, () -> ImageHeaders.builder(tmp).limits(small).build().sizeOf(item("wide.png")));
    }

    @Test
    void sizesAreCachedWithinABound() throws IOException {
        Path a = TestImages.write(tmp, "a.png", TestImages.encode("png", 3, 4));
        TestImages.write(tmp, "b.png", TestImages.encode("png", 5, 6));
        ImageHeaders cached = ImageHeaders.builder(tmp).cacheSize(1).build();
        ImageHeaders uncached = ImageHeaders.builder(tmp).cacheSize(0).build();
        assertNotNull(cached.sizeOf(item("a.png")));
        assertNotNull(uncached.sizeOf(item("a.png")));
        Files.delete(a);
        assertEquals(new ImageSize(3, 4), cached.sizeOf(item("a.png")), "from the cache");
        assertNull(uncached.sizeOf(item("a.png")));
        cached.sizeOf(item("b.png")); // pushes a.png out
        assertNull(cached.sizeOf(item("a.png")));
    }

    @Test
    void readsImagesInsideAZip() throws IOException {
        Path zip = tmp.resolve("images.zip");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(zip))) {
            z.putNextEntry(new ZipEntry("images/a.jpg"));
            z.write(TestImages.withExif(TestImages.encode("jpg", 30, 20), 6, true));
            z.closeEntry();
        }
        try (ZipTree tree = ZipTree.mount(zip, "images.zip")) {
            ImageHeaders h = ImageHeaders.builder(tree.root().resolve("images")).exifOrientation(true).build();
            assertEquals(new ImageSize(20, 30), h.sizeOf(item("a.jpg")));
        }
    }

    @Test
    void noTempFilesFromImageIo() throws IOException {
        // ImageIO's default file cache would leave imageio*.tmp files in the temp dir per read
        Path p = TestImages.write(tmp, "a.png", TestImages.encode("png", 3, 4));
        Path sysTmp = Path.of(System.getProperty("java.io.tmpdir"));
        long before = countImageIoTemp(sysTmp);
        for (int i = 0; i < 5; i++) {
            ImageHeaders.read(p);
        }
        assertEquals(before, countImageIoTemp(sysTmp));
    }

    private static long countImageIoTemp(Path dir) throws IOException {
        try (var s = Files.list(dir)) {
            return s.filter(f -> f.getFileName().toString().startsWith("imageio")).count();
        }
    }
}
