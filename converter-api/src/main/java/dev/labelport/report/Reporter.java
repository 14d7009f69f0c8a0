package dev.labelport.report;

import dev.labelport.error.Location;
import dev.labelport.error.StrictLossException;
import dev.labelport.model.Annotation;
import dev.labelport.model.Item;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Collects counts and losses while one conversion runs; readers and writers report into it.
 * Not thread-safe: one conversion, one reporter. In strict mode the first
 * {@link LossCode.Severity#LOSS loss} throws {@link StrictLossException}.
 */
public final class Reporter {
    /** Examples kept per loss code, each with a different detail. */
    public static final int MAX_EXAMPLES = 8;

    private final boolean strict;
    private long itemsRead;
    private long itemsWritten;
    private long annotationsRead;
    private long annotationsWritten;
    private final Map<String, Long> categoryCounts = new TreeMap<>();
    private final Map<String, Long> kindCounts = new TreeMap<>();
    private final Map<String, Acc> losses = new LinkedHashMap<>();

    public Reporter(boolean strict) {
        this.strict = strict;
    }

    public boolean strict() {
        return strict;
    }

    /** Records a loss; throws {@link StrictLossException} in strict mode when the code is a loss. */
    public void loss(LossCode code, Location where, String detail) {
        Acc acc = losses.computeIfAbsent(code.code(), k -> new Acc(code));
        acc.count++;
        if (acc.examples.size() < MAX_EXAMPLES && acc.examples.stream().noneMatch(e -> e.detail().equals(detail))) {
            // distinct details first: five times "coco.license has no place in avala" would hide
            // that coco_url and date_captured were dropped too
            acc.examples.add(new LossEntry.Example(where == null ? Location.UNKNOWN.toString() : where.toString(), detail));
        }
        if (strict && code.severity() == LossCode.Severity.LOSS) {
            throw new StrictLossException(code.code(), where, detail);
        }
    }

    /** Counts one item as read, with its annotations per category and geometry kind. */
    public void itemRead(Item item) {
        itemsRead++;
        for (Annotation a : item.annotations()) {
            annotationsRead++;
            String cat = a.category() == null ? "(none)" : a.category().name();
            categoryCounts.merge(cat, 1L, Long::sum);
            kindCounts.merge(a.geometry().kind().label(), 1L, Long::sum);
        }
    }

    /** Counts what a writer wrote. */
    public void written(long items, long annotations) {
        itemsWritten += items;
        annotationsWritten += annotations;
    }

    public long lossCount(String code) {
        Acc acc = losses.get(code);
        return acc == null ? 0 : acc.count;
    }

    public ConversionReport build(String from, String to) {
        List<LossEntry> entries = new ArrayList<>();
        for (Acc acc : losses.values()) {
            entries.add(new LossEntry(acc.code, acc.count, acc.examples));
        }
        return new ConversionReport(from, to, strict, itemsRead, itemsWritten, annotationsRead, annotationsWritten,
                categoryCounts, kindCounts, entries);
    }

    private static final class Acc {
        final LossCode code;
        long count;
        final List<LossEntry.Example> examples = new ArrayList<>(MAX_EXAMPLES);

        Acc(LossCode code) {
            this.code = code;
        }
    }
}
