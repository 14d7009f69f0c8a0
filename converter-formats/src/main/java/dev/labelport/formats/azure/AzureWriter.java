package dev.labelport.formats.azure;

import dev.labelport.internal.JsonSupport;
import dev.labelport.model.Annotation;
import dev.labelport.model.DatasetHeader;
import dev.labelport.model.GeometryKind;
import dev.labelport.model.Item;
import dev.labelport.model.MediaKind;
import dev.labelport.report.LossCode;
import dev.labelport.spi.ExportWriter;
import dev.labelport.spi.WriteContext;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import tools.jackson.core.json.JsonFactory;

/**
 * Picks the file to write (image JSON Lines, text CSV or NER CoNLL) from the task option, the
 * task read, or the first item, and hands the items to that writer. Items of the other media
 * kind are left out and reported: one file holds one task.
 */
final class AzureWriter implements ExportWriter {
    private final Path output;
    private final WriteContext ctx;
    private final Task option;
    private final String labelColumn;
    private DatasetHeader header;
    private Task task;
    private Task.Family family;
    private Writer out;
    private ImageJsonlWriter images;
    private TextCsvWriter texts;
    private NerFiles.Writer ner;
    private boolean finished;
    private boolean closed;

    AzureWriter(Path output, WriteContext ctx, Task option, String labelColumn) {
        this.output = output;
        this.ctx = ctx;
        this.option = option;
        this.labelColumn = labelColumn;
    }

    @Override
    public void begin(DatasetHeader header) {
        this.header = header;
        Task read = Task.fromId(header.extension(AzureAutomlFormat.ID).object("derived").string("task"));
        this.task = option != null ? option : read;
    }

    @Override
    public void write(Item item) {
        if (family == null) {
            start(task != null ? task.family() : familyOf(item));
        }
        boolean image = item.kind() == MediaKind.IMAGE;
        if (image != (family == Task.Family.IMAGE) || !image && item.text() == null) {
            ctx.loss(LossCode.DROPPED_ITEM, "item " + item.id(), "a " + item.kind().name().toLowerCase(java.util.Locale.ROOT)
                    + " item in a file of " + (family == Task.Family.IMAGE ? "images" : "texts") + " (one file holds one task)");
            return;
        }
        switch (family) {
            case IMAGE -> images.write(item);
            case CSV -> texts.write(item);
            case NER -> ner.write(item);
        }
    }

    /** Image items go to JSON Lines; text items with spans or tokens to NER, others to the CSV. */
    private static Task.Family familyOf(Item item) {
        if (item.kind() == MediaKind.IMAGE) {
            return Task.Family.IMAGE;
        }
        boolean tags = false;
        for (Annotation a : item.annotations()) {
            GeometryKind k = a.geometry().kind();
            if (k == GeometryKind.TEXT_SPAN || k == GeometryKind.TOKEN_TAGS) {
                return Task.Family.NER;
            }
            tags |= k == GeometryKind.TAG;
        }
        return !tags && item.text() != null && !item.text().tokens().isEmpty() ? Task.Family.NER : Task.Family.CSV;
    }

    private void start(Task.Family f) {
        family = f;
        if (f == Task.Family.NER) {
            ner = new NerFiles.Writer(output, ctx);
            ner.begin(header);
            return;
        }
        try {
            out = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(output), StandardCharsets.UTF_8), 1 << 16);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Task t = task != null && task.family() == f ? task : null;
        if (f == Task.Family.IMAGE) {
            JsonFactory factory = JsonSupport.factory(dev.labelport.Limits.DEFAULTS);
            images = new ImageJsonlWriter(out, ctx, factory, t);
        } else {
            texts = new TextCsvWriter(out, ctx, header, t, labelColumn);
        }
    }

    @Override
    public void finish() {
        if (finished) {
            return;
        }
        finished = true;
        if (family == null) {
            start(task != null ? task.family() : Task.Family.IMAGE); // an empty dataset: an empty file
        }
        if (ner != null) {
            ner.finish();
        }
        try {
            if (out != null) {
                out.flush();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        close();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (ner != null) {
            ner.close();
        }
        if (out != null) {
            try {
                out.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
