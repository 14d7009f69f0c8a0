package dev.labelport.formats.conll;

import dev.labelport.model.GeometryKind;
import dev.labelport.model.MediaKind;
import dev.labelport.spi.FormatDescriptor;
import dev.labelport.spi.FormatProvider;
import java.util.List;
import java.util.Set;

/** CoNLL (placeholder until the format lands). */
public final class ConllFormat implements FormatProvider {
    private static final FormatDescriptor DESCRIPTOR = new FormatDescriptor("conll", List.of(), "CoNLL", List.of("json"),
            FormatDescriptor.Layout.FILE, Set.of(MediaKind.IMAGE), Set.of(GeometryKind.BOX), false, false, "TODO", List.of());

    @Override
    public FormatDescriptor descriptor() {
        return DESCRIPTOR;
    }
}
