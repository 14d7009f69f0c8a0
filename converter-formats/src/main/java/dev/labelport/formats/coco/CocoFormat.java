package dev.labelport.formats.coco;

import dev.labelport.model.GeometryKind;
import dev.labelport.model.MediaKind;
import dev.labelport.spi.FormatDescriptor;
import dev.labelport.spi.FormatProvider;
import java.util.List;
import java.util.Set;

/** COCO (placeholder until the format lands). */
public final class CocoFormat implements FormatProvider {
    private static final FormatDescriptor DESCRIPTOR = new FormatDescriptor("coco", List.of(), "COCO", List.of("json"),
            FormatDescriptor.Layout.FILE, Set.of(MediaKind.IMAGE), Set.of(GeometryKind.BOX), false, false, "TODO", List.of());

    @Override
    public FormatDescriptor descriptor() {
        return DESCRIPTOR;
    }
}
