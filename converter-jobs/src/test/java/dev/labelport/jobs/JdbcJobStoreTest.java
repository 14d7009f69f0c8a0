package dev.labelport.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The JDBC store on the embedded H2 file database and on a real PostgreSQL: {@code .ci/run}
 * starts one on loopback and passes its URL as {@code labelport.jobs.postgres.url}. Without it the
 * PostgreSQL cases are skipped with a message, except under CI ({@code LABELPORT_CI} set), where
 * a missing server is a failure.
 */
class JdbcJobStoreTest {
    @TempDir
    static Path dir;

    static Stream<String> stores() {
        return Stream.of("h2", "postgresql");
    }

    private static JdbcJobStore open(String kind) throws Exception {
        if (kind.equals("h2")) {
            return JdbcJobStore.h2(dir.resolve("h2-" + UUID.randomUUID()));
        }
        String url = System.getProperty("labelport.jobs.postgres.url", "");
        if (url.isBlank()) {
            if (System.getenv("LABELPORT_CI") != null) {
                throw new AssertionError("LABELPORT_CI is set but no PostgreSQL URL was given (labelport.jobs.postgres.url)");
            }
            Assumptions.abort("no PostgreSQL: .ci/run starts one and sets -Dlabelport.jobs.postgres.url");
        }
        try (var c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS labelport_export_jobs");
        }
        return JdbcJobStore.open(url);
    }

    private static ExportJob job(int i, Instant t) {
        return ExportJob.requested(new UUID(0, i), ExportRequest.builder().name("job " + (char) ('a' + i % 26) + i)
                .format("coco").datasets(List.of("street")).build(), t);
    }

    @ParameterizedTest
    @MethodSource("stores")
    void savesFindsAndListsUnfinishedJobs(String kind) throws Exception {
        try (JdbcJobStore store = open(kind)) {
            Instant t = Instant.parse("2026-12-05T10:00:00Z");
            ExportJob a = job(1, t);
            store.save(a);
            ExportJob exported = a.withCounts(3, 3, t.plusSeconds(1)).exported("http://x/d", t.plusSeconds(60), "f.zip", "{\"items_written\":3}", null, t.plusSeconds(2));
            store.save(exported);
            store.save(job(2, t.plusSeconds(1)));
            ExportJob back = store.find(a.uid()).orElseThrow();
            assertEquals(exported.toJson(), back.toJson());
            assertEquals(JobStatus.EXPORTED, back.status());
            assertEquals(List.of(new UUID(0, 2)), store.unfinished().stream().map(ExportJob::uid).toList());
            assertTrue(store.find(UUID.randomUUID()).isEmpty());
        }
    }

    @ParameterizedTest
    @MethodSource("stores")
    void cursorsWalkEveryOrderingBothWaysAndStayStableWhileJobsAreAdded(String kind) throws Exception {
        try (JdbcJobStore store = open(kind)) {
            Instant t = Instant.parse("2026-12-05T10:00:00Z");
            List<ExportJob> all = new ArrayList<>();
            for (int i = 0; i < 45; i++) {
                ExportJob j = job(i, t.plusSeconds(i / 3)); // ties on created_at, broken by uid
                all.add(i % 4 == 0 ? j.withStatus(JobStatus.FAILED, "x", t.plusSeconds(100 - i)) : j);
                store.save(all.get(i));
            }
            for (String ordering : List.of("-created_at", "created_at", "name", "-name", "status", "-updated_at")) {
                List<ExportJob> expected = new ArrayList<>(all);
                expected.sort(comparator(ordering));
                List<UUID> walked = new ArrayList<>();
                List<String> cursors = new ArrayList<>();
                Page<ExportJob> page = store.list(new ListQuery(ordering, 20, null));
                assertNull(page.previousCursor());
                while (true) {
                    page.items().forEach(j -> walked.add(j.uid()));
                    if (!page.hasMore()) {
                        assertNull(page.nextCursor());
                        break;
                    }
                    cursors.add(page.nextCursor());
                    page = store.list(new ListQuery(ordering, 20, page.nextCursor()));
                }
                assertEquals(expected.stream().map(ExportJob::uid).toList(), walked, ordering);
                // back from the last page
                Page<ExportJob> back = store.list(new ListQuery(ordering, 20, page.previousCursor()));
                assertEquals(walked.subList(20, 40), back.items().stream().map(ExportJob::uid).toList(), ordering);
            }
            // a cursor names a position, not an offset: new jobs do not shift the pages after it
            Page<ExportJob> first = store.list(ListQuery.FIRST_PAGE);
            for (int i = 100; i < 110; i++) {
                store.save(job(i, t.plusSeconds(1000 + i)));
            }
            Page<ExportJob> second = store.list(new ListQuery("-created_at", 20, first.nextCursor()));
            Set<UUID> seen = new HashSet<>();
            first.items().forEach(j -> seen.add(j.uid()));
            second.items().forEach(j -> assertTrue(seen.add(j.uid()), "no job twice"));
            assertFalse(second.items().stream().anyMatch(j -> j.uid().getLeastSignificantBits() >= 100), "new jobs are before the cursor");
            assertEquals(20, second.items().size());
            assertThrows(ValidationException.class, () -> store.list(new ListQuery("-created_at", 20, "not a cursor!")));
            assertThrows(ValidationException.class, () -> store.list(new ListQuery("name", 20, first.nextCursor())));
        }
    }

    private static Comparator<ExportJob> comparator(String ordering) {
        String f = ordering.startsWith("-") ? ordering.substring(1) : ordering;
        Comparator<ExportJob> c = switch (f) {
            case "created_at" -> Comparator.comparing(ExportJob::createdAt);
            case "updated_at" -> Comparator.comparing(ExportJob::updatedAt);
            case "name" -> Comparator.comparing(ExportJob::name);
            default -> Comparator.comparing(j -> j.status().apiName());
        };
        c = c.thenComparing(j -> j.uid().toString());
        return ordering.startsWith("-") ? c.reversed() : c;
    }
}
