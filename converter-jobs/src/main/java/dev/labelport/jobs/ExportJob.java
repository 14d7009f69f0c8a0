package dev.labelport.jobs;

import dev.labelport.internal.JsonSupport;
import dev.labelport.json.JsonArray;
import dev.labelport.json.JsonBoolean;
import dev.labelport.json.JsonNumber;
import dev.labelport.json.JsonObject;
import dev.labelport.json.JsonString;
import dev.labelport.json.JsonValue;
import dev.labelport.Limits;
import java.io.StringWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Objects;
import java.util.UUID;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.ObjectWriteContext;

/**
 * One export job, as stored and as the REST API shows it ({@link #toJson()}, snake_case). Immutable:
 * the engine replaces a job by its next state.
 *
 * @param uid                the job's id
 * @param name               1 to 255 characters
 * @param format             the output format id
 * @param status             where it is
 * @param totalTaskCount     items read from the scope so far (live), {@code null} until processing starts
 * @param exportedTaskCount  items written so far (live), {@code null} until processing starts
 * @param downloadUrl        where the package can be downloaded, {@code null} until exported
 * @param downloadExpiresAt  when {@code downloadUrl} stops answering ({@code null}: never, or not exported)
 * @param datasets           dataset uids in scope
 * @param projects           project uids in scope
 * @param slices             slice uids in scope
 * @param filterQueryString  the filter query ({@link FilterQuery}), {@code null} for none
 * @param filters            the structured filters
 * @param writerOptions      the output format's writer options
 * @param delivery           the name of the extra delivery requested ({@code null}: the file store only)
 * @param deliveredTo        where that delivery put the export, once done
 * @param fileName           the package's file name, once packaged
 * @param error              why a FAILED job failed, or why an ABORTED one stopped
 * @param report             the conversion report's JSON for a finished job, else {@code null}
 * @param createdAt          creation time
 * @param updatedAt          time of the last change of state or counts
 */
