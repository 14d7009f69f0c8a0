package dev.labelport.jobs;

import dev.labelport.model.Annotation;
import dev.labelport.model.Item;
import dev.labelport.model.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The structured filters of {@link ExportFilters} as predicates over items.
 *
 * <p><b>Labellerr statuses.</b> Each Labellerr word selects the items whose status was written as
 * that word (ignoring case), and the items of other platforms whose status means the same in the
 * model ({@link Status#fromRaw}):
 *
 * <table>
 *   <caption>Labellerr workflow statuses</caption>
 *   <tr><th>Labellerr</th><th>model status</th></tr>
 *   <tr><td>None</td><td>no status, or UNLABELED</td></tr>
 *   <tr><td>assigned, r_assigned, cr_assigned</td><td>ASSIGNED</td></tr>
 *   <tr><td>review, client_review</td><td>IN_REVIEW</td></tr>
 *   <tr><td>accepted</td><td>ACCEPTED</td></tr>
 *   <tr><td>rejected, client_rejected</td><td>REJECTED</td></tr>
 *   <tr><td>skipped, r_skipped, cr_skipped</td><td>SKIPPED</td></tr>
 *   <tr><td>critical, r_critical, cr_critical</td><td>BLOCKED</td></tr>
 * </table>
 *
 * A word such as {@code r_assigned} matches exactly that word when the item is Labellerr's; an
 * item written by another platform matches by its model status (ASSIGNED), since it has no
 * review rounds to tell apart.
 *
 * <p><b>Completed items only</b> (Diffgram's default): an item is left out when its status says it
 * is not finished (UNLABELED, ASSIGNED, IN_PROGRESS, IN_REVIEW, SKIPPED, BLOCKED); an item with no
 * status, or LABELED, ACCEPTED, REJECTED or OTHER, counts as completed (nothing says otherwise, and a
 * rejected item is a finished decision). {@code includeIncomplete} exports all.
 *
 * <p><b>Removed instances</b> (annotations marked removed) are dropped from the items unless
 * {@code includeRemoved}.
 *
 * <p><b>Incremental exports</b> keep the items updated strictly after the bound; an item with no
 * update time is kept (it cannot be shown to be old, and leaving it out could lose it for good).
 */
public final class ItemFilters {
    /** Labellerr's workflow statuses, as its export API names them. */
    public static final List<String> LABELLERR_STATUSES = List.of("None", "assigned", "review", "r_assigned",
            "client_review", "cr_assigned", "accepted", "rejected", "client_rejected", "skipped", "r_skipped",
            "cr_skipped", "critical", "r_critical", "cr_critical");

    private static final Set<Status> INCOMPLETE = Set.of(Status.UNLABELED, Status.ASSIGNED, Status.IN_PROGRESS,
            Status.IN_REVIEW, Status.SKIPPED, Status.BLOCKED);

    private ItemFilters() {
    }

    /** Errors in the filters, by field, as {@link ValidationException} wants them; empty when valid. */
    static Map<String, List<String>> validate(ExportFilters f) {
        Map<String, List<String>> errors = new java.util.LinkedHashMap<>();
        for (String s : f.statuses()) {
            if (LABELLERR_STATUSES.stream().noneMatch(l -> l.equalsIgnoreCase(s))) {
                errors.computeIfAbsent("statuses", k -> new ArrayList<>()).add("\"" + s + "\" is not a valid choice.");
            }
        }
        Long after = f.updatedAfterMillis();
        if (after != null && after >= 0 && after < ExportFilters.SMALLEST_MILLIS) {
            errors.put("updated_after", List.of("Unix time in milliseconds expected: " + after
                    + " would be before 2001-09-09 as milliseconds, so it looks like seconds (" + after
                    + " s = " + after * 1000 + " ms)."));
        } else if (after != null && after < 0) {
            errors.put("updated_after", List.of("Unix time in milliseconds expected, not a negative number."));
        }
        return errors;
    }

    /** Whether the item passes the status, completion and update-time filters. */
    static Predicate<Item> items(ExportFilters f) {
        Predicate<Item> p = item -> true;
        if (!f.statuses().isEmpty()) {
            List<String> wanted = f.statuses().stream().map(s -> s.toLowerCase(Locale.ROOT)).toList();
            p = p.and(item -> wanted.stream().anyMatch(w -> statusMatches(item, w)));
        }
        if (!f.includeIncomplete()) {
            p = p.and(item -> item.status() == null || !INCOMPLETE.contains(item.status().canonical()));
        }
        if (f.updatedAfterMillis() != null) {
            java.time.Instant after = f.updatedAfter();
            p = p.and(item -> item.updated() == null || item.updated().instant() == null || item.updated().instant().isAfter(after));
        }
        return p;
    }

    private static boolean statusMatches(Item item, String labellerr) {
        if (item.status() == null) {
            return labellerr.equals("none");
        }
        String raw = item.status().raw().trim().toLowerCase(Locale.ROOT);
        boolean rawIsLabellerr = LABELLERR_STATUSES.stream().anyMatch(l -> l.equalsIgnoreCase(raw));
        if (rawIsLabellerr) {
            return raw.equals(labellerr);
        }
        Status want = labellerr.equals("none") ? Status.UNLABELED : Status.fromRaw(labellerr);
        return item.status().canonical() == want;
    }

    /** The item without its removed annotations (itself when it has none). */
    static Item withoutRemoved(Item item) {
        boolean any = false;
        for (Annotation a : item.annotations()) { // once per item: no stream
            any |= a.removed();
        }
        if (!any) {
            return item;
        }
        return item.toBuilder().annotations(item.annotations().stream().filter(a -> !a.removed()).toList()).build();
    }
}
