package dev.labelport.spi;

/**
 * Width and height of an image in pixels, as displayed (after EXIF orientation when the
 * resolver applies it).
 */
public record ImageSize(int width, int height) {
    public ImageSize {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("image size must be positive: " + width + "x" + height);
        }
    }

    @Override
    public String toString() {
        return width + "x" + height;
    }
}
