package dev.labelport.jobs;

import dev.labelport.json.JsonObject;
import dev.labelport.json.JsonString;
import dev.labelport.model.Annotation;
import dev.labelport.model.Annotator;
import dev.labelport.model.Box;
import dev.labelport.model.Category;
import dev.labelport.model.DatasetHeader;
import dev.labelport.model.Id;
import dev.labelport.model.Item;
import dev.labelport.model.PointList;
import dev.labelport.model.Polygon;
import dev.labelport.model.Timestamp;
import dev.labelport.model.WorkflowStatus;
import dev.labelport.spi.AnnotationSource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A host's data, generated row by row as a platform pages through its database: datasets
 * {@code street} and {@code fields} (sizes given), project {@code city} = both, slice
 * {@code firsts} = the first 5 items of street. Item {@code i} of a dataset is fully determined by
 * {@code i}, so a test can compute what a filter must keep without running the engine's code.
 */
final class HostData implements DataProvider {
    static final Category CAR = Category.of(Id.of(1), "car");
    static final Category BUS = Category.of(Id.of(2), "bus");
    static final List<String> STATUSES = List.of("accepted", "review", "rejected", "None", "r_assigned");
    static final List<String> WEATHER = List.of("rain", "sun", "fog");
    static final List<String> LABELERS = List.of("alice", "bob", "chen");
    static final long T0 = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();

    private final Map<String, Integer> sizes;
    final AtomicInteger opened = new AtomicInteger();
    final AtomicInteger closed = new AtomicInteger();
    volatile long pauseMillisPerItem;
    /** When set, an item read waits for it (a job held in EXPORTING). */
    volatile CountDownLatch gate;

    HostData(int street, int fields) {
        this.sizes = Map.of("street", street, "fields", fields);
    }

    @Override
    public boolean exists(ScopeKind kind, String uid) {
        return switch (kind) {
            case DATASET -> sizes.containsKey(uid);
            case PROJECT -> uid.equals("city");
            case SLICE -> uid.equals("firsts");
        };
    }

    @Override
    public OptionalLong itemCount(ScopeKind kind, String uid) {
        return switch (kind) {
            case DATASET -> OptionalLong.of(sizes.get(uid));
            case PROJECT -> OptionalLong.of(sizes.get("street") + sizes.get("fields"));
            case SLICE -> OptionalLong.of(Math.min(5, sizes.get("street")));
        };
    }

    @Override
    public AnnotationSource open(ScopeKind kind, String uid) {
        return switch (kind) {
            case DATASET -> new Rows(uid, sizes.get(uid));
            case PROJECT -> new ConcatSource(List.of(() -> open(ScopeKind.DATASET, "street"), () -> open(ScopeKind.DATASET, "fields")));
            case SLICE -> new Rows("street", Math.min(5, sizes.get("street")));
        };
    }

    /** Item {@code i}'s status word. */
    static String status(int i) {
        return STATUSES.get(i % STATUSES.size());
    }

    static long updatedMillis(int i) {
        return T0 + i * 60_000L;
    }

    /** Annotation {@code a} of item {@code i}: who, which category, removed or not. */
    static String labeler(int i, int a) {
        return LABELERS.get((i + a) % LABELERS.size());
    }

    static int annotationCount(int i) {
        return 1 + i % 3;
    }

    static boolean removed(int i, int a) {
        return a == 2 && i % 4 == 0;
    }

    static Category category(int i, int a) {
        return (i + a) % 2 == 0 ? CAR : BUS;
    }

    static Item item(String dataset, int i) {
        List<Annotation> anns = new ArrayList<>();
        for (int a = 0; a < annotationCount(i); a++) {
            var b = Annotation.builder(a == 1 ? Polygon.of(PointList.of(1, 1, 30, 1, 30, 20)) : new Box(10 + a, 5, 20, 30))
                    .id(Id.of(i * 10L + a)).category(category(i, a)).removed(removed(i, a));
            if (a > 0) {
                b.annotator(new Annotator(null, labeler(i, a)));
            }
            anns.add(b.build());
        }
        return Item.image(Id.of(i + 1)).fileName(dataset + "-" + i + ".jpg").size(640, 480)
                .split(i % 5 == 0 ? "val" : "train")
                .status(WorkflowStatus.of(status(i)))
                .updated(Timestamp.of(Instant.ofEpochMilli(updatedMillis(i))))
                .annotator(new Annotator(null, labeler(i, 0)))
                .metadata(JsonObject.of(Map.of("weather", new JsonString(WEATHER.get(i % WEATHER.size())))))
                .annotations(anns).build();
    }

    private final class Rows implements AnnotationSource {
        private final String dataset;
        private final int count;
        private int next;

        Rows(String dataset, int count) {
            this.dataset = dataset;
            this.count = count;
            opened.incrementAndGet();
        }

        @Override
        public DatasetHeader header() {
            return DatasetHeader.of(List.of(CAR, BUS));
        }

        @Override
        public Item next() {
            if (next >= count) {
                return null;
            }
            CountDownLatch g = gate;
            try {
                if (g != null && !g.await(30, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("gate never opened");
                }
                if (pauseMillisPerItem > 0) {
                    Thread.sleep(pauseMillisPerItem);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // the engine's cancel: the pipeline sees it between items
            }
            return item(dataset, next++);
        }

        @Override
        public void close() {
            closed.incrementAndGet();
        }
    }
}
