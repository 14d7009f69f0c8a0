package dev.labelport.jobs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a caller asks for: a name, a format, a scope (datasets, projects or slices), filters and
 * where to deliver. Validated by {@link ExportJobs#create}, which answers with field errors.
 *
 * <pre>{@code
 * ExportRequest r = ExportRequest.builder()
 *     .name("nightly cars")
 *     .format("coco")
 *     .datasets(List.of("street-2024"))
 *     .filterQueryString("annotation.label = \"car\" AND NOT status = \"rejected\"")
 *     .filters(ExportFilters.DEFAULTS.withUpdatedAfterMillis(1733356800000L))
 *     .build();
 * }</pre>
 */
public record ExportRequest(String name, String format, List<String> datasets, List<String> projects,
                            List<String> slices, String filterQueryString, ExportFilters filters, String delivery,
                            Map<String, String> writerOptions) {
    public ExportRequest {
        datasets = List.copyOf(datasets);
        projects = List.copyOf(projects);
        slices = List.copyOf(slices);
        filters = filters == null ? ExportFilters.DEFAULTS : filters;
        writerOptions = Map.copyOf(writerOptions);
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private String name;
        private String format;
        private final List<String> datasets = new ArrayList<>();
        private final List<String> projects = new ArrayList<>();
        private final List<String> slices = new ArrayList<>();
        private String filterQueryString;
        private ExportFilters filters = ExportFilters.DEFAULTS;
        private String delivery;
        private final Map<String, String> writerOptions = new LinkedHashMap<>();

        public Builder name(String v) { this.name = v; return this; }
        public Builder format(String v) { this.format = v; return this; }
        public Builder datasets(List<String> v) { datasets.addAll(v); return this; }
        public Builder projects(List<String> v) { projects.addAll(v); return this; }
        public Builder slices(List<String> v) { slices.addAll(v); return this; }
        public Builder filterQueryString(String v) { this.filterQueryString = v; return this; }
        public Builder filters(ExportFilters v) { this.filters = Objects.requireNonNull(v, "filters"); return this; }
        /** The name of an extra delivery configured in the engine ({@code ExportJobs.Builder#delivery}). */
        public Builder delivery(String v) { this.delivery = v; return this; }
        /** Options of the output format's writer, as {@code --option} gives them. */
        public Builder writerOption(String key, String value) { writerOptions.put(key, value); return this; }

        public ExportRequest build() {
            return new ExportRequest(name, format, datasets, projects, slices, filterQueryString, filters, delivery, writerOptions);
        }
    }
}
