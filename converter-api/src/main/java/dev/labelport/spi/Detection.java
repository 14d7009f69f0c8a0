package dev.labelport.spi;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * What a format sees when asked whether an input is its own: the path, the first bytes of a
 * file, or up to {@value #MAX_ENTRIES} relative file names of a directory.
 */
public final class Detection {
    /** Bytes of a file shown to detectors. */
    public static final int HEAD_BYTES = 64 * 1024;
    /** Directory entries shown to detectors. */
    public static final int MAX_ENTRIES = 2000;

    private final Path path;
    private final boolean directory;
    private final byte[] head;
    private final List<String> entries;

    private Detection(Path path, boolean directory, byte[] head, List<String> entries) {
        this.path = path;
        this.directory = directory;
        this.head = head;
        this.entries = entries;
    }

    /** Probes {@code path}: reads the head of a file, or lists a directory. */
    public static Detection probe(Path path) throws IOException {
        if (Files.isDirectory(path)) {
            try (Stream<Path> s = Files.walk(path, 4)) {
                List<String> names = s.filter(Files::isRegularFile).limit(MAX_ENTRIES)
                        .map(p -> path.relativize(p).toString().replace('\\', '/')).sorted().toList();
                return new Detection(path, true, new byte[0], names);
            }
        }
        try (InputStream in = Files.newInputStream(path)) {
            return new Detection(path, false, in.readNBytes(HEAD_BYTES), List.of());
        }
    }

    public Path path() {
        return path;
    }

    public boolean isDirectory() {
        return directory;
    }

    /** Up to {@value #HEAD_BYTES} first bytes of a file (empty for a directory); a copy. */
    public byte[] head() {
        return head.clone();
    }

    /** The head decoded as UTF-8 (malformed bytes replaced), without a BOM. */
    public String headText() {
        String s = new String(head, StandardCharsets.UTF_8);
        return s.startsWith("\uFEFF") ? s.substring(1) : s;
    }

    /** Relative file names in a directory, sorted; empty for a file. */
    public List<String> entries() {
        return entries;
    }

    /** File name in lower case. */
    public String fileName() {
        Path f = path.getFileName();
        return f == null ? "" : f.toString().toLowerCase(java.util.Locale.ROOT);
    }
}
