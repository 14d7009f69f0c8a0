package dev.labelport.spi;

import dev.labelport.model.Item;
import java.nio.file.Path;

/**
 * Finds the file of an item's image, for a writer that lays images out (YOLO classify class
 * folders). The pipeline gives writers the source's {@link AnnotationSource#imageFile}.
 */
@FunctionalInterface
public interface ImageFiles {
    /** Knows no image. */
    ImageFiles NONE = item -> null;

    /** The readable image file of {@code item}, or {@code null} when it cannot be reached. */
    Path locate(Item item);
}
