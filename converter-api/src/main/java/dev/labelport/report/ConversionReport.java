package dev.labelport.report;

import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JsonGenerator;
import dev.labelport.internal.JsonSupport;
import tools.jackson.core.json.JsonFactory;

/**
 * What a conversion did: items and annotations read and written, annotations per category and
 * per geometry kind (the check values to compare with what you expected), and every loss with a
 * code, a count and a few located examples.
 */
public record ConversionReport(String from, String to, boolean strict, long itemsRead, long itemsWritten,
                               long annotationsRead, long annotationsWritten, Map<String, Long> categories,
                               Map<String, Long> geometryKinds, List<LossEntry> losses) {

    public ConversionReport {
        categories = Map.copyOf(categories);
        geometryKinds = Map.copyOf(geometryKinds);
        losses = List.copyOf(losses);
    }

    /** True when no entry of severity {@link LossCode.Severity#LOSS} was recorded. */
    public boolean lossless() {
        return losses.stream().noneMatch(e -> e.code().severity() == LossCode.Severity.LOSS);
    }

    /** Count for a loss code, 0 when absent. */
    public long lossCount(String code) {
        return losses.stream().filter(e -> e.code().code().equals(code)).mapToLong(LossEntry::count).sum();
    }

    /**
     * The report as pretty-printed JSON with keys {@code from, to, strict, items_read, items_written,
     * annotations_read, annotations_written, categories, geometry_kinds, losses}; each loss is
     * {@code {code, severity, count, description, examples: [{location, detail}]}}.
     */
    public String toJson() {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JsonFactory.builder().build().createGenerator(
                JsonSupport.pretty(), out)) {
            g.writeStartObject();
            g.writeStringProperty("from", from);
            g.writeStringProperty("to", to);
            g.writeBooleanProperty("strict", strict);
            g.writeNumberProperty("items_read", itemsRead);
            g.writeNumberProperty("items_written", itemsWritten);
            g.writeNumberProperty("annotations_read", annotationsRead);
            g.writeNumberProperty("annotations_written", annotationsWritten);
            writeCounts(g, "categories", categories);
            writeCounts(g, "geometry_kinds", geometryKinds);
            g.writeArrayPropertyStart("losses");
            for (LossEntry e : losses) {
                g.writeStartObject();
                g.writeStringProperty("code", e.code().code());
                g.writeStringProperty("severity", e.code().severity().name().toLowerCase(java.util.Locale.ROOT));
                g.writeNumberProperty("count", e.count());
                g.writeStringProperty("description", e.code().description());
                g.writeArrayPropertyStart("examples");
                for (LossEntry.Example ex : e.examples()) {
                    g.writeStartObject();
                    g.writeStringProperty("location", ex.location());
                    g.writeStringProperty("detail", ex.detail());
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        return out.toString() + System.lineSeparator();
    }

    private static void writeCounts(JsonGenerator g, String name, Map<String, Long> counts) {
        g.writeObjectPropertyStart(name);
        counts.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> g.writeNumberProperty(e.getKey(), e.getValue()));
        g.writeEndObject();
    }
}
