package dev.labelport.formats.avala;

import dev.labelport.error.LimitExceededException;
import dev.labelport.error.Location;
import dev.labelport.json.JsonBoolean;
import dev.labelport.json.JsonObject;
import dev.labelport.model.Category;
import dev.labelport.model.Id;
import dev.labelport.report.LossCode;
import dev.labelport.report.Reporter;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A project as read: its labels (the category namespace of its results) and fields kept as they were. */
final class ProjectInfo {
    final String uid;
    final String name;
    final JsonObject extra;
    final Map<String, Category> labels = new LinkedHashMap<>();
    private final Map<String, Category> undeclared = new HashMap<>();

    ProjectInfo(String uid, String name, JsonObject extra) {
        this.uid = uid;
        this.name = name;
        this.extra = extra;
    }

    /** The category id of a label: labels are scoped by project, so the id is {@code projectUid:labelName}. */
    static Id categoryId(String projectUid, String label) {
        return Id.of(projectUid + ":" + label);
    }

    Category declare(String label, String color, JsonObject labelExtra) {
        Category c = new Category(categoryId(uid, label), label, null, color, List.of(), List.of(), JsonObject.EMPTY,
                extension(labelExtra, false));
        labels.put(label, c);
        return c;
    }

    /**
     * The category of a label used in one of this project's results. A label the project does not
     * list gets a category made up on first use (reported as {@link LossCode#SYNTHESISED}).
     */
    Category category(String label, Location where, Reporter reporter, int maxCategories, int[] categoryCount) {
        Category c = labels.get(label);
        if (c != null) {
            return c;
        }
        c = undeclared.get(label);
        if (c == null) {
            if (++categoryCount[0] > maxCategories) {
                throw new LimitExceededException(where, "more than " + maxCategories + " categories");
            }
            c = new Category(categoryId(uid, label), label, null, null, List.of(), List.of(), JsonObject.EMPTY,
                    extension(JsonObject.EMPTY, true));
            undeclared.put(label, c);
            reporter.loss(LossCode.SYNTHESISED, where, "label \"" + label + "\" is not among the labels of project \""
                    + uid + "\"; its category was made up");
        }
        return c;
    }

    private JsonObject extension(JsonObject labelExtra, boolean isUndeclared) {
        JsonObject.Builder b = JsonObject.builder().put(Ext.PROJECT_UID, uid);
        if (name != null) {
            b.put(Ext.PROJECT_NAME, name);
        }
        if (!labelExtra.isEmpty()) {
            b.put(Ext.LABEL_EXTRA, labelExtra);
        }
        if (isUndeclared) {
            b.put(Ext.UNDECLARED, JsonBoolean.TRUE);
        }
        return JsonObject.builder().put(AvalaFormat.ID, b.build()).build();
    }
}
