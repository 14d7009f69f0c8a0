package dev.labelport.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labelport.Labelport;
import dev.labelport.Limits;
import dev.labelport.internal.JsonSupport;
import dev.labelport.jobs.delivery.FileStorageDelivery;
import dev.labelport.json.JsonArray;
import dev.labelport.json.JsonNumber;
import dev.labelport.json.JsonObject;
import dev.labelport.json.JsonValue;
import dev.labelport.model.Item;
import dev.labelport.spi.AnnotationSource;
import dev.labelport.spi.ReadContext;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import java.util.function.IntPredicate;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.core.JsonParser;
import tools.jackson.core.ObjectReadContext;

class ExportJobsTest {
    @TempDir
    Path work;

    private ExportJobs engine(HostData data, Consumer<ExportJobs.Builder> more) {
        ExportJobs.Builder b = ExportJobs.builder().dataProvider(data).workDirectory(work).workers(2);
        more.accept(b);
        return b.build();
    }

    private static ExportRequest.Builder request(String format) {
        return ExportRequest.builder().name("nightly cars").format(format).datasets(List.of("street"));
    }

    private static ExportJob finished(ExportJobs jobs, ExportJob job) throws InterruptedException {
        ExportJob done = jobs.await(job.uid(), Duration.ofSeconds(60), Duration.ofMillis(10));
        assertTrue(done.status().isTerminal(), "still " + done.status());
        return done;
    }

    static JsonObject json(String text) {
        try (JsonParser p = JsonSupport.factory(Limits.DEFAULTS).createParser(ObjectReadContext.empty(), text)) {
            p.nextToken();
            return (JsonObject) JsonSupport.readValue(p);
        }
    }

    private static long number(JsonObject o, String key) {
        return ((JsonNumber) o.get(key)).longValue();
    }

    private Path downloaded(ExportJobs jobs, ExportJob job) {
        FileStorageDelivery.Lookup l = jobs.download(job.uid());
        return assertInstanceOf(FileStorageDelivery.Lookup.Ready.class, l).file();
    }

    /** The items of one entry (a file format's file) of the package, read back with Labelport. */
    private List<Item> items(ZipFile zip, String entry) throws IOException {
        Path f = work.resolve("read-" + UUID.randomUUID() + entry.substring(entry.lastIndexOf('.')));
        try (InputStream in = zip.getInputStream(zip.getEntry(entry))) {
            Files.copy(in, f);
        }
        List<Item> out = new ArrayList<>();
        try (AnnotationSource s = Labelport.create().detect(f).open(f, ReadContext.of(entry))) {
            s.header();
            for (Item i = s.next(); i != null; i = s.next()) {
                out.add(i);
            }
        }
        return out;
    }

    @Test
    void aRequestIsValidatedFieldByFieldAllAtOnce() {
        try (ExportJobs jobs = engine(new HostData(3, 3), b -> { })) {
            ValidationException e = assertThrows(ValidationException.class, () -> jobs.create(ExportRequest.builder()
                    .format("x").filters(ExportFilters.DEFAULTS.withStatuses(List.of("accepted", "done")).withUpdatedAfterMillis(1733356800L))
                    .filterQueryString("annotation.label = \"car\" AND").delivery("carrier-pigeon").build()));
            Map<String, List<String>> f = e.fieldErrors();
            assertEquals(List.of("This field is required."), f.get("name"));
            assertEquals(List.of("\"x\" is not a valid choice."), f.get("format"));
            assertEquals(List.of("Give the datasets, projects or slices to export."), f.get("non_field_errors"));
            assertEquals(List.of("\"done\" is not a valid choice."), f.get("statuses"));
            assertTrue(f.get("updated_after").get(0).contains("looks like seconds"), f.toString());
            assertTrue(f.get("filter_query_string").get(0).contains("column"), f.toString());
            assertEquals(List.of("\"carrier-pigeon\" is not a valid choice."), f.get("delivery"));

            Map<String, List<String>> g = assertThrows(ValidationException.class, () -> jobs.create(request("coco")
                    .name("n".repeat(256)).writerOption("no-such-option", "1").build())).fieldErrors();
            assertEquals(List.of("Ensure this field has no more than 255 characters."), g.get("name"));
            assertTrue(g.get("writer_options").get(0).startsWith("\"no-such-option\" is not an option of coco"), g.toString());

            ScopeNotFoundException nf = assertThrows(ScopeNotFoundException.class,
                    () -> jobs.create(request("coco").datasets(List.of("nowhere")).build()));
            assertEquals("nowhere", nf.uid());
            assertThrows(JobNotFoundException.class, () -> jobs.get(UUID.randomUUID()));
            assertEquals(0, jobs.list(ListQuery.FIRST_PAGE).items().size(), "nothing was created");
        }
    }

