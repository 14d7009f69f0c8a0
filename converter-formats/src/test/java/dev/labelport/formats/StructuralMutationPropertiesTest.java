package dev.labelport.formats;


import dev.labelport.ErrorPolicy;
import dev.labelport.FormatRegistry;
import dev.labelport.internal.AtomicOutput;
import dev.labelport.internal.ZipTree;
import dev.labelport.spi.FormatProvider;
import dev.labelport.spi.ReadContext;
import dev.labelport.testing.Dataset;
import dev.labelport.testing.Datasets;
import dev.labelport.testing.TestData;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Hostile folder structure, for the folder formats: a copy of an {@code input/} folder with a file
 * missing, a file where a folder should be, a symlink pointing outside the root, a name with
 * {@code ..} (as a file name, and as a reference inside a file), a 0-byte image, or the folder
 * zipped with two entries of the same name. As for {@link MutatedInputPropertiesTest}: read, or
 * refused with a located {@link LabelportException}; what is read writes back.
 */
class StructuralMutationPropertiesTest {
    /** What is done to the folder; {@code pick} chooses the file or folder it is done to. */
    enum Kind { MISSING_FILE, FILE_FOR_FOLDER, SYMLINK_OUTSIDE, DOTDOT_NAME, DOTDOT_REFERENCE, EMPTY_IMAGE, DUPLICATE_ZIP_ENTRY }

    record Case(String format, Path seed, Kind kind, int pick, ErrorPolicy policy) {
        @Override
        public String toString() {
            return format + " " + seed + " " + kind + " #" + pick + " " + policy;
        }
    }

    @Property(tries = 300)
    void hostileFolderStructureIsReadOrRefusedWithALocatedError(@ForAll("cases") Case c) throws IOException {
        check(c);
    }

    static void check(Case c) throws IOException {
        Path dir = Files.createTempDirectory("lp-structure");
        try {
            Path input = dir.resolve("damaged");
            MutatedInputPropertiesTest.copyTree(c.seed(), input);
            Path outside = Files.writeString(dir.resolve("outside.txt"), "0 0.5 0.5 0.1 0.1\n");
            String name = "damaged";
            if (c.kind() == Kind.DUPLICATE_ZIP_ENTRY) {
                name = "damaged.zip";
                Path zip = dir.resolve(name);
                Files.write(zip, zipWithDuplicate(input, c.pick()));
                input = zip;
            } else {
                mutate(input, outside, c.kind(), c.pick());
            }
            Path read = input;
            ReadContext ctx = ReadContext.of(name).withErrorPolicy(c.policy());
            MutatedInputPropertiesTest.readOrRefuse(c::toString, c.format(), dir,
                    () -> read(FormatRegistry.discover().require(c.format()), read, ctx), source -> true);
        } finally {
            AtomicOutput.deleteRecursively(dir);
        }
    }

    private static Dataset read(FormatProvider p, Path input, ReadContext ctx) {
        if (!Files.isDirectory(input)) {
            try (ZipTree tree = ZipTree.mount(input, ctx.sourceName())) {
                return Datasets.read(p, tree.root(), ctx);
            }
        }
        return Datasets.read(p, input, ctx);
    }

    private static void mutate(Path root, Path outside, Kind kind, int pick) throws IOException {
        List<Path> files = entries(root, true);
        List<Path> folders = entries(root, false);
        Path file = files.isEmpty() ? root.resolve("missing.txt") : files.get(Math.floorMod(pick, files.size()));
        switch (kind) {
            case MISSING_FILE -> Files.deleteIfExists(file);
            case FILE_FOR_FOLDER -> {
                Path folder = folders.isEmpty() ? root.resolve("labels") : folders.get(Math.floorMod(pick, folders.size()));
                AtomicOutput.deleteRecursively(folder);
                Files.writeString(folder, "0 0.5 0.5 0.1 0.1\n");
            }
            case SYMLINK_OUTSIDE -> {
                if (pick % 2 == 0 || folders.isEmpty()) {
                    Files.deleteIfExists(file);
                    Files.createSymbolicLink(file, outside);
                } else {
                    Path folder = folders.get(Math.floorMod(pick, folders.size()));
                    AtomicOutput.deleteRecursively(folder);
                    Files.createSymbolicLink(folder, outside.getParent());
                }
            }
            case DOTDOT_NAME -> {
                if (Files.exists(file)) {
                    Files.move(file, file.resolveSibling(".." + file.getFileName()));
                }
            }
            case DOTDOT_REFERENCE -> referToOutside(root, files, pick);
            case EMPTY_IMAGE -> {
                List<Path> images = files.stream().filter(StructuralMutationPropertiesTest::isImage).toList();
                Path image = images.isEmpty() ? file : images.get(Math.floorMod(pick, images.size()));
                Files.deleteIfExists(image);
                Files.write(image, new byte[0]);
            }
            default -> throw new IllegalStateException(kind.toString());
        }
    }

