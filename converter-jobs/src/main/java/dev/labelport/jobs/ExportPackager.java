package dev.labelport.jobs;

import dev.labelport.ConversionInput;
import dev.labelport.ConversionListener;
import dev.labelport.ConversionOptions;
import dev.labelport.ConversionOutput;
import dev.labelport.Labelport;
import dev.labelport.Limits;
import dev.labelport.internal.JsonSupport;
import dev.labelport.model.Annotation;
import dev.labelport.model.Annotator;
import dev.labelport.model.Item;
import dev.labelport.report.ConversionReport;
import dev.labelport.spi.AnnotationSource;
import dev.labelport.spi.FormatDescriptor;
import dev.labelport.spi.FormatOptions;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;

/**
 * Writes one job's package: a zip holding
 *
 * <ul>
 *   <li>{@code latest/}: the scope's latest state after the filters, in the job's format (a file
 *       format as {@code latest/<name>.<ext>}, a folder format as its files under {@code latest/});
 *   <li>{@code annotators/<labeler>/}: each labeler's work in the same format (unless the export is
 *       of a single item or {@link ExportFilters#perAnnotator()} is off): the items where that
 *       labeler made at least one annotation, holding only that labeler's annotations (an
 *       annotation with no annotator of its own belongs to its item's annotator);
 *   <li>{@code manifest.json}: the check values.
 * </ul>
 *
 * The scope is read once for the latest state and once more per labeler; memory stays the
 * conversion's own plus the per-label and per-labeler counters.
 */
final class ExportPackager {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    /** Counts of one pass, as it goes. */
    interface Progress {
        void counts(long itemsRead, long itemsWritten);
    }

    record Result(String reportJson, long items, long annotations) {
    }

    private final Labelport labelport;
    private final String version;

    ExportPackager(Labelport labelport, String version) {
        this.labelport = labelport;
        this.version = version;
    }

    /** {@code <uid>_<UTC yyyyMMddTHHmmssZ>_<name>.zip}, the name reduced to letters, digits, {@code . _ -}. */
    static String fileName(ExportJob job) {
        return job.uid() + "_" + STAMP.format(job.createdAt()) + "_" + safe(job.name(), 80) + ".zip";
    }

    static String safe(String s, int max) {
        StringBuilder sb = new StringBuilder();
        s.codePoints().forEach(c -> sb.append(c < 128 && (Character.isLetterOrDigit(c) || c == '.' || c == '-' || c == '_') ? (char) c : '_'));
        String out = sb.length() > max ? sb.substring(0, max) : sb.toString();
        return out.isEmpty() || out.chars().allMatch(c -> c == '.') ? "_" : out;
    }

    Result write(ExportJob job, Supplier<AnnotationSource> scope, Path zipFile, Progress progress) throws IOException {
        Predicate<Item> keep = ItemFilters.items(job.filters()).and(FilterQuery.parse(job.filterQueryString()).asPredicate());
        if (job.filters().itemRef() != null) {
            Set<String> ref = Set.of(job.filters().itemRef());
            keep = keep.and(item -> FolderDataProvider.matches(item, ref));
        }
        Function<Item, Item> rewrite = job.filters().includeRemoved() ? Function.identity() : ItemFilters::withoutRemoved;
        FormatDescriptor format = labelport.formats().require(job.format()).descriptor();
        String base = safe(job.name(), 80);
        ConversionOptions options = ConversionOptions.builder()
                .writerOptions(FormatOptions.of(writerOptions(job)))
                .build();

        try (ZipPackage zip = new ZipPackage(zipFile)) {
            Stats latest = new Stats();
            Predicate<Item> kept = keep;
            ConversionReport report = convert(zip, format, base, "latest", options,
                    new FilteredSource(scope.get(), kept, rewrite.andThen(latest)), latest, progress);

            List<Labeler> labelers = new ArrayList<>();
            boolean perAnnotator = job.filters().perAnnotator() && job.filters().itemRef() == null;
            if (perAnnotator) {
                Set<String> folders = new HashSet<>();
                for (String who : latest.annotators()) {
                    String folder = safe(who, 64);
                    for (int n = 2; !folders.add(folder.toLowerCase(Locale.ROOT)); n++) {
                        folder = safe(who, 60) + "-" + n;
                    }
                    Stats mine = new Stats();
                    AnnotationSource theirs = new FilteredSource(scope.get(), kept.and(item -> madeBy(item, who)),
                            rewrite.andThen(item -> onlyBy(item, who)).andThen(mine));
                    convert(zip, format, base, "annotators/" + folder, options, theirs, mine, (r, w) -> { });
                    labelers.add(new Labeler(who, folder, mine));
                }
            }
            try (OutputStream out = zip.entry("manifest.json")) {
                out.write(manifest(job, format, latest, labelers, report).getBytes(StandardCharsets.UTF_8));
            }
            return new Result(report.toJson(), latest.items, latest.annotations);
        }
    }

    private ConversionReport convert(ZipPackage zip, FormatDescriptor format, String base, String prefix,
                                     ConversionOptions options, AnnotationSource source, Stats stats, Progress progress)
            throws IOException {
        ConversionListener listener = new ConversionListener() {
            @Override
            public void itemWritten(long items, long annotations) {
                progress.counts(stats.items, items);
            }
        };
        if (format.layout() == FormatDescriptor.Layout.DIRECTORY) {
            return labelport.conversion(ConversionInput.of(source, ConversionInput.HOST), ConversionOutput.of(zip.folder(prefix, prefix)))
                    .to(format.id()).options(options).listener(listener).run();
        }
        String ext = format.fileExtensions().isEmpty() ? "" : format.fileExtensions().get(0);
        String name = prefix + "/" + base + (ext.isEmpty() || ext.startsWith(".") ? ext : "." + ext);
        try (OutputStream out = zip.entry(name)) {
            return labelport.conversion(ConversionInput.of(source, ConversionInput.HOST), ConversionOutput.of(out).named(name))
                    .to(format.id()).options(options).listener(listener).run();
        }
    }

