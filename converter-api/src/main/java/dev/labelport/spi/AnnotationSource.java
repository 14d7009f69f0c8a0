package dev.labelport.spi;

import dev.labelport.model.DatasetHeader;
import dev.labelport.model.Item;
import java.io.Closeable;

/**
 * A pull stream of one dataset: the {@link #header()} first, then items, each with its
 * annotations, until {@link #next()} returns {@code null}. Implementations keep memory bounded
 * whatever the input size. Not thread-safe.
 */
public interface AnnotationSource extends Closeable {

    /** The dataset header; available as soon as the source is open. */
    DatasetHeader header();

    /** The next item with all its annotations, or {@code null} when the input is exhausted. */
    Item next();

    /** Releases files and buffers; idempotent. */
    @Override
    void close();

    /**
     * The pixel size of {@code item}'s image when the source can find it (a YOLO folder knows
     * where its images are and reads their headers), or {@code null}. Called by the pipeline
     * only for items that lack a size and need one, so a source pays for image headers only
     * when a conversion needs pixels. The default knows nothing.
     */
    default ImageSize imageSize(dev.labelport.model.Item item) {
        return null;
    }

    /**
     * The file of {@code item}'s image when the source can reach it (a YOLO folder holds its
     * images), or {@code null}; a writer that lays images out (YOLO classify) copies or links it.
     * The default knows none.
     */
    default java.nio.file.Path imageFile(dev.labelport.model.Item item) {
        return null;
    }
}
