package dev.labelport.jobs;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Where jobs live, so that they survive a restart of the host. {@link JdbcJobStore} keeps them in
 * an embedded H2 file (the default, no setup) or any JDBC database, PostgreSQL included. A store
 * is called from several threads.
 */
public interface JobStore extends AutoCloseable {

    /** Inserts or replaces the job with {@code job.uid()}. */
    void save(ExportJob job);

    Optional<ExportJob> find(UUID uid);

    /** One page in the query's ordering (ties broken by uid), with opaque cursors. */
    Page<ExportJob> list(ListQuery query);

    /** The jobs not yet ended (REQUESTED or EXPORTING), oldest first: what a restart must settle. */
    List<ExportJob> unfinished();

    @Override
    void close();
}