    private static Map<String, String> writerOptions(ExportJob job) {
        return job.writerOptions();
    }

    /** Who made an annotation: its own annotator, else its item's; name before id. */
    static String who(Annotation a, Item item) {
        Annotator who = a.annotator() != null ? a.annotator() : item.annotator();
        if (who == null) {
            return null;
        }
        return who.name() != null && !who.name().isBlank() ? who.name() : who.id();
    }

    private static boolean madeBy(Item item, String labeler) {
        for (Annotation a : item.annotations()) {
            if (labeler.equals(who(a, item))) {
                return true;
            }
        }
        return false;
    }

    private static Item onlyBy(Item item, String labeler) {
        List<Annotation> mine = item.annotations().stream().filter(a -> labeler.equals(who(a, item))).toList();
        return mine.size() == item.annotations().size() ? item : item.toBuilder().annotations(mine).build();
    }

    /**
     * Counts the items that pass through it (as the last step of a rewrite). Hot: one call per
     * item, so labels are counted by category identity, kinds in an array, and the names are
     * only looked up and sorted when the manifest is written.
     */
    static final class Stats implements Function<Item, Item> {
        long items;
        long annotations;
        private final Map<Object, long[]> byCategory = new java.util.IdentityHashMap<>();
        private final long[] byKind = new long[dev.labelport.model.GeometryKind.values().length];
        private final Map<String, long[]> byAnnotator = new java.util.HashMap<>();
        private static final Object NONE = new Object();

        @Override
        public Item apply(Item item) {
            items++;
            for (Annotation a : item.annotations()) {
                annotations++;
                byCategory.computeIfAbsent(a.category() == null ? NONE : a.category(), k -> new long[1])[0]++;
                byKind[a.geometry().kind().ordinal()]++;
                String who = who(a, item);
                if (who != null) {
                    byAnnotator.computeIfAbsent(who, k -> new long[1])[0]++;
                }
            }
            return item;
        }

        Map<String, Long> perLabel() {
            Map<String, Long> out = new TreeMap<>();
            byCategory.forEach((c, n) -> out.merge(c == NONE ? "" : ((dev.labelport.model.Category) c).name(), n[0], Long::sum));
            return out;
        }

        Map<String, Long> perKind() {
            Map<String, Long> out = new TreeMap<>();
            for (dev.labelport.model.GeometryKind k : dev.labelport.model.GeometryKind.values()) {
                if (byKind[k.ordinal()] > 0) {
                    out.put(k.label(), byKind[k.ordinal()]);
                }
            }
            return out;
        }

        /** The labelers seen, sorted. */
        java.util.SortedSet<String> annotators() {
            return new java.util.TreeSet<>(byAnnotator.keySet());
        }
    }

    private record Labeler(String name, String folder, Stats stats) {
    }

    private String manifest(ExportJob job, FormatDescriptor format, Stats latest, List<Labeler> labelers, ConversionReport report) {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = JsonSupport.factory(Limits.DEFAULTS).createGenerator(ObjectWriteContext.empty(), w)) {
            g.writeStartObject();
            g.writeStringProperty("labelport_version", version);
            g.writeStringProperty("export_uid", job.uid().toString());
            g.writeStringProperty("name", job.name());
            g.writeStringProperty("format", format.id());
            g.writeStringProperty("created_at", job.createdAt().toString());
            g.writeStringProperty("packaged_at", Instant.now().toString());
            g.writeName("scope");
            g.writeStartObject();
            ExportJob.strings(g, "datasets", job.datasets());
            ExportJob.strings(g, "projects", job.projects());
            ExportJob.strings(g, "slices", job.slices());
            g.writeEndObject();
            g.writeName("filters");
            g.writeStartObject();
            ExportJob.strings(g, "statuses", job.filters().statuses());
            g.writeName("updated_after");
            if (job.filters().updatedAfterMillis() == null) {
                g.writeNull();
            } else {
                g.writeNumber(job.filters().updatedAfterMillis());
            }
            g.writeBooleanProperty("include_incomplete", job.filters().includeIncomplete());
            g.writeBooleanProperty("include_removed", job.filters().includeRemoved());
            g.writeName("item");
            g.writeString(job.filters().itemRef());
            g.writeName("filter_query_string");
            g.writeString(job.filterQueryString());
            g.writeEndObject();
            g.writeName("latest");
            g.writeStartObject();
            counts(g, latest);
            g.writeEndObject();
            g.writeName("annotators");
            g.writeStartArray();
            for (Labeler l : labelers) {
                g.writeStartObject();
                g.writeStringProperty("name", l.name());
                g.writeStringProperty("folder", "annotators/" + l.folder() + "/");
                counts(g, l.stats());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeName("report");
            g.writeRawValue(report.toJson());
            g.writeEndObject();
        }
        return w.toString();
    }

    private static void counts(JsonGenerator g, Stats s) {
        g.writeNumberProperty("item_count", s.items);
        g.writeNumberProperty("annotation_count", s.annotations);
        map(g, "annotations_per_label", s.perLabel());
        map(g, "annotations_per_kind", s.perKind());
    }

    private static void map(JsonGenerator g, String name, Map<String, Long> m) {
        g.writeName(name);
        g.writeStartObject();
        m.forEach((k, v) -> g.writeNumberProperty(k, v));
        g.writeEndObject();
    }
}
