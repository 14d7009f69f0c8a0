package dev.labelport.formats.yolo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Relative paths ('/'-separated, relative to the dataset root) of images and their label files:
 * the image ↔ label rules shared by the reader and the writer.
 */
final class YoloPaths {
    /** Image extensions, lower case (Ultralytics' IMG_FORMATS less the exotic ones). */
    static final Set<String> IMAGE_EXTENSIONS = Set.of("jpg", "jpeg", "png", "bmp", "gif", "webp", "tif", "tiff",
            "dng", "mpo", "pfm", "heic", "jp2");
    /** Extensions tried, in order, to find the image of a label file. */
    private static final List<String> PROBED_EXTENSIONS = List.of("jpg", "jpeg", "png", "JPG", "JPEG", "PNG", "bmp",
            "webp", "tif", "tiff", "gif", "BMP");
    /** Image folder name → label folder name; the last such image folder of a path is replaced. */
    static final List<String[]> FOLDER_PAIRS = List.of(new String[] {"images", "labels"}, new String[] {"Images", "Labels"},
            new String[] {"Images", "Annotations"}, new String[] {"images", "annotations"},
            new String[] {"JPEGImages", "labels"}, new String[] {"images", "labelTxt"});
    private static final Pattern DARKNET_DATA = Pattern.compile("obj_[^/]+_data");

    private YoloPaths() {
    }

    static boolean isImage(String name) {
        return IMAGE_EXTENSIONS.contains(extension(name).toLowerCase(Locale.ROOT));
    }

    /** Extension of the last segment without the dot, or "". */
    static String extension(String path) {
        int slash = path.lastIndexOf('/');
        int dot = path.lastIndexOf('.');
        return dot > slash + 1 ? path.substring(dot + 1) : "";
    }

    /** The path without the extension of its last segment. */
    static String withoutExtension(String path) {
        int slash = path.lastIndexOf('/');
        int dot = path.lastIndexOf('.');
        return dot > slash + 1 ? path.substring(0, dot) : path;
    }

    static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash);
    }

    static String fileName(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    static String join(String dir, String name) {
        return dir.isEmpty() ? name : dir + "/" + name;
    }

    /** The label paths an image may have, most specific first (Ultralytics' last-/images/ rule, then beside it). */
    static List<String> labelCandidates(String image) {
        return swapped(withoutExtension(image) + ".txt", 0, 1);
    }

    /** Folders (without the file) where the image of a label may be, most specific first. */
    static List<String> imageStemCandidates(String label) {
        return swapped(withoutExtension(label), 1, 0);
    }

    /** {@code path} with its last {@code pair[from]} folder swapped for {@code pair[to]}, for each pair, then as it is. */
    private static List<String> swapped(String path, int from, int to) {
        List<String> out = new ArrayList<>(3);
        for (String[] pair : FOLDER_PAIRS) {
            String swapped = swapLastFolder(path, pair[from], pair[to]);
            if (swapped != null && !out.contains(swapped)) {
                out.add(swapped);
            }
        }
        out.add(path);
        return out;
    }

    /**
     * The image of {@code label} that exists under {@code root} and whose label it is, or
     * {@code null}. {@code hasImages} says whether a folder holds any image at all, so that a
     * folder of labels alone costs one listing rather than a probe per extension and label.
     */
    static String existingImageOf(Path root, String label, java.util.function.Predicate<String> hasImages) {
        for (String stem : imageStemCandidates(label)) {
            if (!hasImages.test(parent(stem))) {
                continue;
            }
            for (String ext : PROBED_EXTENSIONS) {
                String image = stem + "." + ext;
                if (Files.isRegularFile(root.resolve(image)) && label.equals(existingLabelOf(root, image))) {
                    return image;
                }
            }
        }
        return null;
    }

    /** The first label candidate of {@code image} that exists under {@code root}, or {@code null}. */
    static String existingLabelOf(Path root, String image) {
        for (String l : labelCandidates(image)) {
            if (Files.isRegularFile(root.resolve(l))) {
                return l;
            }
        }
        return null;
    }

    /** The image path (no extension) a label file with no image stands for. */
    static String derivedImageName(String label) {
        return imageStemCandidates(label).get(0);
    }

    /** Replaces the last folder segment named {@code from} with {@code to}; {@code null} when there is none. */
    static String swapLastFolder(String path, String from, String to) {
        String[] segs = path.split("/", -1);
        for (int i = segs.length - 2; i >= 0; i--) {
            if (segs[i].equals(from)) {
                segs[i] = to;
                return String.join("/", segs);
            }
        }
        return null;
    }

    /** Whether a folder segment of {@code path} is a label folder ({@code labels}, {@code obj_train_data}...). */
    static boolean inLabelFolder(String path) {
        String[] segs = path.split("/", -1);
        for (int i = 0; i < segs.length - 1; i++) {
            String s = segs[i];
            if (DARKNET_DATA.matcher(s).matches()) {
                return true;
            }
            for (String[] pair : FOLDER_PAIRS) {
                if (pair[1].equals(s)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * The split a path implies: the folder after the last image/label folder
     * ({@code images/train/a.jpg}), else the folder before it ({@code train/images/a.jpg}), else
     * {@code obj_<split>_data}; {@code null} when the path says nothing.
     */
    static String inferSplit(String path) {
        String[] segs = path.split("/", -1);
        for (int i = segs.length - 2; i >= 0; i--) {
            String s = segs[i];
            if (isImageOrLabelFolder(s)) {
                if (i + 2 < segs.length) {
                    return segs[i + 1];
                }
                return i > 0 ? segs[i - 1] : null;
            }
            if (DARKNET_DATA.matcher(s).matches()) {
                String split = s.substring(4, s.length() - 5);
                return split.equals("valid") ? "val" : split;
            }
        }
        return null;
    }

    private static boolean isImageOrLabelFolder(String s) {
        for (String[] pair : FOLDER_PAIRS) {
            if (pair[0].equals(s) || pair[1].equals(s)) {
                return true;
            }
        }
        return false;
    }
}
