package dev.labelport.formats.comprehend;

import dev.labelport.Limits;
import dev.labelport.internal.JsonSupport;
import dev.labelport.internal.OutputFolders;
import dev.labelport.internal.SetFields;
import dev.labelport.json.JsonObject;
import dev.labelport.json.JsonValue;
import dev.labelport.model.Annotation;
import dev.labelport.model.DatasetHeader;
import dev.labelport.model.GeometryKind;
import dev.labelport.model.Id;
import dev.labelport.model.Item;
import dev.labelport.report.LossCode;
import dev.labelport.spi.ExportWriter;
import dev.labelport.spi.OutputFolder;
import dev.labelport.spi.WriteContext;
import java.io.BufferedWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

/**
 * Writes a Comprehend folder: {@code annotations.csv} and its documents (entities, csv flavour),
 * {@code output.manifest} (entities, manifest flavour) or {@code classifier.csv}
 * (classification). Documents and annotation rows are spilled to temporary files and copied in
 * at {@link #finish()}, so the output gets one file at a time; memory holds one item.
 */
final class ComprehendWriter implements ExportWriter {
    static final String ANNOTATIONS = "annotations.csv";
    static final String DOCUMENTS = "documents.txt";
    static final String MANIFEST = "output.manifest";
    static final String CLASSIFIER = "classifier.csv";
    private static final Set<SetFields.ItemField> HELD = Set.of(SetFields.ItemField.TEXT, SetFields.ItemField.FILE_NAME);

    private final OutputFolder out;
    private final WriteContext ctx;
    private final ComprehendFormat.Settings settings;
    private ComprehendFormat.Task task;
    private ComprehendFormat.Flavour flavour;
    private boolean lineMode;
    private String attribute;
    private final List<Path> temps = new ArrayList<>();
    // entities csv: documents (line mode) and rows spilled until finish
    private final Map<String, Spill> docs = new LinkedHashMap<>();
    private Spill openDoc;
    private Path rowsFile;
    private Writer rows;
    // manifest and classifier: the one output file
    private OutputStream single;
    private Writer classifier;
    private final JsonFactory json = JsonSupport.factory(Limits.DEFAULTS);
    private long count;
    private boolean notedSynthesised;
    private boolean finished;
    private boolean closed;

    /** A document file being filled in line mode. */
    private static final class Spill {
        final Path file;
        Writer writer;
        int lines;

        Spill(Path file) {
            this.file = file;
        }
    }

    ComprehendWriter(OutputFolder out, WriteContext ctx, ComprehendFormat.Settings settings) {
        this.out = out;
        this.ctx = ctx;
        this.settings = settings;
    }

    @Override
    public void begin(DatasetHeader header) {
        JsonObject ext = header.extension(ComprehendFormat.ID);
        task = settings.task() != ComprehendFormat.Task.AUTO ? settings.task() : "classification".equals(ext.string("task"))
                ? ComprehendFormat.Task.CLASSIFICATION : "entities".equals(ext.string("task")) ? ComprehendFormat.Task.ENTITIES
                : ComprehendFormat.Task.AUTO;
        flavour = settings.flavour() != ComprehendFormat.Flavour.AUTO ? settings.flavour()
                : "manifest".equals(ext.string("flavour")) ? ComprehendFormat.Flavour.MANIFEST : ComprehendFormat.Flavour.CSV;
        lineMode = settings.documentMode() != ComprehendFormat.DocumentMode.AUTO
                ? settings.documentMode() == ComprehendFormat.DocumentMode.LINE : !"file".equals(ext.string("documentMode"));
        attribute = settings.attribute() != null ? settings.attribute() : ext.string("attribute") != null ? ext.string("attribute") : "labels";
    }

