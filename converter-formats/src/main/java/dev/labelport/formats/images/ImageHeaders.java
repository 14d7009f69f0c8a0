package dev.labelport.formats.images;

import dev.labelport.model.Item;
import dev.labelport.spi.ImageSize;
import dev.labelport.spi.ImageSizeResolver;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Image sizes read from image file headers, without decoding pixels.
 *
 * <p>FIRST CUT: plain ImageIO; the TwelveMonkeys plugins, EXIF orientation, caching and the
 * missing-image policy come with issue 3's image-size work. The signatures here are the ones the
 * formats code against.
 */
public final class ImageHeaders implements ImageSizeResolver {

    private final Path root;

    private ImageHeaders(Path root) {
        this.root = root;
    }

    /** A resolver that finds each item's image as {@code root.resolve(item.fileName())}. */
    public static ImageHeaders under(Path root) {
        return new ImageHeaders(root);
    }

    @Override
    public ImageSize sizeOf(Item item) {
        if (item.fileName() == null) {
            return null;
        }
        Path p = root.resolve(item.fileName());
        try {
            return Files.isRegularFile(p) ? read(p) : null;
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * The size of the image in {@code file} from its header, or {@code null} when no reader
     * recognises the file.
     */
    public static ImageSize read(Path file) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(Files.newInputStream(file))) {
            if (in == null) {
                return null;
            }
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                return null;
            }
            ImageReader r = readers.next();
            try {
                r.setInput(in, true, true);
                return new ImageSize(r.getWidth(0), r.getHeight(0));
            } finally {
                r.dispose();
            }
        }
    }
}
