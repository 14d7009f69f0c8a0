package dev.labelport.formats.comprehend;

import dev.labelport.error.InvalidInputException;
import dev.labelport.error.Location;
import dev.labelport.json.JsonObject;
import dev.labelport.model.Annotation;
import dev.labelport.model.Id;
import dev.labelport.model.Item;
import dev.labelport.model.Tag;
import dev.labelport.model.TextContent;
import dev.labelport.spi.ReadContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/** The classifier CSV: {@code label,text} rows, no header; labels split at the delimiter become tags. Streams. */
final class ClassificationSource extends RowSource {
    static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(true).get();

    private final String delimiter;

    ClassificationSource(Path file, String source, ReadContext ctx, ComprehendFormat.Settings s) {
        super(file, source, ctx, FORMAT, "classes",
                JsonObject.builder().put("task", "classification").put("labelDelimiter", s.labelDelimiter()).build());
        this.delimiter = s.labelDelimiter();
    }

    @Override
    Item item(CSVRecord r, Location at, long id) {
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
                anns.add(Annotation.builder(Tag.INSTANCE).category(categories.get(label, at)).build());
                if (d < 0) {
                    break;
                }
                from = d + delimiter.length();
            }
        }
        return Item.text(Id.of(id), TextContent.of(r.get(1))).annotations(anns).build();
    }
}
