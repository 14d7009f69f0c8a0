package dev.labelport.jobs;

import dev.labelport.spi.AnnotationSource;
import java.util.OptionalLong;

/**
 * Where a host's data comes from: maps the uids of datasets, projects and slices to streams of
 * items. The engine opens a scope once per pass (the latest state, then once more per labeler
 * when the package includes each labeler's work), so {@link #open} must give the same items each
 * time. {@link FolderDataProvider} serves a folder of existing exports.
 */
public interface DataProvider {
    /** The kinds of scope a request can name. */
    enum ScopeKind { DATASET, PROJECT, SLICE }

    /** Whether a scope of that kind and uid exists. */
    boolean exists(ScopeKind kind, String uid);

    /** The items of one scope, header first; the engine closes it. */
    AnnotationSource open(ScopeKind kind, String uid);

    /**
     * How many items the scope holds, when the host knows it cheaply (a database count): the
     * job's {@code total_task_count} while it runs, before filters. Empty (the default): the total
     * grows as items are read, and is exact once the job ends.
     */
    default OptionalLong itemCount(ScopeKind kind, String uid) {
        return OptionalLong.empty();
    }
}