    @Test
    void onlyOneKindOfScopeWhenTheHostAsksForIt() {
        try (ExportJobs jobs = engine(new HostData(3, 3), b -> b.singleScopeKind(true))) {
            ValidationException e = assertThrows(ValidationException.class,
                    () -> jobs.create(request("coco").projects(List.of("city")).build()));
            assertTrue(e.fieldErrors().get("non_field_errors").get(0).contains("not more than one"));
        }
    }

    @Test
    void aJobPackagesTheLatestStateEachLabelersWorkAndAManifest() throws Exception {
        int n = 40;
        List<ExportJob> seen = Collections.synchronizedList(new ArrayList<>());
        try (ExportJobs jobs = engine(new HostData(n, 0), b -> b.progressInterval(Duration.ZERO))) {
            jobs.addListener(seen::add);
            ExportJob job = jobs.create(request("coco").filters(ExportFilters.DEFAULTS.withIncludeIncomplete(true)).build());
            assertEquals(JobStatus.REQUESTED, job.status());
            assertNull(job.totalTaskCount());
            assertNull(job.downloadUrl());
            ExportJob done = finished(jobs, job);
            assertEquals(JobStatus.EXPORTED, done.status(), done.error());
            assertEquals(n, done.totalTaskCount());
            assertEquals(n, done.exportedTaskCount());
            assertTrue(done.downloadUrl().endsWith("/api/v1/exports/" + job.uid() + "/download"), done.downloadUrl());
            assertNotNull(done.downloadExpiresAt());
            assertTrue(done.fileName().matches(job.uid() + "_\\d{8}T\\d{6}Z_nightly_cars\\.zip"), done.fileName());
            assertEquals(n, number(json(done.report()), "items_written"));
            assertEquals(List.of(JobStatus.REQUESTED, JobStatus.EXPORTING), seen.stream().map(ExportJob::status).distinct().limit(2).toList());
            assertEquals(JobStatus.EXPORTED, seen.get(seen.size() - 1).status());
            assertTrue(seen.stream().anyMatch(j -> j.status() == JobStatus.EXPORTING && j.exportedTaskCount() > 0
                    && j.exportedTaskCount() < n), "live counts while exporting");

            // the removed annotations are left out by default
            IntPredicate all = i -> true;
            long expectedAnnotations = annotations(n, all, null);
            try (ZipFile zip = new ZipFile(downloaded(jobs, done).toFile())) {
                List<Item> latest = items(zip, "latest/nightly_cars.json");
                assertEquals(n, latest.size());
                assertEquals(expectedAnnotations, latest.stream().mapToLong(i -> i.annotations().size()).sum());
                JsonObject manifest = json(new String(zip.getInputStream(zip.getEntry("manifest.json")).readAllBytes(), StandardCharsets.UTF_8));
                assertEquals(job.uid().toString(), manifest.string("export_uid"));
                assertEquals("coco", manifest.string("format"));
                JsonObject counts = manifest.object("latest");
                assertEquals(n, number(counts, "item_count"));
                assertEquals(expectedAnnotations, number(counts, "annotation_count"));
                JsonObject perKind = counts.object("annotations_per_kind");
                assertEquals(expectedAnnotations, number(perKind, "box") + number(perKind, "polygon"));
                JsonObject perLabel = counts.object("annotations_per_label");
                assertEquals(expectedAnnotations, number(perLabel, "car") + number(perLabel, "bus"));
                JsonArray labelers = (JsonArray) manifest.get("annotators");
                assertEquals(HostData.LABELERS.size(), labelers.values().size());
                for (JsonValue v : labelers.values()) {
                    JsonObject l = (JsonObject) v;
                    String who = l.string("name");
                    long mine = annotations(n, all, who);
                    assertEquals(mine, number(l, "annotation_count"), who);
                    List<Item> theirs = items(zip, "annotators/" + who + "/nightly_cars.json");
                    assertEquals(mine, theirs.stream().mapToLong(i -> i.annotations().size()).sum(), who);
                    assertEquals(number(l, "item_count"), theirs.size(), who);
                }
            }
        }
    }

