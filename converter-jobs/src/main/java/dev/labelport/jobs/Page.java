package dev.labelport.jobs;

import java.util.List;

/**
 * One page of a cursor-paginated listing. Cursors are opaque strings: pass one back in a
 * {@link ListQuery} to get the page after (or before) this one. They stay valid while jobs are
 * added, because they name a position in the ordering, not an offset.
 */
public record Page<T>(List<T> items, String nextCursor, String previousCursor, boolean hasMore) {
    public Page {
        items = List.copyOf(items);
    }
}
