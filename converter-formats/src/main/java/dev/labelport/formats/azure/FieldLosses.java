package dev.labelport.formats.azure;

import dev.labelport.internal.SetFields;
import dev.labelport.model.Annotation;
import dev.labelport.model.Category;
import dev.labelport.model.Id;
import dev.labelport.model.Item;
import dev.labelport.report.LossCode;
import dev.labelport.spi.WriteContext;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The model fields an Azure file has no place for, reported as the writers meet them. */
final class FieldLosses {
    private final WriteContext ctx;
    private final Set<String> reportedCategories = new HashSet<>();

    FieldLosses(WriteContext ctx) {
        this.ctx = ctx;
    }

    /** Item fields outside {@code held}, plus {@code more}; and the id, when it is not the item's position. */
    void item(Item item, String where, Set<SetFields.ItemField> held, List<String> more, long position) {
        List<String> dropped = new ArrayList<>(SetFields.unheld(item, held));
        dropped.addAll(more);
        if (!dropped.isEmpty()) {
            ctx.loss(LossCode.DROPPED_FIELD, where, String.join(", ", dropped));
        }
        if (!item.id().equals(Id.of(position))) {
            ctx.loss(LossCode.REINDEXED, where, "read back as item " + position + " (Azure rows have no ids)");
        }
    }

    /** Attributes, the annotation fields outside {@code held}, and the category's details (once per class). */
    void annotation(Annotation a, String at, Set<SetFields.AnnotationField> held) {
        if (!a.attributes().isEmpty()) {
            ctx.loss(LossCode.DROPPED_ATTRIBUTE, at, "attributes " + a.attributes().keys());
        }
        Set<SetFields.AnnotationField> all = new HashSet<>(held);
        all.add(SetFields.AnnotationField.ATTRIBUTES);
        List<String> dropped = SetFields.unheld(a, all);
        if (!dropped.isEmpty()) {
            ctx.loss(LossCode.DROPPED_FIELD, at, String.join(", ", dropped));
        }
        Category c = a.category();
        boolean details = !c.id().equals(Id.of(c.name())) || c.supercategory() != null || c.color() != null
                || !c.keypointNames().isEmpty() || !c.attributeSchema().isEmpty();
        if (details && reportedCategories.add(c.name())) {
            ctx.loss(LossCode.DROPPED_FIELD, "category " + c.id() + " (" + c.name() + ")",
                    "Azure identifies classes by name: id, supercategory, colour and schema are left out");
        }
    }
}
