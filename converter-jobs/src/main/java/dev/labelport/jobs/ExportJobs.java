package dev.labelport.jobs;

import dev.labelport.Labelport;
import dev.labelport.error.ErrorCode;
import dev.labelport.error.LabelportException;
import dev.labelport.jobs.DataProvider.ScopeKind;
import dev.labelport.jobs.delivery.FileStorageDelivery;
import dev.labelport.spi.AnnotationSource;
import dev.labelport.spi.FormatDescriptor;
import dev.labelport.spi.FormatProvider;
import dev.labelport.spi.OptionSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * The export-job engine: asynchronous exports of a host's data, with statuses and live counts,
 * filters, packaging, durable state and delivery. A service builds one, keeps it for its
 * lifetime and {@linkplain #close() closes} it on shutdown.
 *
 * <pre>{@code
 * try (ExportJobs jobs = ExportJobs.builder()
 *         .dataProvider(FolderDataProvider.of(Path.of("exports")))
 *         .workDirectory(Path.of("/var/lib/labelport"))
 *         .build()) {
 *     ExportJob job = jobs.create(ExportRequest.builder()
 *             .name("nightly").format("yolo").datasets(List.of("street")).build());
 *     job = jobs.await(job.uid(), Duration.ofMinutes(5), Duration.ofMillis(200));
 *     // job.status() == EXPORTED, job.downloadUrl() serves the zip until it expires
 * }
 * }</pre>
 *
 * <p><b>Lifecycle.</b> {@code REQUESTED → EXPORTING → EXPORTED | FAILED | ABORTED}; an ended job
 * never changes again. {@link #create} validates and queues; a bounded pool of
 * {@linkplain Builder#workers workers} runs the jobs; at most {@linkplain Builder#queueLimit
 * queueLimit} jobs wait, beyond which {@code create} throws {@link JobRejectedException}.
 *
 * <p><b>Restart.</b> State lives in a {@link JobStore} (by default an H2 file database in the work
 * directory). When the engine starts, a job still REQUESTED is queued again; a job that was
 * EXPORTING when the previous JVM died is marked FAILED with {@value #INTERRUPTED} (its output is
 * discarded: re-running it unasked could deliver twice; the caller creates it again). Temporary
 * package files of dead runs are deleted.
 *
 * <p><b>Files.</b> In the work directory: {@code state/} (the default store), {@code tmp/}
 * (packages being written, deleted on failure or cancel), {@code packages/} (finished packages,
 * kept whatever a delivery does) and {@code downloads/} (the file store behind download URLs,
 * hard links to the packages, deleted when their link expires).
 */
public final class ExportJobs implements AutoCloseable {
    /** The error of a job that was exporting when its JVM stopped. */
    public static final String INTERRUPTED = "interrupted by shutdown";

    private static final Logger LOG = Logger.getLogger(ExportJobs.class.getName());

    private final DataProvider data;
    private final Labelport labelport;
    private final JobStore store;
    private final boolean ownsStore;
    private final Path tmp;
    private final Path packages;
    private final FileStorageDelivery files;
    private final Map<String, dev.labelport.jobs.Delivery> deliveries;
    private final int queueLimit;
    private final int workers;
    private final Duration progressInterval;
    private final boolean singleScopeKind;
    private final Clock clock;
    private final ExportPackager packager;
    private final ExecutorService pool;
    private final AtomicInteger waiting = new AtomicInteger();
    private final Map<UUID, ExportJob> live = new ConcurrentHashMap<>();
    private final Map<UUID, Thread> running = new ConcurrentHashMap<>();
    private final List<JobListener> listeners = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    private ExportJobs(Builder b) {
        this.data = Objects.requireNonNull(b.data, "dataProvider");
        this.labelport = b.labelport == null ? Labelport.create() : b.labelport;
        Path work = Objects.requireNonNull(b.workDirectory, "workDirectory").toAbsolutePath();
        try {
            this.tmp = Files.createDirectories(work.resolve("tmp"));
            this.packages = Files.createDirectories(work.resolve("packages"));
            Files.createDirectories(work.resolve("downloads"));
            if (b.store == null) {
                Files.createDirectories(work.resolve("state"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the work directory " + work, e);
        }
        this.ownsStore = b.store == null;
        this.store = b.store == null ? JdbcJobStore.h2(work.resolve("state")) : b.store;
        this.clock = b.clock;
        this.files = FileStorageDelivery.builder().root(work.resolve("downloads")).ttl(b.downloadTtl)
                .baseUri(b.baseUri).clock(clock).build();
        this.deliveries = Map.copyOf(b.deliveries);
        this.queueLimit = b.queueLimit;
        this.workers = b.workers;
        this.progressInterval = b.progressInterval;
        this.singleScopeKind = b.singleScopeKind;
        this.packager = new ExportPackager(labelport, version());
        AtomicInteger n = new AtomicInteger();
        ThreadFactory threads = r -> {
            Thread t = new Thread(r, "labelport-export-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        this.pool = Executors.newFixedThreadPool(workers, threads);
        recover();
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Validates {@code request} and queues a new job. Field errors come all at once as a
     * {@link ValidationException}; a scope uid the data provider does not have is a
     * {@link ScopeNotFoundException}; a full queue a {@link JobRejectedException}.
     */
    public ExportJob create(ExportRequest request) {
        Objects.requireNonNull(request, "request");
        requireOpen();
        validate(request);
        for (ScopeKind kind : ScopeKind.values()) {
            for (String uid : scope(request, kind)) {
                if (!data.exists(kind, uid)) {
                    throw new ScopeNotFoundException(kind, uid);
                }
            }
        }
        if (waiting.incrementAndGet() > queueLimit + workers) {
            waiting.decrementAndGet();
            throw new JobRejectedException("the export queue is full (" + queueLimit + " waiting, " + workers
                    + " running): try again when a job has finished");
        }
        ExportJob job = ExportJob.requested(UUID.randomUUID(), request, clock.instant());
        live.put(job.uid(), job);
        try {
            store.save(job);
        } catch (RuntimeException e) {
            live.remove(job.uid());
            waiting.decrementAndGet();
            throw e;
        }
        notifyListeners(job);
        submit(job.uid());
        return job;
    }

    /** The job as it is now. */
    public ExportJob get(UUID uid) {
        ExportJob job = live.get(uid);
        if (job != null) {
            return job;
        }
        return store.find(uid).orElseThrow(() -> new JobNotFoundException(uid));
    }

    /** One page of jobs ({@link ListQuery#FIRST_PAGE}: the 20 most recent). */
    public Page<ExportJob> list(ListQuery query) {
        return store.list(Objects.requireNonNull(query, "query"));
    }

    /**
     * Cancels a job that has not ended: it is ABORTED at once, its worker is interrupted, and this
     * call waits up to a second for the worker to delete what it had written. An ended job is
     * returned as it is.
     */
    public ExportJob cancel(UUID uid) {
        ExportJob before = get(uid);
        if (before.status().isTerminal()) {
            return before;
        }
        ExportJob after = update(uid, j -> j.withStatus(JobStatus.ABORTED, "cancelled", clock.instant()));
        // interrupt under the map's lock: run() unregisters itself the same way before it clears
        // the flag, so an interrupt can never reach the next job of the same thread
        if (running.computeIfPresent(uid, (k, t) -> {
            t.interrupt();
            return t;
        }) != null) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
            while (running.containsKey(uid) && System.nanoTime() < deadline) {
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        return after == null ? get(uid) : after;
    }

    /**
     * Waits until the job has ended or {@code timeout} has passed, looking every {@code poll}, and
     * returns the job as it is then (check {@link JobStatus#isTerminal()}).
     */
    public ExportJob await(UUID uid, Duration timeout, Duration poll) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long pollMillis = Math.max(1, poll.toMillis());
        while (true) {
            ExportJob job = get(uid);
            long left = deadline - System.nanoTime();
            if (job.status().isTerminal() || left <= 0) {
                return job;
            }
            Thread.sleep(Math.min(pollMillis, Math.max(1, TimeUnit.NANOSECONDS.toMillis(left))));
        }
    }

    /** Tells {@code listener} of every status change and, at most every progress interval, of counts. */
    public void addListener(JobListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    public void removeListener(JobListener listener) {
        listeners.remove(listener);
    }

    /** The package of an exported job behind its download URL: ready, gone (expired) or missing. */
    public FileStorageDelivery.Lookup download(UUID uid) {
        get(uid);
        return files.lookup(uid);
    }

    /** The file store that answers download URLs. */
    public FileStorageDelivery fileStorage() {
        return files;
    }

    /** The formats jobs can be exported to, as {@code format} accepts them. */
    public List<FormatDescriptor> formats() {
        return labelport.formats().providers().stream().map(FormatProvider::descriptor).filter(FormatDescriptor::canWrite).toList();
    }

    /**
     * Stops taking jobs, interrupts the running ones (marked FAILED, {@value #INTERRUPTED}, as an
     * engine marks them after a crash), leaves the queued ones REQUESTED (the next engine on the
     * same store runs them) and closes the default store.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        pool.shutdownNow();
        try {
            pool.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (ownsStore) {
            store.close();
        }
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("the export engine is closed");
        }
    }

    private void validate(ExportRequest r) {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        if (r.name() == null || r.name().isBlank()) {
            add(errors, "name", "This field is required.");
        } else if (r.name().length() > 255) {
            add(errors, "name", "Ensure this field has no more than 255 characters.");
        }
        FormatProvider format = null;
        if (r.format() == null || r.format().isBlank()) {
            add(errors, "format", "This field is required.");
        } else {
            format = labelport.formats().find(r.format()).orElse(null);
            if (format == null || !format.descriptor().canWrite()) {
                add(errors, "format", "\"" + r.format() + "\" is not a valid choice.");
                format = null;
            }
        }
        int kinds = (r.datasets().isEmpty() ? 0 : 1) + (r.projects().isEmpty() ? 0 : 1) + (r.slices().isEmpty() ? 0 : 1);
        if (kinds == 0) {
            add(errors, "non_field_errors", "Give the datasets, projects or slices to export.");
        } else if (kinds > 1 && singleScopeKind) {
            add(errors, "non_field_errors", "Give datasets, projects or slices, not more than one of them.");
        }
        for (ScopeKind kind : ScopeKind.values()) {
            for (String uid : scope(r, kind)) {
                if (uid == null || uid.isBlank()) {
                    add(errors, field(kind), "This field may not be blank.");
                }
            }
        }
        ItemFilters.validate(r.filters()).forEach((k, v) -> v.forEach(m -> add(errors, k, m)));
        try {
            FilterQuery.parse(r.filterQueryString());
        } catch (ValidationException e) {
            e.fieldErrors().forEach((k, v) -> v.forEach(m -> add(errors, k, m)));
        }
        if (r.delivery() != null && !deliveries.containsKey(r.delivery())) {
            add(errors, "delivery", "\"" + r.delivery() + "\" is not a valid choice.");
        }
        if (format != null) {
            List<String> known = format.descriptor().options().stream().filter(OptionSpec::appliesToWrite).map(OptionSpec::name).toList();
            for (String key : r.writerOptions().keySet()) {
                if (!known.contains(key)) {
                    add(errors, "writer_options", "\"" + key + "\" is not an option of " + format.descriptor().id()
                            + (known.isEmpty() ? " (it has none)." : " (" + String.join(", ", known) + ")."));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
    }

    private static String field(ScopeKind kind) {
        return switch (kind) {
            case DATASET -> "datasets";
            case PROJECT -> "projects";
            case SLICE -> "slices";
        };
    }

    private static void add(Map<String, List<String>> errors, String field, String message) {
        errors.computeIfAbsent(field, k -> new ArrayList<>()).add(message);
    }

    private static List<String> scope(ExportRequest r, ScopeKind kind) {
        return switch (kind) {
            case DATASET -> r.datasets();
            case PROJECT -> r.projects();
            case SLICE -> r.slices();
        };
    }

    private static List<String> scope(ExportJob j, ScopeKind kind) {
        return switch (kind) {
            case DATASET -> j.datasets();
            case PROJECT -> j.projects();
            case SLICE -> j.slices();
        };
    }

    private void recover() {
        try (Stream<Path> old = Files.list(tmp)) {
            for (Path p : (Iterable<Path>) old::iterator) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clean " + tmp, e);
        }
        purgeExpired();
        for (ExportJob job : store.unfinished()) {
            if (job.status() == JobStatus.EXPORTING) {
                ExportJob failed = job.withStatus(JobStatus.FAILED, INTERRUPTED, clock.instant());
                store.save(failed);
            } else {
                live.put(job.uid(), job);
                waiting.incrementAndGet();
                submit(job.uid());
            }
        }
    }

    private void submit(UUID uid) {
        try {
            pool.execute(() -> run(uid));
        } catch (java.util.concurrent.RejectedExecutionException e) {
            waiting.decrementAndGet();
            update(uid, j -> j.withStatus(JobStatus.FAILED, "the export engine was closed", clock.instant()));
        }
    }

    /**
     * Replaces a live job by {@code change(job)} unless it has ended, saves and announces it;
     * returns the new state, or {@code null} when the job had ended already.
     */
    private ExportJob update(UUID uid, java.util.function.UnaryOperator<ExportJob> change) {
        ExportJob[] out = new ExportJob[1];
        live.computeIfPresent(uid, (k, job) -> {
            if (job.status().isTerminal()) {
                return job;
            }
            ExportJob next = change.apply(job);
            store.save(next);
            out[0] = next;
            return next;
        });
        if (out[0] != null) {
            notifyListeners(out[0]);
            if (out[0].status().isTerminal()) {
                live.remove(uid, out[0]);
            }
        }
        return out[0];
    }

    private void notifyListeners(ExportJob job) {
        for (JobListener l : listeners) {
            try {
                l.changed(job);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "export job listener failed", e);
            }
        }
    }

    private void run(UUID uid) {
        running.put(uid, Thread.currentThread());
        Path partial = null;
        try {
            ExportJob job = live.get(uid);
            if (job == null || job.status().isTerminal()) {
                return;
            }
            long estimate = estimate(job);
            job = update(uid, j -> j.withStatus(JobStatus.EXPORTING, null, clock.instant()).withCounts(estimate, 0, clock.instant()));
            if (job == null) {
                return;
            }
            ExportJob started = job;
            String fileName = ExportPackager.fileName(job);
            partial = tmp.resolve(uid + ".zip.partial");
            long[] last = {System.nanoTime()};
            ExportPackager.Result result = packager.write(job, () -> open(started), partial, (read, written) -> {
                long now = System.nanoTime();
                if (now - last[0] >= progressInterval.toNanos()) {
                    last[0] = now;
                    update(uid, j -> j.withCounts(Math.max(estimate, read), written, clock.instant()));
                }
            });
            if (Thread.currentThread().isInterrupted()) {
                throw new LabelportException(ErrorCode.CANCELLED, dev.labelport.error.Location.UNKNOWN, "cancelled");
            }
            Path packaged = packages.resolve(fileName);
            Files.move(partial, packaged, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            partial = null;
            ExportJob counted = update(uid, j -> j.withCounts(result.items(), result.items(), clock.instant()));
            if (counted == null) {
                Files.deleteIfExists(packaged);
                return;
            }
            purgeExpired();
            DeliveryReceipt stored = files.deliver(counted, packaged);
            String deliveredTo = null;
            String deliveryError = null;
            if (counted.delivery() != null) {
                try {
                    DeliveryReceipt r = deliveries.get(counted.delivery()).deliver(counted, packaged);
                    deliveredTo = r.location() == null ? r.method() : r.location().toString();
                } catch (IOException | RuntimeException e) {
                    deliveryError = "delivery \"" + counted.delivery() + "\" failed: " + message(e)
                            + " (the export stays downloadable at " + stored.location() + ")";
                }
            }
            String to = deliveredTo;
            String why = deliveryError;
            update(uid, j -> {
                ExportJob done = j.exported(stored.location().toString(), stored.expiresAt(), fileName, result.reportJson(), to, clock.instant());
                return why == null ? done : done.withStatus(JobStatus.FAILED, why, clock.instant());
            });
        } catch (Throwable e) {
            boolean cancelled = Thread.currentThread().isInterrupted()
                    || e instanceof LabelportException le && le.code() == ErrorCode.CANCELLED
                    || e instanceof java.nio.channels.ClosedByInterruptException;
            if (closed) {
                update(uid, j -> j.withStatus(JobStatus.FAILED, INTERRUPTED, clock.instant()));
            } else if (cancelled) {
                update(uid, j -> j.withStatus(JobStatus.ABORTED, "cancelled", clock.instant()));
            } else {
                update(uid, j -> j.withStatus(JobStatus.FAILED, message(e), clock.instant()));
            }
            if (e instanceof Error err && !(e instanceof OutOfMemoryError) && !(e instanceof StackOverflowError)) {
                throw err;
            }
        } finally {
            running.remove(uid);
            Thread.interrupted();
            if (partial != null) {
                try {
                    Files.deleteIfExists(partial);
                } catch (IOException e) {
                    LOG.log(Level.WARNING, "cannot delete " + partial, e);
                }
            }
            waiting.decrementAndGet();
            ExportJob end = live.get(uid);
            if (end != null && end.status().isTerminal()) {
                live.remove(uid, end);
            }
        }
    }

    /** Deletes the downloads whose links expired (their "gone" records stay); at start and before each delivery. */
    private void purgeExpired() {
        try {
            files.purgeExpired();
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "cannot purge expired downloads", e);
        }
    }

    private static String message(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }

    /** The scope's size when the provider knows it, else 0. */
    private long estimate(ExportJob job) {
        long total = 0;
        for (ScopeKind kind : ScopeKind.values()) {
            for (String uid : scope(job, kind)) {
                OptionalLong n = data.itemCount(kind, uid);
                if (n.isEmpty()) {
                    return 0;
                }
                total += n.getAsLong();
            }
        }
        return total;
    }

    private AnnotationSource open(ExportJob job) {
        List<Supplier<AnnotationSource>> parts = new ArrayList<>();
        for (ScopeKind kind : ScopeKind.values()) {
            for (String uid : scope(job, kind)) {
                parts.add(() -> data.open(kind, uid));
            }
        }
        return parts.size() == 1 ? parts.get(0).get() : new ConcatSource(parts);
    }

    private static String version() {
        String v = ExportJobs.class.getPackage().getImplementationVersion();
        return v == null ? "0.1.0-SNAPSHOT" : v;
    }

    /** How to build an engine; only the data provider and the work directory are required. */
    public static final class Builder {
        private DataProvider data;
        private Labelport labelport;
        private JobStore store;
        private Path workDirectory;
        private int workers = Runtime.getRuntime().availableProcessors();
        private int queueLimit = 1000;
        private Duration downloadTtl = Duration.ofDays(7);
        private URI baseUri = URI.create("http://localhost:8080/");
        private final Map<String, dev.labelport.jobs.Delivery> deliveries = new LinkedHashMap<>();
        private Duration progressInterval = Duration.ofMillis(250);
        private boolean singleScopeKind = false;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /** Where the items come from (required). */
        public Builder dataProvider(DataProvider v) { this.data = Objects.requireNonNull(v); return this; }

        /** The formats ({@link Labelport#create()} by default: every format on the class path). */
        public Builder labelport(Labelport v) { this.labelport = Objects.requireNonNull(v); return this; }

        /** Where jobs are kept; by default an H2 database in {@code <workDirectory>/state}, closed with the engine. */
        public Builder store(JobStore v) { this.store = Objects.requireNonNull(v); return this; }

        /** The engine's folder: state, temporary and finished packages, the download store (required). */
        public Builder workDirectory(Path v) { this.workDirectory = Objects.requireNonNull(v); return this; }

        /** How many jobs run at once (default: the number of cores). */
        public Builder workers(int v) {
            if (v < 1) {
                throw new IllegalArgumentException("workers must be at least 1: " + v);
            }
            this.workers = v;
            return this;
        }

        /** How many jobs may wait beyond the running ones before {@code create} refuses (default 1000). */
        public Builder queueLimit(int v) {
            if (v < 0) {
                throw new IllegalArgumentException("queueLimit must not be negative: " + v);
            }
            this.queueLimit = v;
            return this;
        }

        /** How long a download URL answers (default 7 days); after that it answers "gone". */
        public Builder downloadTtl(Duration v) {
            if (v.isNegative() || v.isZero()) {
                throw new IllegalArgumentException("downloadTtl must be positive: " + v);
            }
            this.downloadTtl = v;
            return this;
        }

        /** The base of download URLs ({@code <base>api/v1/exports/<uid>/download}); default {@code http://localhost:8080/}. */
        public Builder baseUri(URI v) {
            String s = v.toString();
            this.baseUri = s.endsWith("/") ? v : URI.create(s + "/");
            return this;
        }

        /** A delivery a request can name in {@link ExportRequest.Builder#delivery} (S3, a webhook, email...). */
        public Builder delivery(String name, dev.labelport.jobs.Delivery d) {
            deliveries.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(d, "delivery"));
            return this;
        }

        /** How often a running job's counts are saved and announced at most (default 250 ms). */
        public Builder progressInterval(Duration v) { this.progressInterval = Objects.requireNonNull(v); return this; }

        /** Refuse requests that mix datasets, projects and slices (Avala asks for one kind); off by default. */
        public Builder singleScopeKind(boolean v) { this.singleScopeKind = v; return this; }

        /** The clock of timestamps and expiry (tests). */
        public Builder clock(Clock v) { this.clock = Objects.requireNonNull(v); return this; }

        public ExportJobs build() {
            return new ExportJobs(this);
        }
    }
}
