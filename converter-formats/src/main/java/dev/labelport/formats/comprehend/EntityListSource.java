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
import dev.labelport.model.TextContent;
import dev.labelport.model.TextSpan;
import dev.labelport.report.LossCode;
import dev.labelport.spi.AnnotationSource;
import dev.labelport.spi.ReadContext;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVRecord;

/**
 * An entity list ({@code Text, Type}): one item per row whose text is the entity and whose one
 * span covers all of it, so the span's text is the listed text by construction. Streams.
 */
final class EntityListSource implements AnnotationSource {
    private final ReadContext ctx;
    private final String source;
    private final TextFiles.Rows rows;
    private final DatasetHeader header;
    private final Map<String, Category> categories = new HashMap<>();
    private long items;
    private boolean noted;
    private boolean closed;

    EntityListSource(Path file, String source, ReadContext ctx) {
        this.ctx = ctx;
        this.source = source;
        this.rows = new TextFiles.Rows(file, source, EntityCsvSource.FORMAT, ctx.limits().maxLineLength());
        rows.next(); // the header, checked by Sniff
        JsonObject ext = JsonObject.builder().put("task", "entities").put("flavour", "entity-list").build();
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
            if (r.size() != 2 || r.get(0).isEmpty() || r.get(1).isEmpty()) {
                ctx.invalid(new InvalidInputException(at, "expected a non-empty Text and Type, found " + r.size() + " columns"));
                continue;
            }
            if (!noted) {
                noted = true;
                ctx.reporter().loss(LossCode.SYNTHESISED, Location.of(source),
                        "an entity list has no documents: each row is read as an item whose text is the entity, one span over it");
            }
            String text = r.get(0);
            TextSpan span = new TextSpan(0, text.codePointCount(0, text.length()), text);
            return Item.text(Id.of(++items), TextContent.of(text))
                    .annotations(List.of(Annotation.builder(span).category(category(r.get(1), at)).build())).build();
        }
        return null;
    }

    private Category category(String name, Location at) {
        Category c = categories.get(name);
        if (c == null) {
            if (categories.size() >= ctx.limits().maxCategories()) {
                throw new LimitExceededException(at, "more than " + ctx.limits().maxCategories() + " entity types (Limits.maxCategories)");
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
