package dev.labelport.internal;

import dev.labelport.error.ErrorCode;
import dev.labelport.error.LabelportException;
import dev.labelport.error.Location;
import dev.labelport.model.Annotation;
import dev.labelport.model.Box;
import dev.labelport.model.Geometries;
import dev.labelport.model.Geometry;
import dev.labelport.model.GeometryKind;
import dev.labelport.model.Item;
import dev.labelport.model.MediaKind;
import dev.labelport.report.LossCode;
import dev.labelport.report.Reporter;
import dev.labelport.spi.AnnotationSource;
import dev.labelport.spi.ImageSize;
import dev.labelport.spi.ImageSizeResolver;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The pipeline step between pixel and normalised image coordinates. A writer that needs pixels
 * gets normalised items scaled by their image size; a writer that takes normalised coordinates
 * gets pixel items with their size filled in, so it can divide. Sizes come from the item, then
 * the user's {@link ImageSizeResolver}, then the source ({@link AnnotationSource#imageSize}); an
 * item that needs one and has none stops the conversion with {@link ErrorCode#MISSING_IMAGE_SIZE}.
 */
public final class ImageSpace {

    /** Kinds whose coordinates are image coordinates. */
    private static final Set<GeometryKind> SPATIAL = EnumSet.of(GeometryKind.BOX, GeometryKind.ROTATED_BOX,
            GeometryKind.POLYGON, GeometryKind.POLYLINE, GeometryKind.POINTS, GeometryKind.KEYPOINTS);

    private final String from;
    private final String to;
    private final boolean targetNormalized;
    private final ImageSizeResolver sizes;
    private final AnnotationSource source;
    private final Reporter verifyInto;

    public ImageSpace(String from, String to, boolean targetNormalized, ImageSizeResolver sizes, AnnotationSource source) {
        this(from, to, targetNormalized, sizes, source, null);
    }

    /**
     * As the other constructor; when {@code verifyInto} is not null, every image item that
     * declares its size is checked against {@code sizes}, and a disagreement is reported there as
     * {@link LossCode#SIZE_MISMATCH}.
     */
    public ImageSpace(String from, String to, boolean targetNormalized, ImageSizeResolver sizes, AnnotationSource source,
                      Reporter verifyInto) {
        this.from = from;
        this.to = to;
        this.targetNormalized = targetNormalized;
        this.sizes = sizes;
        this.source = source;
        this.verifyInto = verifyInto;
    }

    /** Whether a target holds image items with image coordinates at all (CoNLL does not, nor a tag-only format). */
    public static boolean isNeededFor(dev.labelport.spi.FormatDescriptor target) {
        if (!target.itemKinds().contains(MediaKind.IMAGE)) {
            return false;
        }
        for (GeometryKind k : SPATIAL) {
            if (target.holds(k)) {
                return true;
            }
        }
        return false;
    }

    /** The item as the writer should see it. */
    public Item prepare(Item item) {
        if (item.kind() != MediaKind.IMAGE) {
            return item;
        }
        if (verifyInto != null && item.width() != null && item.height() != null) {
            verify(item);
        }
        boolean toPixels = item.normalized() && !targetNormalized;
        boolean needsSize = (toPixels || targetNormalized && !item.normalized()) && item.width() == null
                && hasSpatial(item);
        // a normalised image without geometry (a negative) needs no size, but a pixel format
        // keeps one (VOC's <size>, COCO's width/height): fill it in when it can be found
        boolean wantsSize = toPixels && item.width() == null;
        if (needsSize || wantsSize) {
            ImageSize size = sizes.sizeOf(item);
            if (size == null) {
                size = source.imageSize(item);
            }
            if (size == null && needsSize) {
                throw missing(item);
            }
            if (size != null) {
                item = item.toBuilder().size(size.width(), size.height()).build();
            }
        }
        if (!toPixels) {
            return item;
        }
        if (item.width() == null || item.height() == null || item.width() == 0 || item.height() == 0) {
            if (!hasSpatial(item)) {
                return item.toBuilder().normalized(false).build();
            }
            throw missing(item);
        }
        return toPixels(item);
    }

    /** The item with its geometry scaled from fractions of its size to pixels. */
    public static Item toPixels(Item item) {
        double w = item.width();
        double h = item.height();
        List<Annotation> scaled = new ArrayList<>(item.annotations().size());
        for (Annotation a : item.annotations()) {
            Geometry g = a.geometry();
            if (!SPATIAL.contains(g.kind())) {
                scaled.add(a);
                continue;
            }
            Annotation.Builder b = a.toBuilder().geometry(Geometries.scale(g, w, h));
            if (a.objectBox() != null) {
                b.objectBox((Box) Geometries.scale(a.objectBox(), w, h));
            }
            scaled.add(b.build());
        }
        return item.toBuilder().annotations(scaled).normalized(false).build();
    }

    private void verify(Item item) {
        ImageSize actual = sizes.sizeOf(item);
        if (actual != null && (actual.width() != item.width() || actual.height() != item.height())) {
            Location where = item.fileName() != null ? Location.of(item.fileName()) : Location.UNKNOWN;
            verifyInto.loss(LossCode.SIZE_MISMATCH, where, "item " + name(item) + " declares "
                    + item.width() + "x" + item.height() + ", its image is " + actual);
        }
    }

    private static String name(Item item) {
        return item.fileName() != null ? "'" + item.fileName() + "' (id " + item.id() + ")" : "id " + item.id();
    }

    private static boolean hasSpatial(Item item) {
        for (Annotation a : item.annotations()) {
            if (SPATIAL.contains(a.geometry().kind())) {
                return true;
            }
        }
        return false;
    }

    private LabelportException missing(Item item) {
        return new LabelportException(ErrorCode.MISSING_IMAGE_SIZE, Location.UNKNOWN,
                "item " + name(item) + " has no image size, and " + from + " to " + to + " needs one to convert "
                        + (targetNormalized ? "pixels to normalised coordinates" : "normalised coordinates to pixels")
                        + ": give a size table or an image folder (--image-sizes, --images; ConversionOptions.imageSizes)");
    }
}
