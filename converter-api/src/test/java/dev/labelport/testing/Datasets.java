package dev.labelport.testing;

import dev.labelport.model.Item;
import dev.labelport.spi.AnnotationSource;
import dev.labelport.spi.ExportWriter;
import dev.labelport.spi.FormatProvider;
import dev.labelport.spi.ReadContext;
import dev.labelport.spi.WriteContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads and writes whole datasets through a provider, for tests. */
public final class Datasets {
    private Datasets() {
    }

    public static Dataset read(FormatProvider provider, Path input) {
        return read(provider, input, ReadContext.of(String.valueOf(input.getFileName())));
    }

    public static Dataset read(FormatProvider provider, Path input, ReadContext ctx) {
        try (AnnotationSource src = provider.open(input, ctx)) {
            List<Item> items = new ArrayList<>();
            for (Item i = src.next(); i != null; i = src.next()) {
                items.add(i);
            }
            return new Dataset(src.header(), items);
        }
    }

    public static void write(FormatProvider provider, Path output, Dataset dataset) {
        write(provider, output, dataset, WriteContext.of(String.valueOf(output.getFileName())));
    }

    public static void write(FormatProvider provider, Path output, Dataset dataset, WriteContext ctx) {
        try (ExportWriter w = provider.createWriter(output, ctx)) {
            w.begin(dataset.header());
            for (Item i : dataset.items()) {
                w.write(i);
            }
            w.finish();
        }
    }
}
