package dev.labelport.formats.comprehend;

import dev.labelport.error.InvalidInputException;
import dev.labelport.error.Location;
import dev.labelport.json.JsonObject;
import dev.labelport.model.Annotation;
import dev.labelport.model.Id;
import dev.labelport.model.Item;
import dev.labelport.model.TextContent;
import dev.labelport.model.TextSpan;
import dev.labelport.report.LossCode;
import dev.labelport.spi.ReadContext;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.csv.CSVRecord;

/**
 * An entity list ({@code Text, Type}): one item per row whose text is the entity and whose one
 * span covers all of it, so the span's text is the listed text by construction. Streams.
 */
final class EntityListSource extends RowSource {
    private boolean noted;

    EntityListSource(Path file, String source, ReadContext ctx) {
        super(file, source, ctx, EntityCsvSource.FORMAT, "entity types",
                JsonObject.builder().put("task", "entities").put("flavour", "entity-list").build());
        try {
            skipHeader(); // checked by Sniff
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    @Override
    Item item(CSVRecord r, Location at, long id) {
        if (r.size() != 2 || r.get(0).isEmpty() || r.get(1).isEmpty()) {
            throw new InvalidInputException(at, "expected a non-empty Text and Type, found " + r.size() + " columns");
        }
        if (!noted) {
            noted = true;
            ctx.reporter().loss(LossCode.SYNTHESISED, Location.of(source),
                    "an entity list has no documents: each row is read as an item whose text is the entity, one span over it");
        }
        String text = r.get(0);
        TextSpan span = new TextSpan(0, text.codePointCount(0, text.length()), text);
        return Item.text(Id.of(id), TextContent.of(text))
                .annotations(List.of(Annotation.builder(span).category(categories.get(r.get(1), at)).build())).build();
    }
}
