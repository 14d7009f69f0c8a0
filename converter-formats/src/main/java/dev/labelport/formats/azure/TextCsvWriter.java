package dev.labelport.formats.azure;

import dev.labelport.internal.SetFields;
import dev.labelport.json.JsonArray;
import dev.labelport.json.JsonObject;
import dev.labelport.json.JsonString;
import dev.labelport.json.JsonValue;
import dev.labelport.model.Annotation;
import dev.labelport.model.DatasetHeader;
import dev.labelport.model.GeometryKind;
import dev.labelport.model.Item;
import dev.labelport.model.TextContent;
import dev.labelport.report.LossCode;
import dev.labelport.spi.WriteContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Writes the text-classification CSV: the header row (the columns read, else {@code text} and
 * the label column), then one row per text item. The task (one label or a list) is the one
 * given, else the first labelled item's: one class → multi-class, more → multi-label.
 */
final class TextCsvWriter {
    private static final Set<SetFields.ItemField> ITEM_HELD = Set.of(SetFields.ItemField.TEXT, SetFields.ItemField.METADATA);

    private final WriteContext ctx;
    private final Writer out;
    private final FieldLosses losses;
    private final List<String> columns;
    private final int labelAt;
    private final int textAt;
    private Task task;
    private long index;

    TextCsvWriter(Writer out, WriteContext ctx, DatasetHeader header, Task task, String labelColumn) {
        this.ctx = ctx;
        this.task = task;
        this.losses = new FieldLosses(ctx);
        JsonObject ext = header.extension(AzureAutomlFormat.ID);
        List<String> read = new ArrayList<>();
        if (ext.get("columns") instanceof JsonArray a) {
            for (JsonValue v : a.values()) {
                if (v instanceof JsonString s && !read.contains(s.value())) {
                    read.add(s.value());
                }
            }
        }
        int readLabel = read.indexOf(ext.string("labelColumn"));
        if (read.size() < 2 || readLabel < 0) {
            read = new ArrayList<>(List.of("text", labelColumn == null ? "label" : labelColumn));
            readLabel = 1;
        } else if (labelColumn != null && !read.contains(labelColumn)) {
            read.set(readLabel, labelColumn);
        }
        this.columns = List.copyOf(read);
        this.labelAt = labelColumn != null ? columns.indexOf(labelColumn) : readLabel;
        this.textAt = labelAt == 0 ? 1 : 0;
        this.out = out;
        record(columns.toArray(String[]::new));
    }

    void write(Item item) {
        String where = "item " + item.id();
        index++;
        TextContent text = item.text();
        JsonObject metadata = item.metadata();
        List<String> more = new ArrayList<>();
        for (String key : metadata.keys()) {
            if (!columns.contains(key) || columns.indexOf(key) == labelAt || columns.indexOf(key) == textAt) {
                more.add("metadata." + key + " (no such column)");
            }
        }
        if (!text.tokens().isEmpty()) {
            more.add("tokens (a CSV cell holds the text only)");
        }
        losses.item(item, where, ITEM_HELD, more, index);
        List<String> names = labels(item, where);
        String[] cells = new String[columns.size()];
        for (int i = 0; i < cells.length; i++) {
            cells[i] = i == textAt ? text.text() : i == labelAt ? labelCell(item, names) : cell(metadata.get(columns.get(i)));
        }
        record(cells);
        ctx.written(1, names.size());
    }

    private static String cell(JsonValue v) {
        return v == null ? "" : v instanceof JsonString s ? s.value() : v.toString();
    }

    /** The class names written for the item, reporting what the task cannot hold. */
    private List<String> labels(Item item, String where) {
        List<String> names = new ArrayList<>();
        List<Annotation> anns = item.annotations();
        for (int k = 0; k < anns.size(); k++) {
            Annotation a = anns.get(k);
            String at = where + " annotation " + (a.id() == null ? "#" + (k + 1) : a.id().toString());
            if (a.geometry().kind() != GeometryKind.TAG || a.category() == null || a.removed()) {
                ctx.loss(LossCode.DROPPED_GEOMETRY, at, a.geometry().kind() != GeometryKind.TAG
                        ? "a " + a.geometry().kind().label() + " in a text-classification CSV (labels only; task=ner keeps spans)"
                        : a.removed() ? "the annotation is marked removed" : "a tag without a class");
                continue;
            }
            if (task == null) {
                task = item.annotations().stream().filter(x -> x.geometry().kind() == GeometryKind.TAG).count() > 1
                        ? Task.TEXT_MULTILABEL : Task.TEXT_CLASSIFICATION;
            }
            if (!task.labelList() && !names.isEmpty()) {
                ctx.loss(LossCode.DROPPED_GEOMETRY, at, "text-classification holds one class per text; '" + a.category().name()
                        + "' is left out (task=text-multilabel keeps them all)");
                continue;
            }
            losses.annotation(a, at, Set.of());
            names.add(a.category().name());
        }
        return names;
    }

    /** One name, or a Python list literal (as read when it still says the same). */
    private String labelCell(Item item, List<String> names) {
        if (task == null || !task.labelList()) {
            return names.isEmpty() ? "" : names.get(0);
        }
        String asRead = item.extension(AzureAutomlFormat.ID).object("derived").string("labels");
        if (asRead != null && names.equals(readBack(asRead))) {
            return asRead;
        }
        return PythonList.format(names);
    }

    private static List<String> readBack(String cell) {
        if (!PythonList.isLiteral(cell)) {
            return PythonList.splitPlain(cell);
        }
        try {
            return PythonList.parse(cell);
        } catch (PythonList.SyntaxException e) {
            return null;
        }
    }

    /** One CSV record (Commons CSV quotes what needs it; an empty first cell is written as {@code ""}). */
    private void record(String[] cells) {
        try {
            for (int i = 0; i < cells.length; i++) {
                TextCsvReader.FORMAT.print(cells[i], out, i == 0);
            }
            TextCsvReader.FORMAT.println(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
