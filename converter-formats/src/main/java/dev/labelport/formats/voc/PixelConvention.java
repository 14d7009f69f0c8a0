package dev.labelport.formats.voc;

/**
 * How the four numbers of a VOC {@code <bndbox>} map to the model's pixel-edge box
 * ({@code x, y, width, height}, COCO's convention: the first pixel is {@code 0,0,1,1}).
 *
 * <ul>
 *   <li>{@link #ONE_BASED} (the VOC devkit): 1-based pixel indices, both ends inclusive.
 *       {@code x = xmin - 1}, {@code width = xmax - xmin + 1}; written back as
 *       {@code xmin = x + 1}, {@code xmax = x + width}.</li>
 *   <li>{@link #ZERO_BASED}: 0-based pixel indices, both ends inclusive.
 *       {@code x = xmin}, {@code width = xmax - xmin + 1}; written as {@code xmin = x},
 *       {@code xmax = x + width - 1}.</li>
 *   <li>{@link #RAW}: the numbers are pixel edges already, taken as they are.
 *       {@code x = xmin}, {@code width = xmax - xmin}; written as {@code xmin = x},
 *       {@code xmax = x + width}. TF Object Detection, Roboflow and TF Model Maker read VOC
 *       this way.</li>
 * </ul>
 * The same rules apply to {@code y}/{@code height} and, for the minimum corner only, to an
 * action {@code <point>}.
 */
public enum PixelConvention {
    ONE_BASED(1, 1),
    ZERO_BASED(0, 1),
    RAW(0, 0);

    private final int offset;
    private final int inclusive;

    PixelConvention(int offset, int inclusive) {
        this.offset = offset;
        this.inclusive = inclusive;
    }

    /** The model's left (top) edge of a box whose VOC minimum is {@code min}. */
    double edge(double min) {
        return min - offset;
    }

    /** The model's width (height) of a box from its VOC minimum and maximum. */
    double size(double min, double max) {
        return max - min + inclusive;
    }

    /** The VOC minimum of a box whose model edge is {@code edge}. */
    double min(double edge) {
        return edge + offset;
    }

    /** The VOC maximum of a box from its model edge and size. */
    double max(double edge, double size) {
        return edge + size + offset - inclusive;
    }

    /** The option value, e.g. {@code one-based}. */
    String optionValue() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
