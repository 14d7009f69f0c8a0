package dev.labelport.formats.comprehend;

import dev.labelport.error.InvalidInputException;
import dev.labelport.error.Location;
import dev.labelport.json.JsonObject;
import dev.labelport.model.DatasetHeader;
import dev.labelport.model.Item;
import dev.labelport.spi.AnnotationSource;
import dev.labelport.spi.ReadContext;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/** A CSV read one item per row (classifier CSV, entity list): streams, skips invalid rows under the lenient policy. */
abstract class RowSource implements AnnotationSource {
    final ReadContext ctx;
    final String source;
    final Categories categories;
    private final TextFiles.Rows rows;
    private final DatasetHeader header;
    private long items;
    private boolean closed;

    RowSource(Path file, String source, ReadContext ctx, CSVFormat format, String categoryNoun, JsonObject ext) {
        this.ctx = ctx;
        this.source = source;
        this.categories = new Categories(ctx, categoryNoun);
        this.rows = new TextFiles.Rows(file, source, format, ctx.limits().maxLineLength());
        this.header = Categories.header(List.of(), ext);
    }

    /** Reads (and drops) the header row. */
    final void skipHeader() {
        rows.next();
    }

    /** The item of a row, or an {@link InvalidInputException} located at {@code at}. */
    abstract Item item(CSVRecord r, Location at, long id);

    @Override
    public final DatasetHeader header() {
        return header;
    }

    @Override
    public final Item next() {
        while (!closed) {
            CSVRecord r = rows.next();
            if (r == null) {
                return null;
            }
            try {
                Item item = item(r, Location.ofLine(source, rows.line()), items + 1);
                items++;
                return item;
            } catch (InvalidInputException e) {
                ctx.invalid(e);
            }
        }
        return null;
    }

    @Override
    public final void close() {
        if (!closed) {
            closed = true;
            rows.close();
        }
    }
}
