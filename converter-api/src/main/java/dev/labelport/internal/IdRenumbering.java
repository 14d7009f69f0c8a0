package dev.labelport.internal;

import dev.labelport.IdPolicy;
import dev.labelport.error.Location;
import dev.labelport.model.Annotation;
import dev.labelport.model.Category;
import dev.labelport.model.DatasetHeader;
import dev.labelport.model.Id;
import dev.labelport.model.Item;
import dev.labelport.report.LossCode;
import dev.labelport.report.Reporter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Applies an {@link IdPolicy} to the stream: renumbers items, annotations and categories in order. */
public abstract class IdRenumbering {

    public static IdRenumbering of(IdPolicy policy, Reporter reporter) {
        return switch (policy) {
            case KEEP -> new Keep();
            case RENUMBER_FROM_1 -> new Renumber(1, reporter);
            case RENUMBER_FROM_0 -> new Renumber(0, reporter);
        };
    }

    public abstract DatasetHeader header(DatasetHeader header);

    public abstract Item item(Item item);

    private static final class Keep extends IdRenumbering {
        @Override
        public DatasetHeader header(DatasetHeader header) {
            return header;
        }

        @Override
        public Item item(Item item) {
            return item;
        }
    }

    private static final class Renumber extends IdRenumbering {
        private final long base;
        private final Reporter reporter;
        private final Map<Category, Category> categories = new HashMap<>();
        private long nextItem;
        private long nextAnnotation;
        private long nextCategory;

        Renumber(long base, Reporter reporter) {
            this.base = base;
            this.reporter = reporter;
            this.nextItem = base;
            this.nextAnnotation = base;
            this.nextCategory = base;
        }

        @Override
        public DatasetHeader header(DatasetHeader header) {
            List<Category> out = new ArrayList<>(header.categories().size());
            for (Category c : header.categories()) {
                out.add(category(c));
            }
            return header.withCategories(out);
        }

        private Category category(Category c) {
            if (c == null) {
                return null;
            }
            return categories.computeIfAbsent(c, k -> {
                Id id = Id.of(nextCategory++);
                note("category " + k.id() + " (" + k.name() + ") -> " + id.text());
                return k.withId(id);
            });
        }

        @Override
        public Item item(Item item) {
            Id newId = Id.of(nextItem++);
            note("item " + item.id() + " -> " + newId.text());
            List<Annotation> anns = new ArrayList<>(item.annotations().size());
            for (Annotation a : item.annotations()) {
                Id aid = Id.of(nextAnnotation++);
                anns.add(a.toBuilder().id(aid).category(category(a.category())).build());
            }
            return item.toBuilder().id(newId).annotations(anns).build();
        }

        private void note(String detail) {
            reporter.loss(LossCode.RENUMBERED, Location.UNKNOWN, detail + " (base " + base + ")");
        }
    }
}
