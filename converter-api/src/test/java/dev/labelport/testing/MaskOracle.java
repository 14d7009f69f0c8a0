package dev.labelport.testing;

import dev.labelport.masks.Rle;
import dev.labelport.model.Mask;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The expected values pycocotools' {@code maskApi.c} gave, in {@code testdata/masks-oracle/}
 * (made by {@code converter-bench/oracle/make-expected.sh}), and our side in the same form.
 */
public final class MaskOracle {
    private MaskOracle() {
    }

    /** {@code case -> "STRING AREA X Y W H"} of one {@code .tsv} file, in file order. */
    public static Map<String, String> expected(String file) {
        Path f = TestData.root().resolve("masks-oracle").resolve(file);
        try {
            Map<String, String> out = new LinkedHashMap<>();
            List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
            for (String line : lines) {
                int tab = line.indexOf('\t');
                out.put(line.substring(0, tab), line.substring(tab + 1));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Our mask as the oracle prints it: rleToString, rleArea, rleToBbox. */
    public static String describe(Mask m, boolean hashLongStrings) {
        String s = Mask.encode(m.counts());
        if (s.isEmpty()) {
            s = "-";
        } else if (hashLongStrings && s.length() > 256) {
            s = "sha256:" + sha256(s);
        }
        double[] b = Rle.toBbox(m);
        return s + " " + m.area() + " " + (long) b[0] + " " + (long) b[1] + " " + (long) b[2] + " " + (long) b[3];
    }

    public static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
