package dev.labelport.jobs;

import dev.labelport.Labelport;
import dev.labelport.error.ErrorCode;
import dev.labelport.error.LabelportException;
import dev.labelport.error.Location;
import dev.labelport.model.Item;
import dev.labelport.spi.AnnotationSource;
import dev.labelport.spi.FormatProvider;
import dev.labelport.spi.ReadContext;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A {@link DataProvider} over a folder of existing exports, for the CLI, the server's
 * {@code --data} folder and tests. Layout:
 *
 * <ul>
 *   <li>every file or folder directly in the root (but the two files below, and names starting
 *       with {@code .}) is a <b>dataset</b>, in any format Labelport reads, detected; its uid is
 *       the name without its last extension ({@code street.json} → {@code street});
 *   <li>{@code projects.properties}: {@code <project uid> = <dataset uid>, <dataset uid>...}: a
 *       project exports its datasets one after the other;
 *   <li>{@code slices.properties}: {@code <slice uid> = <dataset uid>: <item ref>, <item ref>...}:
 *       a slice is the listed items (by id or file name) of one dataset.
 * </ul>
 */
public final class FolderDataProvider implements DataProvider {
    private final Path root;
    private final Labelport labelport;
    private final Map<String, List<String>> projects;
    private final Map<String, Slice> slices;

    private record Slice(String dataset, Set<String> refs) {
    }

    private FolderDataProvider(Path root, Labelport labelport) {
        this.root = root;
        this.labelport = labelport;
        this.projects = new LinkedHashMap<>();
        properties(root.resolve("projects.properties")).forEach((k, v) -> projects.put(k, split(v)));
        this.slices = new LinkedHashMap<>();
        properties(root.resolve("slices.properties")).forEach((k, v) -> {
            int colon = v.indexOf(':');
            String ds = colon < 0 ? v.trim() : v.substring(0, colon).trim();
            slices.put(k, new Slice(ds, new LinkedHashSet<>(colon < 0 ? List.of() : split(v.substring(colon + 1)))));
        });
    }

    /** The exports in {@code root}, read with every format on the class path. */
    public static FolderDataProvider of(Path root) {
        return of(root, Labelport.create());
    }

    public static FolderDataProvider of(Path root, Labelport labelport) {
        if (!Files.isDirectory(root)) {
            throw new IllegalArgumentException("not a folder: " + root);
        }
        return new FolderDataProvider(root, labelport);
    }

    /** The dataset uids found in the root, sorted. */
    public List<String> datasets() {
        try (Stream<Path> s = Files.list(root)) {
            return s.map(p -> p.getFileName().toString())
                    .filter(n -> !n.startsWith(".") && !n.equals("projects.properties") && !n.equals("slices.properties"))
                    .map(FolderDataProvider::uidOf).sorted().distinct().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root, e);
        }
    }

    @Override
    public boolean exists(ScopeKind kind, String uid) {
        return switch (kind) {
            case DATASET -> dataset(uid) != null;
            case PROJECT -> projects.containsKey(uid);
            case SLICE -> slices.containsKey(uid);
        };
    }

    @Override
    public AnnotationSource open(ScopeKind kind, String uid) {
        return switch (kind) {
            case DATASET -> openDataset(uid);
            case PROJECT -> {
                List<String> ds = projects.get(uid);
                if (ds == null) {
                    throw notFound("project", uid);
                }
                yield new ConcatSource(ds.stream().map(d -> (java.util.function.Supplier<AnnotationSource>) () -> openDataset(d)).toList());
            }
            case SLICE -> {
                Slice s = slices.get(uid);
                if (s == null) {
                    throw notFound("slice", uid);
                }
                AnnotationSource src = openDataset(s.dataset());
                yield new FilteredSource(src, item -> s.refs().isEmpty() || matches(item, s.refs()));
            }
        };
    }

    /** The format of a dataset, detected; {@code null} when it does not exist. */
    public String formatOf(String uid) {
        Path p = dataset(uid);
        return p == null ? null : labelport.detect(p).descriptor().id();
    }

    private AnnotationSource openDataset(String uid) {
        Path p = dataset(uid);
        if (p == null) {
            throw notFound("dataset", uid);
        }
        FormatProvider f = labelport.detect(p);
        return f.open(p, ReadContext.of(p.getFileName().toString()));
    }

    static boolean matches(Item item, Set<String> refs) {
        return refs.contains(item.id().toString()) || (item.fileName() != null && refs.contains(item.fileName()));
    }

    private Path dataset(String uid) {
        try (Stream<Path> s = Files.list(root)) {
            return s.filter(p -> {
                String n = p.getFileName().toString();
                return !n.startsWith(".") && !n.endsWith(".properties") && uidOf(n).equals(uid);
            }).sorted().findFirst().orElse(null);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root, e);
        }
    }

    private static String uidOf(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot > 0 ? fileName.substring(0, dot) : fileName;
    }

    private static LabelportException notFound(String kind, String uid) {
        return new LabelportException(ErrorCode.INVALID_INPUT, Location.UNKNOWN, "no " + kind + " " + uid);
    }

    private static List<String> split(String v) {
        List<String> out = new ArrayList<>();
        for (String s : v.split(",")) {
            if (!s.isBlank()) {
                out.add(s.trim());
            }
        }
        return out;
    }

    private static Map<String, String> properties(Path file) {
        Map<String, String> out = new LinkedHashMap<>();
        if (!Files.isRegularFile(file)) {
            return out;
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        p.stringPropertyNames().stream().sorted().forEach(k -> out.put(k, p.getProperty(k)));
        return out;
    }
}
