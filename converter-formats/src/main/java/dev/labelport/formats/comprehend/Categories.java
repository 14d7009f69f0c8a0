package dev.labelport.formats.comprehend;

import dev.labelport.error.LimitExceededException;
import dev.labelport.error.Location;
import dev.labelport.json.JsonObject;
import dev.labelport.model.Category;
import dev.labelport.model.DatasetHeader;
import dev.labelport.model.Id;
import dev.labelport.spi.ReadContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The entity types or classes met while reading, one {@link Category} each, within {@code Limits.maxCategories}. */
final class Categories {
    private final ReadContext ctx;
    private final String what;
    private final Map<String, Integer> index = new HashMap<>();
    private final List<Category> list = new ArrayList<>();

    Categories(ReadContext ctx, String what) {
        this.ctx = ctx;
        this.what = what;
    }

    /** The number of {@code name}, assigned on first sight. */
    int index(String name, Location at) {
        Integer i = index.get(name);
        if (i == null) {
            if (list.size() >= ctx.limits().maxCategories()) {
                throw new LimitExceededException(at, "more than " + ctx.limits().maxCategories() + " " + what + " (Limits.maxCategories)");
            }
            i = list.size();
            index.put(name, i);
            list.add(Category.of(Id.of(name), name));
        }
        return i;
    }

    Category get(String name, Location at) {
        return list.get(index(name, at));
    }

    Category get(int i) {
        return list.get(i);
    }

    /** In order of first sight. */
    List<Category> list() {
        return list;
    }

    /** A Comprehend dataset header: the categories known up front and the {@code comprehend} extension. */
    static DatasetHeader header(List<Category> categories, JsonObject ext) {
        return new DatasetHeader(null, ComprehendFormat.ID, null, categories, JsonObject.builder().put(ComprehendFormat.ID, ext).build());
    }
}
