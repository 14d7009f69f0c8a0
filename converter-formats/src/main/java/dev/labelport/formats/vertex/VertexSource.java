package dev.labelport.formats.vertex;

import dev.labelport.error.LimitExceededException;
import dev.labelport.error.Location;
import dev.labelport.internal.ForeignFields;
import dev.labelport.json.JsonObject;
import dev.labelport.model.Category;
import dev.labelport.model.DatasetHeader;
import dev.labelport.model.Id;
import dev.labelport.report.LossCode;
import dev.labelport.spi.AnnotationSource;
import dev.labelport.spi.ReadContext;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What both flavours' readers share: the categories met so far (by display name), the header,
 * and the notes reported once per file. {@link #open} looks at the first non-blank byte: a
 * '{' means JSON Lines, anything else CSV; an empty file is an empty dataset.
 */
abstract class VertexSource implements AnnotationSource {
    static final String JSONL = "jsonl";
    static final String CSV = "csv";

    final ReadContext ctx;
    final VertexFormat.ReadSettings settings;
    final String source;
    private final Map<String, Category> categories = new HashMap<>();
    private boolean idNoteReported;
    long textsNotInline;

    VertexSource(ReadContext ctx, VertexFormat.ReadSettings settings) {
        this.ctx = ctx;
        this.settings = settings;
        this.source = ctx.sourceName();
    }

    static AnnotationSource open(Path input, ReadContext ctx, VertexFormat.ReadSettings settings) {
        String flavour = sniff(input);
        if (flavour == null) {
            flavour = input.getFileName() != null && input.getFileName().toString().toLowerCase(java.util.Locale.ROOT)
                    .endsWith(".csv") ? CSV : JSONL;
        }
        InputStream in = newInput(input);
        try {
            return flavour.equals(JSONL) ? new JsonlSource(in, ctx, settings) : new CsvSource(in, ctx, settings);
        } catch (RuntimeException e) {
            try {
                in.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /** {@code jsonl} when the first non-blank byte is '{', {@code csv} for any other, {@code null} for a blank file. */
    private static String sniff(Path input) {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(input))) {
            int b;
            int index = 0;
            while ((b = in.read()) >= 0) {
                boolean bom = index < 3 && (b == 0xEF || b == 0xBB || b == 0xBF);
                index++;
                if (b == ' ' || b == '\t' || b == '\r' || b == '\n' || bom) {
                    continue;
                }
                return b == '{' ? JSONL : CSV;
            }
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream newInput(Path input) {
        try {
            return Files.newInputStream(input);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static DatasetHeader header(String flavour, String task) {
        JsonObject.Builder ext = JsonObject.builder().put("flavour", flavour);
        if (task != null) {
            ext.put("task", task);
        }
        JsonObject derived = JsonObject.builder().put(ForeignFields.DERIVED, ext.build()).build();
        return new DatasetHeader(null, VertexFormat.ID, null, List.of(),
                JsonObject.builder().put(VertexFormat.ID, derived).build());
    }

    /** The category named {@code name}, made on first sight (its id is its name). */
    Category category(String name, Location at) {
        Category c = categories.get(name);
        if (c == null) {
            if (categories.size() >= ctx.limits().maxCategories()) {
                throw new LimitExceededException(at, "more than " + ctx.limits().maxCategories()
                        + " labels (Limits.maxCategories)");
            }
            c = Category.of(Id.of(name), name);
            categories.put(name, c);
        }
        return c;
    }

    /** The last segment of a path or URI ({@code gs://b/x/a.jpg} gives {@code a.jpg}). */
    static String lastSegment(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? path : path.substring(slash + 1);
    }

    /** Whether a reference is a URI ({@code gs://}, {@code https://}...) rather than a file name. */
    static boolean isUri(String path) {
        int colon = path.indexOf("://");
        if (colon <= 0) {
            return false;
        }
        for (int i = 0; i < colon; i++) {
            char c = path.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '+' || c == '-' || c == '.')) {
                return false;
            }
        }
        return true;
    }

    void noteIds(String what) {
        if (!idNoteReported) {
            idNoteReported = true;
            ctx.reporter().loss(LossCode.SYNTHESISED, Location.of(source), what);
        }
    }

    /** Reports the per-file notes; called once at the end of the input. */
    void endNotes() {
        if (textsNotInline > 0) {
            ctx.reporter().loss(VertexFormat.TEXT_NOT_INLINE, Location.of(source), textsNotInline
                    + " item(s) refer to their text by a Cloud Storage URI: read with empty text");
            textsNotInline = 0;
        }
    }
}