public record ExportJob(UUID uid, String name, String format, JobStatus status, Long totalTaskCount,
                        Long exportedTaskCount, String downloadUrl, Instant downloadExpiresAt, List<String> datasets,
                        List<String> projects, List<String> slices, String filterQueryString, ExportFilters filters,
                        Map<String, String> writerOptions, String delivery, String deliveredTo, String fileName, String error, String report,
                        Instant createdAt, Instant updatedAt) {

    public ExportJob {
        Objects.requireNonNull(uid, "uid");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(status, "status");
        datasets = List.copyOf(datasets);
        projects = List.copyOf(projects);
        slices = List.copyOf(slices);
        Objects.requireNonNull(filters, "filters");
        writerOptions = writerOptions == null ? Map.of() : Map.copyOf(writerOptions);
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    /** A new REQUESTED job for {@code request}. */
    static ExportJob requested(UUID uid, ExportRequest request, Instant now) {
        return new ExportJob(uid, request.name(), request.format(), JobStatus.REQUESTED, null, null, null, null,
                request.datasets(), request.projects(), request.slices(), request.filterQueryString(), request.filters(),
                request.writerOptions(), request.delivery(), null, null, null, null, now, now);
    }

    ExportJob withStatus(JobStatus s, String why, Instant now) {
        return new ExportJob(uid, name, format, s, totalTaskCount, exportedTaskCount, downloadUrl, downloadExpiresAt,
                datasets, projects, slices, filterQueryString, filters, writerOptions, delivery, deliveredTo, fileName, why, report,
                createdAt, now);
    }

    ExportJob withCounts(long total, long exported, Instant now) {
        return new ExportJob(uid, name, format, status, total, exported, downloadUrl, downloadExpiresAt, datasets,
                projects, slices, filterQueryString, filters, writerOptions, delivery, deliveredTo, fileName, error, report, createdAt, now);
    }

    ExportJob exported(String url, Instant expires, String file, String reportJson, String deliveredAt, Instant now) {
        return new ExportJob(uid, name, format, JobStatus.EXPORTED, totalTaskCount, exportedTaskCount, url, expires,
                datasets, projects, slices, filterQueryString, filters, writerOptions, delivery, deliveredAt, file, null, reportJson,
                createdAt, now);
    }

    ExportJob withPackage(String url, Instant expires, String file, String reportJson, Instant now) {
        return new ExportJob(uid, name, format, status, totalTaskCount, exportedTaskCount, url, expires, datasets,
                projects, slices, filterQueryString, filters, writerOptions, delivery, deliveredTo, file, error, reportJson, createdAt, now);
    }

    /** The job as the REST API shows it. */
    public String toJson() {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = JsonSupport.factory(Limits.DEFAULTS).createGenerator(ObjectWriteContext.empty(), w)) {
            g.writeStartObject();
            g.writeStringProperty("uid", uid.toString());
            g.writeStringProperty("name", name);
            g.writeStringProperty("format", format);
            g.writeStringProperty("status", status.apiName());
            number(g, "total_task_count", totalTaskCount);
            number(g, "exported_task_count", exportedTaskCount);
            string(g, "download_url", downloadUrl);
            string(g, "download_expires_at", downloadExpiresAt == null ? null : downloadExpiresAt.toString());
            strings(g, "datasets", datasets);
            strings(g, "projects", projects);
            strings(g, "slices", slices);
            string(g, "filter_query_string", filterQueryString);
            g.writeName("filters");
            g.writeStartObject();
            strings(g, "statuses", filters.statuses());
            number(g, "updated_after", filters.updatedAfterMillis());
            g.writeBooleanProperty("include_incomplete", filters.includeIncomplete());
            g.writeBooleanProperty("include_removed", filters.includeRemoved());
            string(g, "item", filters.itemRef());
            g.writeBooleanProperty("per_annotator", filters.perAnnotator());
            g.writeEndObject();
            g.writeName("writer_options");
            g.writeStartObject();
            new TreeMap<>(writerOptions).forEach(g::writeStringProperty);
            g.writeEndObject();
            string(g, "delivery", delivery);
            string(g, "delivered_to", deliveredTo);
            string(g, "file_name", fileName);
            string(g, "error", error);
            g.writeStringProperty("created_at", createdAt.toString());
            g.writeStringProperty("updated_at", updatedAt.toString());
            g.writeName("report");
            if (report == null) {
                g.writeNull();
            } else {
                g.writeRawValue(report);
            }
            g.writeEndObject();
        }
        return w.toString();
    }

    /** The job from {@link #toJson()}'s text (how the stores keep it). */
    public static ExportJob fromJson(String json) {
        JsonObject o;
        try (JsonParser p = JsonSupport.factory(Limits.DEFAULTS).createParser(ObjectReadContext.empty(), json)) {
            p.nextToken();
            o = (JsonObject) JsonSupport.readValue(p);
        }
        JsonObject f = o.object("filters");
        ExportFilters filters = new ExportFilters(list(f.get("statuses")), longOrNull(f.get("updated_after")),
                bool(f.get("include_incomplete")), bool(f.get("include_removed")), f.string("item"),
                !(f.get("per_annotator") instanceof JsonBoolean b) || b.value());
        JsonValue report = o.get("report");
        return new ExportJob(UUID.fromString(o.string("uid")), o.string("name"), o.string("format"),
                JobStatus.valueOf(o.string("status").toUpperCase(java.util.Locale.ROOT)), longOrNull(o.get("total_task_count")),
                longOrNull(o.get("exported_task_count")), o.string("download_url"), instant(o.string("download_expires_at")),
                list(o.get("datasets")), list(o.get("projects")), list(o.get("slices")), o.string("filter_query_string"),
                filters, stringMap(o.get("writer_options")), o.string("delivery"), o.string("delivered_to"), o.string("file_name"), o.string("error"),
                report instanceof JsonObject r ? compact(r) : null,
                Instant.parse(o.string("created_at")), Instant.parse(o.string("updated_at")));
    }

    private static void number(JsonGenerator g, String name, Long v) {
        g.writeName(name);
        if (v == null) {
            g.writeNull();
        } else {
            g.writeNumber(v);
        }
    }

    private static void string(JsonGenerator g, String name, String v) {
        g.writeName(name);
        if (v == null) {
            g.writeNull();
        } else {
            g.writeString(v);
        }
    }

    static void strings(JsonGenerator g, String name, List<String> v) {
        g.writeName(name);
        g.writeStartArray();
        for (String s : v) {
            g.writeString(s);
        }
        g.writeEndArray();
    }

    private static List<String> list(JsonValue v) {
        List<String> out = new ArrayList<>();
        if (v instanceof JsonArray a) {
            for (JsonValue e : a.values()) {
                if (e instanceof JsonString s) {
                    out.add(s.value());
                }
            }
        }
        return out;
    }

    private static Map<String, String> stringMap(JsonValue v) {
        Map<String, String> out = new TreeMap<>();
        if (v instanceof JsonObject m) {
            m.members().forEach((k, e) -> {
                if (e instanceof JsonString s) {
                    out.put(k, s.value());
                }
            });
        }
        return out;
    }

    private static Long longOrNull(JsonValue v) {
        return v instanceof JsonNumber n ? n.longValue() : null;
    }

    private static boolean bool(JsonValue v) {
        return v instanceof JsonBoolean b && b.value();
    }

    private static Instant instant(String s) {
        return s == null ? null : Instant.parse(s);
    }

    /** A JSON value written back as compact text. */
    private static String compact(JsonValue v) {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = JsonSupport.factory(Limits.DEFAULTS).createGenerator(ObjectWriteContext.empty(), w)) {
            JsonSupport.writeValue(g, v);
        }
        return w.toString();
    }
}
