package dev.labelport.jobs;

import dev.labelport.model.Category;
import dev.labelport.model.DatasetHeader;
import dev.labelport.model.Item;
import dev.labelport.spi.AnnotationSource;
import dev.labelport.spi.ImageSize;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Several sources read one after the other as one (a project's datasets; every scope of a
 * request). Only one is open at a time. The header is the first source's, with the categories of
 * all of them: the later sources are opened once up front for their headers only, so a
 * category listed by a later dataset is known before the first item is written.
 */
final class ConcatSource implements AnnotationSource {
    private final List<Supplier<AnnotationSource>> parts;
    private final DatasetHeader header;
    private int index;
    private AnnotationSource current;

    ConcatSource(List<Supplier<AnnotationSource>> parts) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("no source");
        }
        this.parts = List.copyOf(parts);
        this.current = parts.get(0).get();
        DatasetHeader first = current.header();
        if (parts.size() == 1) {
            this.header = first;
            return;
        }
        Map<String, Category> categories = new LinkedHashMap<>();
        first.categories().forEach(c -> categories.putIfAbsent(c.id() + "\u0000" + c.name(), c));
        for (int i = 1; i < parts.size(); i++) {
            try (AnnotationSource s = parts.get(i).get()) {
                s.header().categories().forEach(c -> categories.putIfAbsent(c.id() + "\u0000" + c.name(), c));
            }
        }
        this.header = first.withCategories(new ArrayList<>(categories.values()));
    }

    @Override
    public DatasetHeader header() {
        return header;
    }

    @Override
    public Item next() {
        while (current != null) {
            Item item = current.next();
            if (item != null) {
                return item;
            }
            current.close();
            current = ++index < parts.size() ? parts.get(index).get() : null;
            if (current != null) {
                current.header();
            }
        }
        return null;
    }

    @Override
    public ImageSize imageSize(Item item) {
        return current == null ? null : current.imageSize(item);
    }

    @Override
    public java.nio.file.Path imageFile(Item item) {
        return current == null ? null : current.imageFile(item);
    }

    @Override
    public void close() {
        if (current != null) {
            current.close();
            current = null;
        }
    }
}
