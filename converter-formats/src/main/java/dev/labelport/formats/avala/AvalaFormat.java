package dev.labelport.formats.avala;

import dev.labelport.model.GeometryKind;
import dev.labelport.model.MediaKind;
import dev.labelport.spi.FormatDescriptor;
import dev.labelport.spi.FormatProvider;
import java.util.List;
import java.util.Set;

/** Avala (placeholder until the format lands). */
public final class AvalaFormat implements FormatProvider {
    private static final FormatDescriptor DESCRIPTOR = new FormatDescriptor("avala", List.of(), "Avala", List.of("json"),
            FormatDescriptor.Layout.FILE, Set.of(MediaKind.IMAGE), Set.of(GeometryKind.BOX), false, false, "TODO", List.of());

    @Override
    public FormatDescriptor descriptor() {
        return DESCRIPTOR;
    }
}
