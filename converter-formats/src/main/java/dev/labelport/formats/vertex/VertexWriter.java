package dev.labelport.formats.vertex;

import dev.labelport.Limits;
import dev.labelport.internal.ForeignFields;
import dev.labelport.internal.JsonSupport;
import dev.labelport.internal.SetFields;
import dev.labelport.json.JsonArray;
import dev.labelport.json.JsonObject;
import dev.labelport.json.JsonValue;
import dev.labelport.model.Annotation;
import dev.labelport.model.Box;
import dev.labelport.model.Category;
import dev.labelport.model.DatasetHeader;
import dev.labelport.model.Geometry;
import dev.labelport.model.Id;
import dev.labelport.model.Item;
import dev.labelport.model.Mask;
import dev.labelport.model.MediaKind;
import dev.labelport.model.TextContent;
import dev.labelport.model.TextSpan;
import dev.labelport.report.LossCode;
import dev.labelport.spi.ExportWriter;
import dev.labelport.spi.WriteContext;
import dev.labelport.internal.WriteTarget;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

/**
 * Writes one line per item (JSON Lines) or one row per item or box (CSV). Nothing is held
 * between items except the flavour and CSV task, fixed by the options, the header or the first
 * item that needs them.
 */
final class VertexWriter implements ExportWriter {
    private static final Set<SetFields.ItemField> ITEM_FIELDS = EnumSet.of(SetFields.ItemField.FILE_NAME,
            SetFields.ItemField.URI, SetFields.ItemField.TEXT, SetFields.ItemField.SPLIT);
    private static final Set<SetFields.AnnotationField> ANNOTATION_FIELDS = EnumSet.noneOf(SetFields.AnnotationField.class);
    private static final int EMPTY_BOX_COLUMNS = 9;

    private final WriteTarget output;
    private final WriteContext ctx;
    private final VertexFormat.WriteSettings settings;
    private final Set<Id> reportedCategories = new HashSet<>();
    private String flavour;
    private String task;
    /** The media kind of a CSV file, set by its first item: a Vertex dataset holds images or texts, not both. */
    private MediaKind csvMedia;
    private OutputStream out;
    private JsonGenerator json;
    private CSVPrinter csv;
    private boolean any;
    private boolean closed;

    /** An annotation as Vertex writes it. */
    private record Label(String name, JsonObject ext) {
    }

    /** A box in normalised coordinates. */
    private record NBox(String name, double xMin, double yMin, double xMax, double yMax, JsonObject ext) {
    }

    /** A segment in the output's offset unit. */
    private record Seg(String name, long start, long end, JsonObject ext) {
    }

    VertexWriter(WriteTarget output, WriteContext ctx, VertexFormat.WriteSettings settings) {
        this.output = output;
        this.ctx = ctx;
        this.settings = settings;
    }