    @Override
    public void write(Item item) {
        String where = "item " + item.id();
        if (task == ComprehendFormat.Task.AUTO) {
            boolean tags = item.annotations().stream().anyMatch(a -> a.geometry().kind() == GeometryKind.TAG);
            boolean spans = item.annotations().stream().anyMatch(a -> a.geometry().kind() == GeometryKind.TEXT_SPAN);
            task = tags && !spans ? ComprehendFormat.Task.CLASSIFICATION : ComprehendFormat.Task.ENTITIES;
        }
        if (item.text() == null) {
            ctx.loss(LossCode.DROPPED_ITEM, where, "Comprehend holds text documents only (" + item.annotations().size() + " annotations)");
            return;
        }
        if (!item.id().equals(Id.of(count + 1))) {
            ctx.loss(LossCode.REINDEXED, where, "Comprehend keeps no ids: read back as " + (count + 1));
        }
        try {
            if (task == ComprehendFormat.Task.CLASSIFICATION) {
                writeClass(item, where);
            } else if (flavour == ComprehendFormat.Flavour.MANIFEST) {
                writeManifest(item, where);
            } else {
                writeEntities(item, where);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        count++;
    }

    private void reportItemFields(Item item, String where, Set<String> heldExtensions) {
        List<String> dropped = new ArrayList<>(SetFields.unheld(item, HELD));
        for (String k : item.extension(ComprehendFormat.ID).keys()) {
            if (!heldExtensions.contains(k)) {
                dropped.add("extensions.comprehend." + k);
            }
        }
        if (!dropped.isEmpty()) {
            ctx.loss(LossCode.DROPPED_FIELD, where, String.join(", ", dropped));
        }
    }

    private void writeEntities(Item item, String where) throws IOException {
        reportItemFields(item, where, Set.of());
        String text = item.text().text();
        Spans.Doc doc = new Spans.Doc(text);
        List<Spans.Kept> spans = Spans.write(item, doc, ctx, where);
        if (rows == null) {
            rowsFile = temp();
            rows = writer(rowsFile, false);
        }
        String name = documentName(item, where);
        if (lineMode) {
            if (text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
                ctx.loss(ComprehendFormat.REPLACED_LINE_BREAK, where, "the document's line breaks were written as spaces "
                        + "(offsets unchanged); document-mode=file keeps them");
                text = text.replace('\n', ' ').replace('\r', ' ');
            }
            Spill s = spill(name);
            s.writer.write(text);
            s.writer.write('\n');
            int line = s.lines++;
            for (Spans.Kept k : spans) {
                record(rows, name, Integer.toString(line), Integer.toString(k.start()), Integer.toString(k.end()), k.type());
            }
        } else {
            try (OutputStream o = out.create(name)) {
                o.write(text.getBytes(StandardCharsets.UTF_8));
            }
            for (Spans.Kept k : spans) {
                record(rows, name, Integer.toString(k.start()), Integer.toString(k.end()), k.type());
            }
        }
        ctx.written(1, spans.size());
    }

    /** The document file of an item: its own file name when usable, else documents.txt (line) or {@code <n>.txt} (file). */
    private String documentName(Item item, String where) {
        String name = item.fileName();
        String fallback = lineMode ? DOCUMENTS : (count + 1) + ".txt";
        if (name == null) {
            if (!lineMode && !notedSynthesised) {
                notedSynthesised = true;
                ctx.loss(LossCode.SYNTHESISED, where, "documents without a file name are written as <n>.txt");
            }
            return fallback;
        }
        String problem = OutputFolders.relativePathProblem(name);
        if (problem == null && name.equals(ANNOTATIONS)) {
            problem = "it is the annotations file's name";
        }
        if (problem == null && !lineMode && docs.containsKey(name)) {
            problem = "an earlier document has it";
        }
        if (problem != null) {
            ctx.loss(LossCode.DROPPED_FIELD, where, "file name '" + Spans.excerpt(name) + "' (" + problem + "): written as " + fallback);
            return fallback;
        }
        if (!lineMode) {
            docs.put(name, null); // only the names: the documents are written at once
        }
        return name;
    }

    private Spill spill(String name) throws IOException {
        Spill s = docs.get(name);
        if (s == openDoc && s != null) {
            return s;
        }
        if (openDoc != null) {
            openDoc.writer.close();
            openDoc.writer = null;
        }
        if (s == null) {
            s = new Spill(temp());
            docs.put(name, s);
            s.writer = writer(s.file, false);
        } else {
            s.writer = writer(s.file, true);
        }
        openDoc = s;
        return s;
    }

    private void writeManifest(Item item, String where) throws IOException {
        reportItemFields(item, where, Set.of("metadata", "labels", "other", "attribute"));
        Spans.Doc doc = new Spans.Doc(item.text().text());
        List<Spans.Kept> spans = Spans.write(item, doc, ctx, where);
        JsonObject ext = item.extension(ComprehendFormat.ID);
        String attr = ext.string("attribute") != null && settings.attribute() == null ? ext.string("attribute") : attribute;
        if (single == null) {
            single = out.create(MANIFEST);
        }
        ByteArrayOutputStream buf = new ByteArrayOutputStream(256 + item.text().text().length() * 2);
        try (JsonGenerator g = json.createGenerator(ObjectWriteContext.empty(), buf)) {
            g.writeStartObject();
            g.writeStringProperty("source", item.text().text());
            g.writeName(attr);
            g.writeStartObject();
            g.writeName("annotations");
            g.writeStartObject();
            g.writeName("entities");
            g.writeStartArray();
            Set<String> types = new LinkedHashSet<>();
            for (Spans.Kept k : spans) {
                g.writeStartObject();
                g.writeNumberProperty("endOffset", k.end());
                g.writeNumberProperty("startOffset", k.start());
                g.writeStringProperty("label", k.type());
                g.writeEndObject();
                types.add(k.type());
            }
            g.writeEndArray();
            g.writeName("labels");
            if (ext.get("labels") != null) {
                JsonSupport.writeValue(g, ext.get("labels"));
            } else {
                g.writeStartArray();
                for (String t : types) {
                    g.writeStartObject();
                    g.writeStringProperty("label", t);
                    g.writeEndObject();
                }
                g.writeEndArray();
            }
            g.writeEndObject();
            g.writeEndObject();
            if (ext.get("metadata") != null) {
                g.writeName(attr + "-metadata");
                JsonSupport.writeValue(g, ext.get("metadata"));
            }
            if (ext.object("other") != null) {
                for (Map.Entry<String, JsonValue> e : ext.object("other").members().entrySet()) {
                    if (!e.getKey().equals("source") && !e.getKey().equals(attr) && !e.getKey().equals(attr + "-metadata")) {
                        g.writeName(e.getKey());
                        JsonSupport.writeValue(g, e.getValue());
                    }
                }
            }
            g.writeEndObject();
        }
        buf.write('\n');
        buf.writeTo(single);
        ctx.written(1, spans.size());
    }

    private void writeClass(Item item, String where) throws IOException {
        reportItemFields(item, where, Set.of());
        List<String> labels = new ArrayList<>();
        List<Annotation> anns = item.annotations();
        for (int k = 0; k < anns.size(); k++) {
            Annotation a = anns.get(k);
            String at = where + " annotation " + (a.id() == null ? "#" + (k + 1) : a.id().toString());
            if (a.geometry().kind() != GeometryKind.TAG || a.category() == null || a.removed()) {
                ctx.loss(LossCode.DROPPED_GEOMETRY, at, a.geometry().kind() != GeometryKind.TAG
                        ? a.geometry().kind().label() + " is not a class label" : "a tag without a class, or removed");
                continue;
            }
            String name = a.category().name();
            if (name.isEmpty() || name.contains(settings.labelDelimiter())) {
                ctx.loss(name.isEmpty() ? LossCode.DROPPED_GEOMETRY : ComprehendFormat.SPLIT_LABEL, at, name.isEmpty()
                        ? "an empty class name" : "class '" + name + "' contains the label delimiter " + settings.labelDelimiter());
                if (name.isEmpty()) {
                    continue;
                }
            }
            Spans.reportFields(a, at, ctx);
            labels.add(name);
        }
        if (classifier == null) {
            single = out.create(CLASSIFIER);
            classifier = new BufferedWriter(new OutputStreamWriter(single, StandardCharsets.UTF_8), 1 << 16);
        }
        record(classifier, String.join(settings.labelDelimiter(), labels), item.text().text());
        ctx.written(1, labels.size());
    }

    @Override
    public void finish() {
        if (finished) {
            return;
        }
        finished = true;
        try {
            if (task == ComprehendFormat.Task.CLASSIFICATION) {
                if (classifier == null) {
                    single = out.create(CLASSIFIER);
                    classifier = new BufferedWriter(new OutputStreamWriter(single, StandardCharsets.UTF_8), 1 << 16);
                }
                classifier.close();
                single = null;
            } else if (flavour == ComprehendFormat.Flavour.MANIFEST) {
                if (single == null) {
                    single = out.create(MANIFEST);
                }
                single.close();
                single = null;
            } else {
                finishEntities();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void finishEntities() throws IOException {
        if (openDoc != null) {
            openDoc.writer.close();
            openDoc.writer = null;
            openDoc = null;
        }
        if (rows != null) {
            rows.close();
        }
        for (Map.Entry<String, Spill> e : docs.entrySet()) {
            if (e.getValue() != null) {
                try (OutputStream o = out.create(e.getKey())) {
                    Files.copy(e.getValue().file, o);
                }
            }
        }
        try (OutputStream o = out.create(ANNOTATIONS)) {
            o.write((lineMode ? "File,Line,Begin Offset,End Offset,Type\n" : "File,Begin Offset,End Offset,Type\n")
                    .getBytes(StandardCharsets.UTF_8));
            if (rowsFile != null) {
                Files.copy(rowsFile, o);
            }
        }
    }

    /**
     * One RFC 4180 row ending in LF: a field is quoted (quotes doubled) when it holds a comma, a
     * quote, a line break, or starts or ends with a space (the reader trims unquoted fields).
     */
    static void record(Writer w, String... fields) throws IOException {
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                w.write(',');
            }
            String f = fields[i];
            boolean quote = !f.isEmpty() && (Character.isWhitespace(f.charAt(0)) || Character.isWhitespace(f.charAt(f.length() - 1)));
            for (int k = 0; k < f.length() && !quote; k++) {
                char c = f.charAt(k);
                quote = c == ',' || c == '"' || c == '\n' || c == '\r';
            }
            if (quote) {
                w.write('"');
                w.write(f.replace("\"", "\"\""));
                w.write('"');
            } else {
                w.write(f);
            }
        }
        w.write('\n');
    }

    private Path temp() throws IOException {
        Path p = ctx.tempDirectory() == null ? Files.createTempFile("labelport-comprehend-", ".tmp")
                : Files.createTempFile(ctx.tempDirectory(), "labelport-comprehend-", ".tmp");
        temps.add(p);
        return p;
    }

    private static Writer writer(Path file, boolean append) throws IOException {
        OutputStream o = append ? Files.newOutputStream(file, StandardOpenOption.APPEND) : Files.newOutputStream(file);
        return new BufferedWriter(new OutputStreamWriter(o, StandardCharsets.UTF_8), 1 << 16);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (openDoc != null && openDoc.writer != null) {
                openDoc.writer.close();
            }
            if (rows != null) {
                rows.close();
            }
            if (classifier != null) {
                classifier.close();
            } else if (single != null) {
                single.close();
            }
        } catch (IOException e) {
            // abandoning: nothing to save
        } finally {
            temps.forEach(TextFiles::deleteQuietly);
        }
    }
}
