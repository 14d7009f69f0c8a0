package dev.labelport.jobs;

import dev.labelport.model.DatasetHeader;
import dev.labelport.model.Item;
import dev.labelport.spi.AnnotationSource;
import dev.labelport.spi.ImageSize;
import java.util.function.Function;
import java.util.function.Predicate;

/** A source with items left out, and each kept item optionally rewritten (annotations dropped). */
final class FilteredSource implements AnnotationSource {
    private final AnnotationSource source;
    private final Predicate<Item> keep;
    private final Function<Item, Item> rewrite;

    FilteredSource(AnnotationSource source, Predicate<Item> keep) {
        this(source, keep, Function.identity());
    }

    FilteredSource(AnnotationSource source, Predicate<Item> keep, Function<Item, Item> rewrite) {
        this.source = source;
        this.keep = keep;
        this.rewrite = rewrite;
    }

    @Override
    public DatasetHeader header() {
        return source.header();
    }

    @Override
    public Item next() {
        for (Item item = source.next(); item != null; item = source.next()) {
            if (keep.test(item)) {
                return rewrite.apply(item);
            }
        }
        return null;
    }

    @Override
    public ImageSize imageSize(Item item) {
        return source.imageSize(item);
    }

    @Override
    public java.nio.file.Path imageFile(Item item) {
        return source.imageFile(item);
    }

    @Override
    public void close() {
        source.close();
    }
}