    /** Annotations of the items {@code keep} selects (not removed), of {@code who} only when given. */
    private static long annotations(int n, IntPredicate keep, String who) {
        long total = 0;
        for (int i = 0; i < n; i++) {
            if (!keep.test(i)) {
                continue;
            }
            for (int a = 0; a < HostData.annotationCount(i); a++) {
                if (!HostData.removed(i, a) && (who == null || who.equals(HostData.labeler(i, a)))) {
                    total++;
                }
            }
        }
        return total;
    }

    @Test
    void filtersCombine() throws Exception {
        int n = 60;
        try (ExportJobs jobs = engine(new HostData(n, 0), b -> { })) {
            // Diffgram's default: completed items only (accepted, rejected)
            assertItems(jobs, request("coco").build(), IntStream.range(0, n).filter(i -> i % 5 == 0 || i % 5 == 2).count());
            // Labellerr statuses, exact words
            assertItems(jobs, request("coco").filters(ExportFilters.DEFAULTS.withIncludeIncomplete(true)
                    .withStatuses(List.of("review", "r_assigned"))).build(), IntStream.range(0, n).filter(i -> i % 5 == 1 || i % 5 == 4).count());
            // incremental: updated strictly after item 40's time
            assertItems(jobs, request("coco").filters(ExportFilters.DEFAULTS.withIncludeIncomplete(true)
                    .withUpdatedAfterMillis(HostData.updatedMillis(40))).build(), n - 41);
            // the query language, with everything else
            assertItems(jobs, request("coco").filters(ExportFilters.DEFAULTS.withIncludeIncomplete(true))
                    .filterQueryString("metadata.weather IN (\"rain\", \"fog\") AND NOT status = \"rejected\" AND split = 'train'").build(),
                    IntStream.range(0, n).filter(i -> i % 3 != 1 && i % 5 != 2 && i % 5 != 0).count());
            // a single item: the latest state only, no labelers' folders
            ExportJob one = finished(jobs, jobs.create(request("coco").filters(ExportFilters.DEFAULTS.withItemRef("street-7.jpg")
                    .withIncludeIncomplete(true)).build()));
            assertEquals(1, one.exportedTaskCount());
            try (ZipFile zip = new ZipFile(downloaded(jobs, one).toFile())) {
                assertTrue(zip.stream().map(ZipEntry::getName).noneMatch(e -> e.startsWith("annotators/")));
            }
            // removed instances kept on request
            ExportJob removed = finished(jobs, jobs.create(request("coco").filters(ExportFilters.DEFAULTS.withIncludeIncomplete(true)
                    .withIncludeRemoved(true).withPerAnnotator(false)).build()));
            long everything = IntStream.range(0, n).map(HostData::annotationCount).sum();
            assertEquals(everything, number(json(removed.report()), "annotations_written"));
        }
    }

    private void assertItems(ExportJobs jobs, ExportRequest r, long expected) throws Exception {
        ExportJob done = finished(jobs, jobs.create(r));
        assertEquals(JobStatus.EXPORTED, done.status(), done.error());
        assertEquals(expected, done.exportedTaskCount(), r.toString());
        assertEquals(expected, done.totalTaskCount());
    }

    @Test
    void aFolderFormatIsPackagedUnderItsPrefix() throws Exception {
        try (ExportJobs jobs = engine(new HostData(10, 5), b -> { })) {
            ExportJob done = finished(jobs, jobs.create(ExportRequest.builder().name("nightly cars").format("yolo").projects(List.of("city"))
                    .filters(ExportFilters.DEFAULTS.withIncludeIncomplete(true)).writerOption("task", "detect").build()));
            assertEquals(JobStatus.EXPORTED, done.status(), done.error());
            assertEquals(15, done.exportedTaskCount(), done.report());
            try (ZipFile zip = new ZipFile(downloaded(jobs, done).toFile())) {
                assertNotNull(zip.getEntry("latest/data.yaml"));
                assertTrue(zip.stream().anyMatch(e -> e.getName().startsWith("annotators/alice/labels/")));
            }
        }
    }

