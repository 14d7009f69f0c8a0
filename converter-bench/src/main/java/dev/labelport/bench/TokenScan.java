package dev.labelport.bench;

import dev.labelport.Limits;
import dev.labelport.internal.JsonSupport;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.core.JsonParser;
import tools.jackson.core.ObjectReadContext;

/**
 * The floor for any JSON reader: a bare Jackson token scan ({@code nextToken} until the end, no
 * value is decoded) with the same factory settings the formats use. A conversion cannot read the
 * file faster than this, so whole-file results are given as a ratio to it.
 */
public final class TokenScan {
    private TokenScan() {
    }

    /** The number of tokens in {@code file}. */
    public static long scan(Path file) {
        try (InputStream in = Files.newInputStream(file);
             JsonParser p = JsonSupport.factory(Limits.DEFAULTS).createParser(ObjectReadContext.empty(), in)) {
            long tokens = 0;
            while (p.nextToken() != null) {
                tokens++;
            }
            return tokens;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    static void main(Args args) throws IOException {
        Path in = Path.of(args.require("in"));
        long bytes = Files.size(in);
        long start = System.nanoTime();
        long tokens = scan(in);
        double wall = Measure.seconds(start);
        double rss = Measure.peakRssMb();
        System.out.printf(java.util.Locale.ROOT, "scan %s: %,d tokens, %s MB in %s s (%s MB/s), peak RSS %s MB%n",
                in.getFileName(), tokens, Measure.mb(bytes), Measure.fmt(wall),
                Measure.fmt(bytes / (1024.0 * 1024.0) / wall), Measure.fmt(rss));
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("step", "scan");
        r.put("wall_s", Measure.fmt(wall));
        r.put("rss_mb", Measure.fmt(rss));
        r.put("tokens", tokens);
        r.put("bytes", bytes);
        System.out.println(Measure.resultLine(r));
    }
}
