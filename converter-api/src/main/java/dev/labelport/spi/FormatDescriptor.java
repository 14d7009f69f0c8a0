package dev.labelport.spi;

import dev.labelport.model.GeometryKind;
import dev.labelport.model.MediaKind;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Everything about a format that is declared once: the CLI listing, the README table, the
 * up-front compatibility check and the loss report all read from here.
 *
 * @param id             lower-case id, e.g. {@code coco}
 * @param aliases        other accepted names, e.g. {@code avala-json-external}
 * @param displayName    human name
 * @param fileExtensions typical extensions without a dot, for detection and listings
 * @param layout         whether the format is a single file or a directory tree
 * @param itemKinds      which items it holds (images, texts)
 * @param geometryKinds  which geometry kinds it holds natively
 * @param canRead        whether {@link FormatProvider#open} is implemented
 * @param canWrite       whether {@link FormatProvider#createWriter} is implemented
 * @param losses         one line on what a write into this format loses
 * @param options        the {@code --option} keys it understands
 */
public record FormatDescriptor(String id, List<String> aliases, String displayName, List<String> fileExtensions,
                               Layout layout, Set<MediaKind> itemKinds, Set<GeometryKind> geometryKinds,
                               boolean canRead, boolean canWrite, String losses, List<OptionSpec> options) {

    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9-]*");

    /** Whether the format is one file or a folder. */
    public enum Layout { FILE, DIRECTORY }

    public FormatDescriptor {
        Objects.requireNonNull(id, "id");
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("format id must be lower-case letters, digits and '-': " + id);
        }
        aliases = List.copyOf(aliases);
        fileExtensions = List.copyOf(fileExtensions);
        Objects.requireNonNull(layout, "layout");
        itemKinds = Set.copyOf(itemKinds);
        geometryKinds = geometryKinds.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(geometryKinds));
        Objects.requireNonNull(losses, "losses");
        options = List.copyOf(options);
    }

    /** True when {@code name} is the id or one of the aliases. */
    public boolean answersTo(String name) {
        return id.equals(name) || aliases.contains(name);
    }

    public boolean holds(GeometryKind kind) {
        return geometryKinds.contains(kind);
    }
}