    @Override
    public void begin(DatasetHeader header) {
        JsonObject ext = header.extension(VertexFormat.ID).object(ForeignFields.DERIVED);
        boolean fromVertex = VertexFormat.ID.equals(header.sourceFormat());
        flavour = settings.flavour() != null ? settings.flavour()
                : fromVertex && VertexSource.CSV.equals(ext.string("flavour")) ? VertexSource.CSV : VertexSource.JSONL;
        task = settings.task() != null ? settings.task() : fromVertex ? ext.string("task") : null;
        try {
            out = new BufferedOutputStream(output.open(), 1 << 16);
            if (flavour.equals(VertexSource.JSONL)) {
                JsonFactory f = JsonSupport.factory(Limits.DEFAULTS).rebuild().rootValueSeparator("\n").build();
                json = f.createGenerator(ObjectWriteContext.empty(), out);
            } else {
                csv = new CSVPrinter(new OutputStreamWriter(out, StandardCharsets.UTF_8),
                        CSVFormat.RFC4180.builder().setRecordSeparator("\n").get());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void write(Item item) {
        String where = "item " + item.id();
        reportItemFields(item, where);
        JsonObject ext = item.extension(VertexFormat.ID);
        String mlUse = MlUse.toWrite(item.split(), ext.object(ForeignFields.DERIVED).string("mlUse"));
        if (item.split() != null && mlUse == null) {
            ctx.loss(LossCode.DROPPED_FIELD, where, "split '" + item.split() + "' has no Vertex ml_use (training,"
                    + " validation, test): left out, so Vertex assigns the item itself");
        }
        boolean image = item.kind() == MediaKind.IMAGE;
        if (csv != null) {
            if (csvMedia == null) {
                csvMedia = item.kind();
            } else if (csvMedia != item.kind()) {
                ctx.loss(LossCode.DROPPED_ITEM, where, "a " + item.kind().name().toLowerCase(java.util.Locale.ROOT)
                        + " item in a CSV of " + csvMedia.name().toLowerCase(java.util.Locale.ROOT) + "s: a Vertex CSV"
                        + " imports one kind of data (flavour=jsonl keeps both)");
                return;
            }
        }
        String ref = reference(item, image);
        if (ref == null) {
            ctx.loss(LossCode.DROPPED_ITEM, where, image ? "an image without a uri or file name cannot be referenced"
                    : "a text item with empty text and no uri has nothing to import");
            return;
        }
        List<Label> tags = new ArrayList<>();
        List<NBox> boxes = new ArrayList<>();
        List<Seg> segments = new ArrayList<>();
        for (int i = 0; i < item.annotations().size(); i++) {
            convert(item, item.annotations().get(i), where + " annotation #" + i, image, tags, boxes, segments);
        }
        int written;
        if (json != null) {
            written = writeJson(item, ext, image, ref, mlUse, tags, boxes, segments);
        } else {
            written = writeCsv(item, ext, image, ref, mlUse, tags, boxes, segments, where);
        }
        any = true;
        ctx.written(1, written);
    }

    /** The gs:// path of an image, or the text / text URI of a text item; {@code null} when there is none. */
    private String reference(Item item, boolean image) {
        if (image) {
            if (item.uri() != null) {
                return item.uri();
            }
            return item.fileName() == null ? null : settings.gcsPrefix() + item.fileName();
        }
        String text = item.text().text();
        if (text.isEmpty() && item.uri() != null) {
            return item.uri();
        }
        return text.isEmpty() ? null : text;
    }

    private static boolean textInline(Item item) {
        return item.kind() == MediaKind.TEXT && !(item.text().text().isEmpty() && item.uri() != null);
    }

    private void reportItemFields(Item item, String where) {
        List<String> dropped = SetFields.unheld(item, ITEM_FIELDS);
        if (!dropped.isEmpty()) {
            ctx.loss(LossCode.DROPPED_FIELD, where, "Vertex data items have no " + String.join(", ", dropped));
        }
        TextContent t = item.text();
        if (t != null && !t.tokens().isEmpty()) {
            ctx.loss(LossCode.DROPPED_FIELD, where, "Vertex texts have no tokens");
        }
    }

    private void convert(Item item, Annotation a, String where, boolean image, List<Label> tags, List<NBox> boxes,
                         List<Seg> segments) {
        Geometry g = a.geometry();
        Category c = a.category();
        if (c == null) {
            ctx.loss(LossCode.DROPPED_GEOMETRY, where, g.kind().label() + " without a category: Vertex needs a displayName");
            return;
        }
        reportCategory(c);
        List<String> dropped = SetFields.unheld(a, ANNOTATION_FIELDS);
        if (!dropped.isEmpty()) {
            ctx.loss(LossCode.DROPPED_FIELD, where, "Vertex annotations have no " + String.join(", ", dropped));
        }
        JsonObject ext = a.extension(VertexFormat.ID);
        switch (g.kind()) {
            case TAG -> tags.add(new Label(c.name(), ext));
            case TEXT_SPAN -> {
                if (image || !textInline(item)) {
                    ctx.loss(LossCode.DROPPED_GEOMETRY, where, "a text span needs the item's text inline");
                } else {
                    Seg s = segment(item.text().text(), (TextSpan) g, c.name(), ext, where);
                    if (s != null) {
                        segments.add(s);
                    }
                }
            }
            case BOX, POLYGON, POLYLINE, POINTS, KEYPOINTS, ROTATED_BOX, MASK -> {
                if (!image) {
                    ctx.loss(LossCode.DROPPED_GEOMETRY, where, g.kind().label() + " on a text item cannot be held");
                    return;
                }
                NBox b = box(item, a, c.name(), ext, where);
                if (b != null) {
                    boxes.add(b);
                }
            }
            default -> ctx.loss(LossCode.DROPPED_GEOMETRY, where, g.kind().label() + " cannot be held in Vertex");
        }
    }

    private void reportCategory(Category c) {
        boolean extra = c.supercategory() != null || c.color() != null || !c.keypointNames().isEmpty()
                || !c.attributeSchema().isEmpty();
        if (extra && reportedCategories.add(c.id())) {
            ctx.loss(LossCode.DROPPED_FIELD, "category " + c.id() + " (" + c.name() + ")", "Vertex labels are display"
                    + " names only: supercategory, colour, keypoint names and attribute schema are dropped");
        }
    }

    /** {@link Annotation#box()} normalised: the box the source stated beside a shape, else the shape's bounds. */
    private NBox box(Item item, Annotation a, String name, JsonObject ext, String where) {
        Geometry g = a.geometry();
        if (g instanceof Mask && item.normalized()) {
            ctx.loss(LossCode.DROPPED_GEOMETRY, where, "a mask on a normalised item has no pixel size");
            return null;
        }
        Box b = a.box();
        if (b == null) {
            ctx.loss(LossCode.DROPPED_GEOMETRY, where, g.kind().label() + " without points");
            return null;
        }
        if (!(g instanceof Box)) {
            ctx.loss(LossCode.APPROXIMATED_GEOMETRY, where, g.kind().label() + " written as its bounding box");
        }
        double xMin;
        double yMin;
        double xMax;
        double yMax;
        if (item.normalized()) {
            xMin = b.x();
            yMin = b.y();
            xMax = upper(b.x(), b.width());
            yMax = upper(b.y(), b.height());
        } else {
            Integer w = item.width();
            Integer h = item.height();
            if (w == null || h == null || w <= 0 || h <= 0) {
                ctx.loss(LossCode.DROPPED_GEOMETRY, where, "a pixel box on an image of unknown size cannot be normalised"
                        + " (give image sizes)");
                return null;
            }
            xMin = b.x() / w;
            yMin = b.y() / h;
            xMax = (b.x() + b.width()) / w;
            yMax = (b.y() + b.height()) / h;
        }
        if (xMin < 0 || yMin < 0 || xMax > 1 || yMax > 1) {
            if (settings.clamp()) {
                ctx.loss(LossCode.CLAMPED, where, "box [" + xMin + ", " + yMin + ", " + xMax + ", " + yMax + "] clamped into [0, 1]");
                xMin = clamp(xMin);
                yMin = clamp(yMin);
                xMax = clamp(xMax);
                yMax = clamp(yMax);
            } else {
                ctx.loss(VertexFormat.OUTSIDE_IMAGE, where, "box [" + xMin + ", " + yMin + ", " + xMax + ", " + yMax
                        + "] reaches outside the image");
            }
        }
        return new NBox(name, xMin, yMin, xMax, yMax, ext);
    }

    private static double clamp(double v) {
        return Math.max(0, Math.min(1, v));
    }

    /**
     * The shortest decimal {@code v} with {@code v - x == w} in double arithmetic, so that a
     * reader computing the width from {@code xMax - xMin} gets back exactly {@code w}. Such a
     * {@code v} nearly always exists among the doubles next to {@code x + w}; when none does
     * (e.g. {@code x = 1e-9, w = 0.5}) the sum is written and the width reads back an ulp off.
     */
    static double upper(double x, double w) {
        double sum = x + w;
        for (double c : new double[] {sum, Math.nextDown(sum), Math.nextUp(sum)}) {
            if (c - x == w) {
                for (int digits = 1; digits < 17; digits++) {
                    double v = new BigDecimal(c).round(new MathContext(digits)).doubleValue();
                    if (v - x == w) {
                        return v;
                    }
                }
                return c;
            }
        }
        return sum;
    }

    private Seg segment(String text, TextSpan s, String name, JsonObject ext, String where) {
        int length = text.codePointCount(0, text.length());
        if (s.end() > length) {
            ctx.loss(LossCode.DROPPED_GEOMETRY, where, "span [" + s.start() + ", " + s.end() + ") reaches past the end of"
                    + " the text (" + length + " code points)");
            return null;
        }
        String covered = new TextContent(text, List.of(), List.of(), false).slice(s.start(), s.end());
        if (!covered.equals(s.text())) {
            ctx.loss(VertexFormat.SPAN_TEXT_MISMATCH, where, "span [" + s.start() + ", " + s.end() + ") says '" + s.text()
                    + "' but the text there is '" + covered + "': the offsets were written");
        }
        OffsetUnit unit = settings.unit();
        long start = unit.fromCodePoints(text, s.start());
        long end;
        if (settings.inclusiveEnd()) {
            if (s.end() == s.start()) {
                ctx.loss(LossCode.DEGENERATE, where, "an empty span has no inclusive end offset");
                return null;
            }
            end = unit.fromCodePoints(text, s.end() - 1);
        } else {
            end = unit.fromCodePoints(text, s.end());
        }
        return new Seg(name, start, end, ext);
    }

    // ---------------------------------------------------------------- JSON Lines

    private int writeJson(Item item, JsonObject ext, boolean image, String ref, String mlUse, List<Label> tags,
                          List<NBox> boxes, List<Seg> segments) {
        JsonGenerator g = json;
        g.writeStartObject();
        g.writeName(image ? "imageGcsUri" : textInline(item) ? "textContent" : "textGcsUri");
        g.writeString(ref);
        boolean array = tags.size() > 1 || ext.object(ForeignFields.DERIVED).get("labelsAsArray") != null;
        if (array) {
            g.writeName("classificationAnnotations");
            g.writeStartArray();
            for (Label t : tags) {
                writeLabel(g, t);
            }
            g.writeEndArray();
        } else if (tags.size() == 1) {
            g.writeName("classificationAnnotation");
            writeLabel(g, tags.get(0));
        }
        if (!boxes.isEmpty()) {
            g.writeName("boundingBoxAnnotations");
            g.writeStartArray();
            for (NBox b : boxes) {
                g.writeStartObject();
                g.writeName("displayName");
                g.writeString(b.name());
                coordinate(g, "xMin", b.xMin());
                coordinate(g, "yMin", b.yMin());
                coordinate(g, "xMax", b.xMax());
                coordinate(g, "yMax", b.yMax());
                writeAnnotationExtras(g, b.ext());
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        JsonValue raw = ext.get("textSegmentAnnotations");
        if (!segments.isEmpty()) {
            g.writeName("textSegmentAnnotations");
            g.writeStartArray();
            for (Seg s : segments) {
                g.writeStartObject();
                g.writeName("startOffset");
                g.writeNumber(s.start());
                g.writeName("endOffset");
                g.writeNumber(s.end());
                g.writeName("displayName");
                g.writeString(s.name());
                writeAnnotationExtras(g, s.ext());
                g.writeEndObject();
            }
            g.writeEndArray();
        } else if (raw instanceof JsonArray a && !image && !textInline(item)) {
            g.writeName("textSegmentAnnotations");
            JsonSupport.writeValue(g, a);
        }
        JsonObject labels = ext.object("dataItemResourceLabels");
        if (mlUse != null || !labels.isEmpty()) {
            g.writeName("dataItemResourceLabels");
            g.writeStartObject();
            if (mlUse != null) {
                g.writeName(MlUse.LABEL);
                g.writeString(mlUse);
            }
            JsonSupport.writeMembers(g, labels);
            g.writeEndObject();
        }
        JsonSupport.writeMembers(g, ext.object("extra"));
        g.writeEndObject();
        return tags.size() + boxes.size() + segments.size();
    }

    private static void writeLabel(JsonGenerator g, Label t) {
        g.writeStartObject();
        g.writeName("displayName");
        g.writeString(t.name());
        writeAnnotationExtras(g, t.ext());
        g.writeEndObject();
    }

    private static void writeAnnotationExtras(JsonGenerator g, JsonObject ext) {
        JsonObject labels = ext.object("annotationResourceLabels");
        if (!labels.isEmpty()) {
            g.writeName("annotationResourceLabels");
            JsonSupport.writeValue(g, labels);
        }
        JsonSupport.writeMembers(g, ext.object("extra"));
    }

    private static void coordinate(JsonGenerator g, String name, double v) {
        g.writeName(name);
        JsonSupport.writeCoordinate(g, v);
    }

    // ---------------------------------------------------------------- CSV

    private int writeCsv(Item item, JsonObject ext, boolean image, String ref, String mlUse, List<Label> tags,
                         List<NBox> boxes, List<Seg> segments, String where) {
        reportCsvExtras(item, ext, tags, boxes, segments, where);
        if (!image) {
            if (!segments.isEmpty() || ext.get("textSegmentAnnotations") != null) {
                ctx.loss(LossCode.DROPPED_GEOMETRY, where, "the CSV flavour holds no text segments (flavour=jsonl keeps them)");
            }
            row(mlUse, ref, labels(tags));
            return tags.size();
        }
        if (task == null && (!boxes.isEmpty() || !tags.isEmpty())) {
            task = boxes.isEmpty() ? "classification" : "detection";
        }
        if ("detection".equals(task)) {
            if (!tags.isEmpty()) {
                ctx.loss(LossCode.DROPPED_GEOMETRY, where, tags.size() + " image label(s) dropped: a detection CSV row"
                        + " is a box (flavour=jsonl keeps both)");
            }
            if (boxes.isEmpty()) {
                List<String> cells = new ArrayList<>();
                for (int i = 0; i < EMPTY_BOX_COLUMNS; i++) {
                    cells.add("");
                }
                row(mlUse, ref, cells);
            }
            for (NBox b : boxes) {
                row(mlUse, ref, boxCells(b));
            }
            return boxes.size();
        }
        if (!boxes.isEmpty()) {
            ctx.loss(LossCode.DROPPED_GEOMETRY, where, boxes.size() + " box(es) dropped: a classification CSV holds"
                    + " labels only (flavour=jsonl keeps both)");
        }
        row(mlUse, ref, labels(tags));
        return tags.size();
    }

    private void reportCsvExtras(Item item, JsonObject ext, List<Label> tags, List<NBox> boxes, List<Seg> segments,
                                 String where) {
        boolean extras = !ext.object("dataItemResourceLabels").isEmpty() || !ext.object("extra").isEmpty();
        for (Label t : tags) {
            extras |= !t.ext().object("annotationResourceLabels").isEmpty() || !t.ext().object("extra").isEmpty();
        }
        for (NBox b : boxes) {
            extras |= !b.ext().object("annotationResourceLabels").isEmpty() || !b.ext().object("extra").isEmpty();
        }
        for (Seg s : segments) {
            extras |= !s.ext().object("annotationResourceLabels").isEmpty() || !s.ext().object("extra").isEmpty();
        }
        if (extras) {
            ctx.loss(LossCode.DROPPED_FIELD, where, "the CSV flavour has no resource labels or other JSON fields");
        }
    }

    private static List<String> labels(List<Label> tags) {
        List<String> cells = new ArrayList<>(tags.size());
        for (Label t : tags) {
            cells.add(t.name());
        }
        return cells;
    }

    private static List<String> boxCells(NBox b) {
        String x0 = number(b.xMin());
        String y0 = number(b.yMin());
        String x1 = number(b.xMax());
        String y1 = number(b.yMax());
        JsonValue vertices = b.ext().object(ForeignFields.DERIVED).get("vertices");
        if (vertices != null && vertices.toString().equals("4")) {
            return List.of(b.name(), x0, y0, x1, y0, x1, y1, x0, y1);
        }
        return List.of(b.name(), x0, y0, "", "", x1, y1, "", "");
    }

    /** The shortest decimal that reads back to {@code v}, without an exponent. */
    static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    private void row(String mlUse, String ref, List<String> cells) {
        try {
            if (mlUse != null) {
                csv.print(mlUse);
            }
            csv.print(ref);
            for (String c : cells) {
                csv.print(c);
            }
            csv.println();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void finish() {
        try {
            if (json != null) {
                if (any) {
                    json.writeRaw('\n');
                }
                json.close();
                json = null;
            }
            if (csv != null) {
                csv.close(true);
                csv = null;
            }
            if (out != null) {
                out.close();
                out = null;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (json != null) {
                json.close();
            }
            if (csv != null) {
                csv.close();
            }
            if (out != null) {
                out.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            json = null;
            csv = null;
            out = null;
        }
    }
}
