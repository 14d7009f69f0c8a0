package dev.labelport.model;

import dev.labelport.json.JsonObject;
import java.util.List;
import java.util.Objects;

/**
 * What a source knows before its first item: name, the source format and its version as read,
 * the categories known up front (a streaming token format may meet more in its items), and the
 * per-format fields the model has no slot for (COCO {@code info} and {@code licenses}, Avala
 * {@code export_info}, the CoNLL tag scheme).
 *
 * @param name          dataset or export name, or {@code null}
 * @param sourceFormat  id of the format read, or {@code null} for a hand-built dataset
 * @param sourceVersion version string as read (Avala {@code scheme_version}, COCO {@code info.version}), or {@code null}
 * @param categories    categories known up front, in source order
 * @param extensions    per-format fields by format id
 */
public record DatasetHeader(String name, String sourceFormat, String sourceVersion, List<Category> categories,
                            JsonObject extensions) {
    public DatasetHeader {
        categories = List.copyOf(categories);
        extensions = extensions == null ? JsonObject.EMPTY : extensions;
    }

    public static DatasetHeader of(List<Category> categories) {
        return new DatasetHeader(null, null, null, categories, JsonObject.EMPTY);
    }

    public DatasetHeader withCategories(List<Category> newCategories) {
        return new DatasetHeader(name, sourceFormat, sourceVersion, newCategories, extensions);
    }

    /** The extension fields of one format, or an empty object. */
    public JsonObject extension(String formatId) {
        return extensions.object(formatId);
    }

    public Category category(Id id) {
        for (Category c : categories) {
            if (c.id().equals(id)) {
                return c;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return "DatasetHeader[" + Objects.toString(name, "") + ", " + sourceFormat + " " + Objects.toString(sourceVersion, "")
                + ", categories=" + categories.size() + "]";
    }
}