    @Test
    void cancelAbortsWithinASecondAndLeavesNothing() throws Exception {
        HostData data = new HostData(100_000, 0);
        data.pauseMillisPerItem = 1;
        try (ExportJobs jobs = engine(data, b -> b.progressInterval(Duration.ofMillis(10)))) {
            ExportJob job = jobs.create(request("coco").filters(ExportFilters.DEFAULTS.withIncludeIncomplete(true)).build());
            while (jobs.get(job.uid()).exportedTaskCount() == null || jobs.get(job.uid()).exportedTaskCount() < 5) {
                Thread.sleep(5);
            }
            long t0 = System.nanoTime();
            ExportJob cancelled = jobs.cancel(job.uid());
            assertEquals(JobStatus.ABORTED, cancelled.status());
            assertTrue(System.nanoTime() - t0 < 1_000_000_000L, "cancel returned after the worker cleaned up");
            ExportJob later = jobs.await(job.uid(), Duration.ofSeconds(5), Duration.ofMillis(10));
            assertEquals(JobStatus.ABORTED, later.status());
            assertNull(later.downloadUrl());
            assertInstanceOf(FileStorageDelivery.Lookup.Missing.class, jobs.download(job.uid()));
            assertEquals(List.of(), list(work.resolve("tmp")));
            assertEquals(List.of(), list(work.resolve("packages")));
            assertEquals(JobStatus.ABORTED, jobs.cancel(job.uid()).status(), "cancelling an ended job changes nothing");
            // a cancelled queued job never runs
        }
    }

