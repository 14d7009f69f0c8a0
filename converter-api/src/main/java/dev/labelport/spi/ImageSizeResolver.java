package dev.labelport.spi;

import dev.labelport.model.Item;

/**
 * Finds the pixel size of an item's image when the annotations alone do not give it (YOLO,
 * Vertex and Azure store coordinates normalised to [0, 1]). Given by the user through
 * {@code ConversionOptions.imageSizes}: a size table, image headers under a folder, or both.
 * Implementations are thread-safe.
 */
@FunctionalInterface
public interface ImageSizeResolver {

    /** Knows no size. */
    ImageSizeResolver NONE = item -> null;

    /** The size of {@code item}'s image, or {@code null} when unknown. */
    ImageSize sizeOf(Item item);

    /** This resolver, then {@code next} for the items this one does not know. */
    default ImageSizeResolver orElse(ImageSizeResolver next) {
        return item -> {
            ImageSize s = sizeOf(item);
            return s != null ? s : next.sizeOf(item);
        };
    }
}
