package dev.labelport.testing;

import dev.labelport.model.DatasetHeader;
import dev.labelport.model.Item;
import java.util.List;

/** A whole dataset in memory, for tests: a header and its items. */
public record Dataset(DatasetHeader header, List<Item> items) {
    public Dataset {
        items = List.copyOf(items);
    }

    public long annotationCount() {
        return items.stream().mapToLong(i -> i.annotations().size()).sum();
    }
}