    private static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList();
        }
    }

    @Test
    void aFullQueueRefusesClearlyAndAQueuedJobCanBeCancelled() throws Exception {
        HostData data = new HostData(5, 0);
        data.gate = new CountDownLatch(1);
        try (ExportJobs jobs = engine(data, b -> b.workers(1).queueLimit(1))) {
            ExportJob running = jobs.create(request("coco").build());
            ExportJob queued = jobs.create(request("coco").build());
            JobRejectedException e = assertThrows(JobRejectedException.class, () -> jobs.create(request("coco").build()));
            assertTrue(e.getMessage().contains("queue is full"), e.getMessage());
            assertEquals(JobStatus.ABORTED, jobs.cancel(queued.uid()).status());
            data.gate.countDown();
            assertEquals(JobStatus.EXPORTED, finished(jobs, running).status());
            assertEquals(JobStatus.ABORTED, finished(jobs, queued).status());
            assertEquals(JobStatus.EXPORTED, finished(jobs, jobs.create(request("coco").build())).status(), "room again");
        }
    }

    @Test
    void aHundredConcurrentJobsKeepTheirOwnCountsAndOutputs() throws Exception {
        int n = 120;
        Map<UUID, List<JobStatus>> statuses = new ConcurrentHashMap<>();
        try (ExportJobs jobs = engine(new HostData(n, 0), b -> b.workers(4).queueLimit(200))) {
            jobs.addListener(j -> statuses.computeIfAbsent(j.uid(), k -> Collections.synchronizedList(new ArrayList<>())).add(j.status()));
            Map<UUID, Integer> expected = new HashMap<>();
            List<Thread> threads = new ArrayList<>();
            Map<Integer, ExportJob> created = new ConcurrentHashMap<>();
            for (int k = 0; k < 100; k++) {
                int first = k;
                Thread t = new Thread(() -> created.put(first, jobs.create(request(first % 2 == 0 ? "coco" : "csv")
                        .name("job " + first).filters(ExportFilters.DEFAULTS.withIncludeIncomplete(true).withPerAnnotator(false))
                        .filterQueryString("updated_at >= " + HostData.updatedMillis(first)).build())));
                threads.add(t);
                t.start();
            }
            for (Thread t : threads) {
                t.join();
            }
            created.forEach((k, j) -> expected.put(j.uid(), n - k));
            // listeners are told right after a change is visible: wait for the last one of each job
            for (long deadline = System.nanoTime() + 60_000_000_000L; System.nanoTime() < deadline
                    && created.values().stream().anyMatch(j -> !statuses.getOrDefault(j.uid(), List.of()).contains(JobStatus.EXPORTED)); ) {
                Thread.sleep(10);
            }
            for (ExportJob j : created.values()) {
                ExportJob done = finished(jobs, j);
                assertEquals(JobStatus.EXPORTED, done.status(), done.error());
                int want = expected.get(j.uid());
                assertEquals(want, done.exportedTaskCount(), done.name());
                assertEquals(want, done.totalTaskCount(), done.name());
                assertEquals(want, number(json(done.report()), "items_written"), done.name());
                try (ZipFile zip = new ZipFile(downloaded(jobs, done).toFile())) {
                    JsonObject manifest = json(new String(zip.getInputStream(zip.getEntry("manifest.json")).readAllBytes(), StandardCharsets.UTF_8));
                    assertEquals(j.uid().toString(), manifest.string("export_uid"));
                    assertEquals(want, number(manifest.object("latest"), "item_count"));
                }
                List<JobStatus> order = statuses.get(j.uid()).stream().distinct().toList();
                assertEquals(List.of(JobStatus.REQUESTED, JobStatus.EXPORTING, JobStatus.EXPORTED), order, done.name());
            }
            assertEquals(100, jobs.list(new ListQuery("-created_at", 1000, null)).items().size());
        }
    }

    @Test
    void aJobLeftExportingByAClosedEngineFailsAndAQueuedOneRunsOnRestart() throws Exception {
        HostData data = new HostData(50, 0);
        data.gate = new CountDownLatch(1);
        UUID exporting;
        UUID queued;
        try (ExportJobs jobs = engine(data, b -> b.workers(1))) {
            exporting = jobs.create(request("coco").build()).uid();
            queued = jobs.create(request("coco").build()).uid();
            while (jobs.get(exporting).status() != JobStatus.EXPORTING) {
                Thread.sleep(5);
            }
        }
        data.gate = null;
        try (ExportJobs jobs = engine(data, b -> b.workers(1))) {
            ExportJob failed = jobs.get(exporting);
            assertEquals(JobStatus.FAILED, failed.status());
            assertEquals(ExportJobs.INTERRUPTED, failed.error());
            assertEquals(JobStatus.EXPORTED, finished(jobs, jobs.get(queued)).status());
            assertEquals(List.of(), list(work.resolve("tmp")));
        }
    }

    @Test
    void aFailedDeliveryFailsTheJobButKeepsTheExport() throws Exception {
        Delivery broken = (job, file) -> {
            throw new IOException("bucket not found");
        };
        try (ExportJobs jobs = engine(new HostData(5, 0), b -> b.delivery("s3", broken))) {
            ExportJob done = finished(jobs, jobs.create(request("coco").delivery("s3").build()));
            assertEquals(JobStatus.FAILED, done.status());
            assertTrue(done.error().contains("bucket not found"), done.error());
            assertNotNull(done.downloadUrl());
            assertTrue(Files.size(downloaded(jobs, done)) > 0);
            assertFalse(list(work.resolve("packages")).isEmpty());
        }
    }

    @Test
    void anExpiredDownloadIsGoneNotMissing() throws Exception {
        java.util.concurrent.atomic.AtomicReference<java.time.Instant> now = new java.util.concurrent.atomic.AtomicReference<>(
                java.time.Instant.parse("2026-12-05T12:00:00Z"));
        java.time.Clock clock = new java.time.Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return java.time.ZoneOffset.UTC;
            }

            @Override
            public java.time.Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public java.time.Instant instant() {
                return now.get();
            }
        };
        try (ExportJobs jobs = engine(new HostData(5, 0), b -> b.clock(clock).downloadTtl(Duration.ofHours(1)))) {
            ExportJob done = finished(jobs, jobs.create(request("coco").build()));
            assertEquals(java.time.Instant.parse("2026-12-05T13:00:00Z"), done.downloadExpiresAt());
            assertInstanceOf(FileStorageDelivery.Lookup.Ready.class, jobs.download(done.uid()));
            now.set(java.time.Instant.parse("2026-12-05T13:00:00Z"));
            assertInstanceOf(FileStorageDelivery.Lookup.Gone.class, jobs.download(done.uid()));
            assertEquals(1, list(work.resolve("packages")).size(), "the package itself is kept");
        }
    }
}
