package dev.labelport.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labelport.error.ErrorCode;
import dev.labelport.error.LabelportException;
import dev.labelport.json.JsonObject;
import dev.labelport.model.Annotation;
import dev.labelport.model.Box;
import dev.labelport.model.Caption;
import dev.labelport.model.DatasetHeader;
import dev.labelport.model.Id;
import dev.labelport.model.Item;
import dev.labelport.model.Keypoints;
import dev.labelport.model.PointList;
import dev.labelport.report.ConversionReport;
import dev.labelport.report.Reporter;
import dev.labelport.spi.AnnotationSource;
import dev.labelport.spi.ImageSize;
import dev.labelport.spi.ImageSizeResolver;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ImageSpaceTest {

    /** A source that knows one size for every item, and counts how often it was asked. */
    private static final class Source implements AnnotationSource {
        private final ImageSize size;
        final AtomicInteger asked = new AtomicInteger();

        Source(ImageSize size) {
            this.size = size;
        }

        @Override
        public DatasetHeader header() {
            return new DatasetHeader("t", "t", null, List.of(), JsonObject.EMPTY);
        }

        @Override
        public Item next() {
            return null;
        }

        @Override
        public ImageSize imageSize(Item item) {
            asked.incrementAndGet();
            return size;
        }

        @Override
        public void close() {
        }
    }

    private static Item.Builder box(double x, double y, double w, double h) {
        return Item.image(Id.of(3)).fileName("a.jpg")
                .annotations(List.of(Annotation.builder(new Box(x, y, w, h)).id(Id.of(1)).build()));
    }

    private static Box boxOf(Item item) {
        return (Box) item.annotations().get(0).geometry();
    }

    @Test
    void normalisedItemsAreScaledToPixelsByTheirOwnSizeFirst() {
        Source src = new Source(new ImageSize(1, 1));
        ImageSpace space = new ImageSpace("yolo", "coco", false, item -> new ImageSize(2, 2), src);
        Item out = space.prepare(box(0.1, 0.2, 0.5, 0.25).normalized(true).size(200, 100).build());
        assertFalse(out.normalized());
        assertEquals(new Box(20, 20, 100, 25), boxOf(out));
        assertEquals(0, src.asked.get());
    }

    @Test
    void theObjectBoxBesideKeypointsIsScaledWithThem() {
        Annotation pose = Annotation.builder(Keypoints.of(PointList.of(0.1, 0.2, 0.5, 0.6), new int[] {2, 2}))
                .objectBox(new Box(0.05, 0.1, 0.5, 0.6)).build();
        Item in = Item.image(Id.of(1)).fileName("a.jpg").size(200, 100).normalized(true).annotations(List.of(pose)).build();
        Annotation out = ImageSpace.toPixels(in).annotations().get(0);
        assertEquals(new Box(10, 10, 100, 60), out.objectBox());
        assertEquals(new Box(10, 10, 100, 60), out.box());
    }

    @Test
    void sizesComeFromTheResolverThenTheSource() {
        Source src = new Source(new ImageSize(10, 10));
        ImageSpace resolved = new ImageSpace("yolo", "coco", false, item -> new ImageSize(640, 480), src);
        Item out = resolved.prepare(box(0.5, 0.5, 0.5, 0.5).normalized(true).build());
        assertEquals(640, out.width());
        assertEquals(480, out.height());
        assertEquals(new Box(320, 240, 320, 240), boxOf(out));
        assertEquals(0, src.asked.get(), "the resolver answered");

        ImageSpace fromSource = new ImageSpace("yolo", "coco", false, ImageSizeResolver.NONE, src);
        assertEquals(new Box(5, 5, 5, 5), boxOf(fromSource.prepare(box(0.5, 0.5, 0.5, 0.5).normalized(true).build())));
        assertEquals(1, src.asked.get());
    }

    @Test
    void pixelItemsGetTheirSizeForANormalisedWriter() {
        Source src = new Source(new ImageSize(100, 50));
        ImageSpace space = new ImageSpace("coco", "yolo", true, ImageSizeResolver.NONE, src);
        Item out = space.prepare(box(10, 10, 20, 20).build());
        assertEquals(100, out.width());
        assertEquals(50, out.height());
        assertEquals(new Box(10, 10, 20, 20), boxOf(out), "the writer divides; the geometry is untouched");
        Item normal = box(0.1, 0.1, 0.2, 0.2).normalized(true).build();
        assertSame(normal, space.prepare(normal), "normalised to normalised passes through");
    }

    /** A negative (no geometry) from a normalised format gets its size for a pixel format when it can be found. */
    @Test
    void aNegativeGetsItsSizeWhenKnownAndNeedsNone() {
        ImageSpace known = new ImageSpace("yolo", "voc", false, item -> new ImageSize(640, 480), new Source(null));
        Item out = known.prepare(Item.image(Id.of(1)).normalized(true).build());
        assertEquals(640, out.width());
        assertFalse(out.normalized());
        ImageSpace unknown = new ImageSpace("yolo", "voc", false, ImageSizeResolver.NONE, new Source(null));
        Item bare = unknown.prepare(Item.image(Id.of(2)).normalized(true).build());
        assertEquals(null, bare.width(), "no size, and no error: nothing needs scaling");
    }

    @Test
    void itemsWithoutImageCoordinatesNeedNoSize() {
        ImageSpace space = new ImageSpace("yolo", "coco", false, ImageSizeResolver.NONE, new Source(null));
        Item captioned = Item.image(Id.of(1)).normalized(true)
                .annotations(List.of(Annotation.builder(new Caption("a cat")).build())).build();
        Item out = space.prepare(captioned);
        assertFalse(out.normalized());
        assertEquals(captioned.annotations(), out.annotations());
        Item empty = Item.image(Id.of(2)).build();
        assertSame(empty, new ImageSpace("coco", "yolo", true, ImageSizeResolver.NONE, new Source(null)).prepare(empty));
    }

    @Test
    void aMissingSizeNamesTheItemAndTheWayOut() {
        ImageSpace toPixels = new ImageSpace("yolo", "coco", false, ImageSizeResolver.NONE, new Source(null));
        LabelportException e = assertThrows(LabelportException.class,
                () -> toPixels.prepare(box(0.1, 0.1, 0.1, 0.1).normalized(true).build()));
        assertEquals(ErrorCode.MISSING_IMAGE_SIZE, e.code());
        assertTrue(e.getMessage().contains("item 'a.jpg' (id 3) has no image size"), e.getMessage());
        assertTrue(e.getMessage().contains("yolo to coco needs one to convert normalised coordinates to pixels"), e.getMessage());
        assertTrue(e.getMessage().contains("--image-sizes"), e.getMessage());

        ImageSpace toNormal = new ImageSpace("coco", "yolo", true, ImageSizeResolver.NONE, new Source(null));
        LabelportException n = assertThrows(LabelportException.class,
                () -> toNormal.prepare(Item.image(Id.of(9)).annotations(box(1, 1, 1, 1).build().annotations()).build()));
        assertTrue(n.getMessage().contains("item id 9 has no image size"), n.getMessage());
        assertTrue(n.getMessage().contains("pixels to normalised coordinates"), n.getMessage());
    }

    @Test
    void declaredSizesAreVerifiedWhenAsked() {
        Reporter reporter = new Reporter(true); // strict: a note must not fail it
        ImageSpace space = new ImageSpace("coco", "coco", false, item -> new ImageSize(640, 480), new Source(null), reporter);
        space.prepare(box(1, 1, 1, 1).size(640, 480).build());
        Item declared = box(1, 1, 1, 1).size(480, 640).build();
        assertSame(declared, space.prepare(declared), "the declared size is kept");
        space.prepare(box(1, 1, 1, 1).build()); // declares nothing: nothing to compare
        ConversionReport r = reporter.build("coco", "coco");
        assertEquals(1, r.lossCount("SIZE_MISMATCH"));
        assertEquals("item 'a.jpg' (id 3) declares 480x640, its image is 640x480", r.losses().get(0).examples().get(0).detail());
        assertEquals("a.jpg", r.losses().get(0).examples().get(0).location());
        assertTrue(r.lossless());

        AtomicInteger asked = new AtomicInteger();
        ImageSpace unverified = new ImageSpace("coco", "coco", false, item -> {
            asked.incrementAndGet();
            return new ImageSize(640, 480);
        }, new Source(null));
        assertSame(declared, unverified.prepare(declared));
        assertEquals(0, asked.get(), "without verification a declared size is not looked up");
    }
}
