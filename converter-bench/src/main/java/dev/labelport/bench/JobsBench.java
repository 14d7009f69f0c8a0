package dev.labelport.bench;

import dev.labelport.ConversionInput;
import dev.labelport.ConversionOutput;
import dev.labelport.Labelport;
import dev.labelport.jobs.DataProvider;
import dev.labelport.jobs.ExportFilters;
import dev.labelport.jobs.ExportJob;
import dev.labelport.jobs.ExportJobs;
import dev.labelport.jobs.ExportRequest;
import dev.labelport.jobs.JobStatus;
import dev.labelport.model.Annotation;
import dev.labelport.model.Annotator;
import dev.labelport.model.Box;
import dev.labelport.model.Category;
import dev.labelport.model.DatasetHeader;
import dev.labelport.model.Id;
import dev.labelport.model.Item;
import dev.labelport.spi.AnnotationSource;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Export-job overhead, measured side by side in one JVM: {@code jobs [--annotations 1000000] [--small-jobs 1000]}.
 *
 * <ol>
 *   <li>one job of {@code --annotations} boxes (5 per item) to COCO, latest state only, against the
 *       same conversion run bare into a zip entry (what the job's package holds) and into a file;
 *   <li>{@code --small-jobs} jobs of 10 items queued at once, against the same conversions run bare
 *       one after another.
 * </ol>
 * Each pair is run three times alternating; the table gives the best of three and the ratio, and
 * the peak heap of each (the heap pools' peak usage, reset before each run, after a GC).
 */
final class JobsBench {
    private static final Category[] CATEGORIES = new Category[10];

    static {
        for (int c = 0; c < CATEGORIES.length; c++) {
            CATEGORIES[c] = Category.of(Id.of(c + 1), "class" + c);
        }
    }

    private JobsBench() {
    }

    /** Generated items: {@code items} items of 5 boxes each, labelers a/b/c. */
    private record Generated(int items) implements DataProvider {
        @Override
        public boolean exists(ScopeKind kind, String uid) {
            return kind == ScopeKind.DATASET;
        }

        @Override
        public AnnotationSource open(ScopeKind kind, String uid) {
            return source(items);
        }
    }

    static AnnotationSource source(int items) {
        return new AnnotationSource() {
            private int next;

            @Override
            public DatasetHeader header() {
                return DatasetHeader.of(List.of(CATEGORIES));
            }

            @Override
            public Item next() {
                if (next >= items) {
                    return null;
                }
                int i = next++;
                List<Annotation> anns = new ArrayList<>(5);
                for (int a = 0; a < 5; a++) {
                    anns.add(Annotation.builder(new Box(a * 10 + i % 7, 20 + a, 30.5, 40.25)).id(Id.of(i * 5L + a))
                            .category(CATEGORIES[(i + a) % CATEGORIES.length]).build());
                }
                return Item.image(Id.of(i + 1)).fileName("img" + i + ".jpg").size(640, 480)
                        .annotator(new Annotator(null, "abc".substring(i % 3, i % 3 + 1))).annotations(anns).build();
            }

            @Override
            public void close() {
            }
        };
    }

    static void main(Args args) throws Exception {
        long annotations = args.getLong("annotations", 1_000_000);
        int small = (int) args.getLong("small-jobs", 1000);
        int items = (int) (annotations / 5);
        Path work = Files.createTempDirectory("labelport-jobs-bench");
        Labelport lp = Labelport.create();
        System.out.printf("one job of %,d annotations (%,d items) to COCO; %d small jobs of 10 items%n", annotations, items, small);
        long[] bestBare = {Long.MAX_VALUE, 0};
        long[] bestBareFile = {Long.MAX_VALUE, 0};
        long[] bestJob = {Long.MAX_VALUE, 0};
        for (int round = 0; round < 3; round++) {
            measure(bestBare, () -> {
                Path zip = work.resolve("bare.zip");
                try (ZipOutputStream z = new ZipOutputStream(new BufferedOutputStream(Files.newOutputStream(zip), 1 << 16))) {
                    z.setLevel(Deflater.BEST_SPEED);
                    z.putNextEntry(new ZipEntry("latest/bench.json"));
                    lp.conversion(ConversionInput.of(source(items), ConversionInput.HOST), ConversionOutput.of(z)).to("coco").run();
                    z.closeEntry();
                }
                Files.delete(zip);
            });
            measure(bestBareFile, () -> {
                Path f = work.resolve("bare.json");
                lp.conversion(ConversionInput.of(source(items), ConversionInput.HOST), ConversionOutput.of(f)).to("coco").run();
                Files.delete(f);
            });
            Path state = work.resolve("state-" + round);
            try (ExportJobs jobs = ExportJobs.builder().dataProvider(new Generated(items)).workDirectory(state).workers(1).build()) {
                measure(bestJob, () -> {
                    ExportJob j = jobs.create(ExportRequest.builder().name("bench").format("coco").datasets(List.of("d"))
                            .filters(ExportFilters.DEFAULTS.withPerAnnotator(false)).build());
                    ExportJob done = jobs.await(j.uid(), Duration.ofHours(1), Duration.ofMillis(5));
                    if (done.status() != JobStatus.EXPORTED) {
                        throw new IllegalStateException(done.status() + ": " + done.error());
                    }
                });
            }
        }
        System.out.printf("%-44s %10s %10s %12s%n", "run (best of 3)", "ms", "ratio", "peak heap MB");
        row("bare conversion into a zip entry", bestBare, bestBare[0]);
        row("bare conversion into a file", bestBareFile, bestBare[0]);
        row("export job (package, manifest, file store)", bestJob, bestBare[0]);

        long[] bareSmall = {Long.MAX_VALUE, 0};
        long[] jobsSmall = {Long.MAX_VALUE, 0};
        for (int round = 0; round < 3; round++) {
            measure(bareSmall, () -> {
                for (int k = 0; k < small; k++) {
                    lp.conversion(ConversionInput.of(source(10), ConversionInput.HOST), ConversionOutput.of(OutputStream.nullOutputStream()))
                            .to("coco").run();
                }
            });
            Path state = work.resolve("small-" + round);
            try (ExportJobs jobs = ExportJobs.builder().dataProvider(new Generated(10)).workDirectory(state)
                    .queueLimit(small).build()) {
                measure(jobsSmall, () -> {
                    List<ExportJob> all = new ArrayList<>();
                    for (int k = 0; k < small; k++) {
                        all.add(jobs.create(ExportRequest.builder().name("small " + k).format("coco").datasets(List.of("d")).build()));
                    }
                    for (ExportJob j : all) {
                        ExportJob done = jobs.await(j.uid(), Duration.ofHours(1), Duration.ofMillis(5));
                        if (done.status() != JobStatus.EXPORTED) {
                            throw new IllegalStateException(done.status() + ": " + done.error());
                        }
                    }
                });
            }
        }
        row(small + " bare conversions, one after another", bareSmall, bareSmall[0]);
        row(small + " jobs queued at once (" + Runtime.getRuntime().availableProcessors() + " workers)", jobsSmall, bareSmall[0]);
    }

    private interface Run {
        void run() throws Exception;
    }

    private static void measure(long[] best, Run r) throws Exception {
        System.gc();
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP).toList();
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);
        long t0 = System.nanoTime();
        r.run();
        long ms = (System.nanoTime() - t0) / 1_000_000;
        long peak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        best[0] = Math.min(best[0], ms);
        best[1] = Math.max(best[1], peak);
    }

    private static void row(String name, long[] m, long base) {
        System.out.printf("%-44s %10d %10.3f %12.1f%n", name, m[0], m[0] / (double) base, m[1] / 1048576.0);
    }
}
