package dev.labelport.internal;

import dev.labelport.error.Location;
import dev.labelport.json.JsonObject;
import dev.labelport.model.Annotation;
import dev.labelport.model.Category;
import dev.labelport.model.DatasetHeader;
import dev.labelport.model.Item;
import dev.labelport.report.LossCode;
import dev.labelport.report.Reporter;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * Reports the per-format extension fields that a conversion into another format leaves behind.
 * A reader keeps fields the model has no slot for under its format id; only a writer of that
 * same format can put them back, so converting elsewhere drops them, and each is reported as
 * {@link LossCode#DROPPED_FIELD}. Values a reader files under the key {@value #DERIVED} are
 * recomputable from the geometry (COCO {@code area}, a {@code bbox} beside a polygon) and are
 * not losses.
 */
public final class ForeignFields {
    /** Extension key under which readers keep values derivable from the model. */
    public static final String DERIVED = "derived";

    private final String target;
    private final Reporter reporter;
    private final Set<Category> seenCategories = Collections.newSetFromMap(new IdentityHashMap<>());

    public ForeignFields(String target, Reporter reporter) {
        this.target = target;
        this.reporter = reporter;
    }

    public void header(DatasetHeader header) {
        report(header.extensions(), "dataset");
        for (Category c : header.categories()) {
            category(c);
        }
    }

    public void item(Item item) {
        if (!item.extensions().isEmpty()) {
            report(item.extensions(), "item " + item.id());
        }
        for (Annotation a : item.annotations()) {
            if (!a.extensions().isEmpty()) {
                report(a.extensions(), "item " + item.id() + " annotation " + a.id());
            }
            if (a.category() != null) {
                category(a.category());
            }
        }
    }

    private void category(Category c) {
        if (!c.extensions().isEmpty() && seenCategories.add(c)) {
            report(c.extensions(), "category " + c.id() + " (" + c.name() + ")");
        }
    }

    private void report(JsonObject extensions, String where) {
        for (var format : extensions.members().entrySet()) {
            if (format.getKey().equals(target) || !(format.getValue() instanceof JsonObject fields)) {
                continue;
            }
            for (String key : fields.keys()) {
                if (!key.equals(DERIVED)) {
                    reporter.loss(LossCode.DROPPED_FIELD, new Location(null, -1, -1, -1, where),
                            format.getKey() + "." + key + " has no place in " + target);
                }
            }
        }
    }
}
