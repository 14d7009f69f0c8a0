package dev.labelport.formats.comprehend;

import dev.labelport.error.InvalidInputException;
import dev.labelport.error.LimitExceededException;
import dev.labelport.error.Location;
import dev.labelport.json.JsonObject;
import dev.labelport.model.Annotation;
import dev.labelport.model.Category;
import dev.labelport.model.DatasetHeader;
import dev.labelport.model.Id;
import dev.labelport.model.Item;
import dev.labelport.model.Tag;
import dev.labelport.model.TextContent;
import dev.labelport.spi.AnnotationSource;
import dev.labelport.spi.ReadContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/** The classifier CSV: {@code label,text} rows, no header; labels split at the delimiter become tags. Streams. */
final class ClassificationSource implements AnnotationSource {
    static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(true).get();

    private final ReadContext ctx;
    private final String source;
    private final String delimiter;
    private final TextFiles.Rows rows;
    private final DatasetHeader header;
    private final Map<String, Category> categories = new HashMap<>();
    private long items;
    private boolean closed;

    ClassificationSource(Path file, String source, ReadContext ctx, ComprehendFormat.Settings s) {
        this.ctx = ctx;
        this.source = source;
        this.delimiter = s.labelDelimiter();
        this.rows = new TextFiles.Rows(file, source, FORMAT, ctx.limits().maxLineLength());
        JsonObject ext = JsonObject.builder().put("task", "classification").put("labelDelimiter", delimiter).build();
        this.header = new DatasetHeader(null, ComprehendFormat.ID, null, List.of(), JsonObject.builder().put(ComprehendFormat.ID, ext).build());
    }

    @Override
    public DatasetHeader header() {
        return header;
    }

    @Override
    public Item next() {
        while (!closed) {
            CSVRecord r = rows.next();
            if (r == null) {
                return null;
            }
            Location at = Location.ofLine(source, rows.line());
            try {
                return item(r, at);
            } catch (InvalidInputException e) {
                ctx.invalid(e);
            }
        }
        return null;
    }

    private Item item(CSVRecord r, Location at) {
        if (r.size() != 2) {
            throw new InvalidInputException(at, "expected 2 columns (label, text), found " + r.size()
                    + (r.size() > 2 ? ": quote the text when it holds commas" : ""));
        }
        List<Annotation> anns = new ArrayList<>();
        String labels = r.get(0);
        if (!labels.isEmpty()) {
            int from = 0;
            while (true) {
                int d = labels.indexOf(delimiter, from);
                String label = labels.substring(from, d < 0 ? labels.length() : d);
                if (label.isEmpty()) {
                    throw new InvalidInputException(at, "an empty label in '" + Spans.excerpt(labels) + "' (label-delimiter "
                            + delimiter + ")");
                }
                anns.add(Annotation.builder(Tag.INSTANCE).category(category(label, at)).build());
                if (d < 0) {
                    break;
                }
                from = d + delimiter.length();
            }
        }
        return Item.text(Id.of(++items), TextContent.of(r.get(1))).annotations(anns).build();
    }

    private Category category(String name, Location at) {
        Category c = categories.get(name);
        if (c == null) {
            if (categories.size() >= ctx.limits().maxCategories()) {
                throw new LimitExceededException(at, "more than " + ctx.limits().maxCategories() + " classes (Limits.maxCategories)");
            }
            c = Category.of(Id.of(name), name);
            categories.put(name, c);
        }
        return c;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            rows.close();
        }
    }
}