    /** In a text file of the folder, the first mention of another file's name becomes {@code ../name}. */
    private static void referToOutside(Path root, List<Path> files, int pick) throws IOException {
        List<Path> texts = files.stream().filter(f -> !isImage(f)).toList();
        if (texts.isEmpty()) {
            return;
        }
        Path text = texts.get(Math.floorMod(pick, texts.size()));
        String s = new String(Files.readAllBytes(text), StandardCharsets.UTF_8);
        for (Path other : files) {
            String stem = other.getFileName().toString();
            int dot = stem.lastIndexOf('.');
            String mention = dot > 0 ? stem.substring(0, dot) : stem;
            int at = mention.length() < 2 ? -1 : s.indexOf(mention);
            if (at >= 0) {
                s = s.substring(0, at) + "../../" + s.substring(at);
                Files.delete(text);
                Files.writeString(text, s);
                return;
            }
        }
    }

    /**
     * The folder as a zip whose entry {@code pick} appears twice (the second time with other
     * bytes). {@link ZipOutputStream} refuses duplicate names, so the copy is written under a
     * placeholder name of the same length and the name patched in the archive's bytes.
     */
    static byte[] zipWithDuplicate(Path root, int pick) throws IOException {
        List<Path> files = entries(root, true);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        String dup = null;
        String placeholder = null;
        try (ZipOutputStream z = new ZipOutputStream(bytes)) {
            for (Path f : files) {
                z.putNextEntry(new ZipEntry(relative(root, f)));
                Files.copy(f, z);
                z.closeEntry();
            }
            if (!files.isEmpty()) {
                Path f = files.get(Math.floorMod(pick, files.size()));
                dup = relative(root, f);
                placeholder = dup.substring(0, dup.length() - 1) + '\u0001';
                z.putNextEntry(new ZipEntry(placeholder));
                copyDamaged(f, z);
                z.closeEntry();
            }
        }
        byte[] out = bytes.toByteArray();
        if (dup != null) {
            replaceAll(out, placeholder.getBytes(StandardCharsets.UTF_8), dup.getBytes(StandardCharsets.UTF_8));
        }
        return out;
    }

    private static void copyDamaged(Path f, OutputStream out) throws IOException {
        byte[] b = Files.readAllBytes(f);
        out.write(b, 0, b.length / 2);
        out.write("\n0 0.5 0.5 0.2 0.2\n".getBytes(StandardCharsets.UTF_8));
    }

    private static void replaceAll(byte[] in, byte[] what, byte[] with) {
        for (int i = 0; i + what.length <= in.length; i++) {
            int j = 0;
            while (j < what.length && in[i + j] == what[j]) {
                j++;
            }
            if (j == what.length) {
                System.arraycopy(with, 0, in, i, with.length);
            }
        }
    }

    private static String relative(Path root, Path f) {
        return root.relativize(f).toString().replace('\\', '/');
    }

    private static boolean isImage(Path f) {
        String n = f.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".jpg") || n.endsWith(".jpeg") || n.endsWith(".png") || n.endsWith(".bmp") || n.endsWith(".webp")
                || n.endsWith(".tif") || n.endsWith(".tiff");
    }

    /** The regular files (or the folders other than the root) under {@code root}, sorted. */
    private static List<Path> entries(Path root, boolean regularFiles) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(f -> !f.equals(root) && (regularFiles ? Files.isRegularFile(f) : Files.isDirectory(f)))
                    .sorted().toList();
        }
    }

    /** The golden {@code input/} folders of the folder formats. */
    static List<Path> goldenFolders() {
        List<Path> seeds = new ArrayList<>();
        try (Stream<Path> s = Files.walk(TestData.root(), 3)) {
            for (Path f : s.sorted().toList()) {
                if (f.getFileName().toString().equals("input") && Files.isDirectory(f)) {
                    seeds.add(f);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return seeds;
    }

    @Provide
    Arbitrary<Case> cases() {
        List<Arbitrary<Case>> perSeed = new ArrayList<>();
        for (Path seed : goldenFolders()) {
            String format;
            try {
                format = RetypedJsonPropertiesTest.from(seed.getParent());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            perSeed.add(Combinators.combine(Arbitraries.of(Kind.class), Arbitraries.integers().between(0, 10_000),
                    Arbitraries.of(ErrorPolicy.class)).as((k, pick, pol) -> new Case(format, seed, k, pick, pol)));
        }
        return Arbitraries.oneOf(perSeed);
    }
}
