package dev.labelport.internal;

import dev.labelport.masks.Contours;
import dev.labelport.model.Item;
import dev.labelport.model.Mask;
import dev.labelport.model.Polygon;
import dev.labelport.report.LossCode;
import dev.labelport.spi.WriteContext;

/**
 * A mask for a writer that holds polygons only (YOLO segment, Azure instance segmentation): its
 * pixel-edge outline ({@link Contours#toPolygon}), reported as {@code APPROXIMATED_GEOMETRY}.
 * The outline rasterises back (pycocotools' way) to the same pixels; what is lost is the kind,
 * and whatever the writer then drops (holes, all parts but one), which it reports itself.
 */
public final class MaskOutlines {
    private MaskOutlines() {
    }

    /** The outline in pixels, or {@code null} (reported) when there is none to write. */
    public static Polygon polygon(Mask mask, Item item, WriteContext ctx, String where) {
        if (item.normalized()) {
            ctx.loss(LossCode.DROPPED_GEOMETRY, where, "a mask on a normalised item has no pixel size");
            return null;
        }
        if ((long) mask.height() * mask.width() > Integer.MAX_VALUE) {
            ctx.loss(LossCode.DROPPED_GEOMETRY, where, "a mask of " + mask.height() + "x" + mask.width()
                    + " pixels is beyond the 2^31-1 pixels masks are traced up to");
            return null;
        }
        Polygon p = Contours.toPolygon(mask);
        if (p == null) {
            ctx.loss(LossCode.DEGENERATE, where, "an empty mask is left out");
            return null;
        }
        ctx.loss(LossCode.APPROXIMATED_GEOMETRY, where, "mask written as the polygon of its pixel outline ("
                + p.parts().size() + (p.parts().size() == 1 ? " part" : " parts") + ")");
        return p;
    }
}
