package dev.labelport.formats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.labelport.Labelport;
import dev.labelport.report.ConversionReport;
import dev.labelport.testing.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The library keeps no shared mutable state: conversions running at once do not see each other. */
class ConcurrentConversionsTest {
    @TempDir
    Path tmp;

    @Test
    void manyConversionsAtOnceGiveTheSameOutputsAndReportsAsOneAtATime() throws Exception {
        Path sample = TestData.root().resolve("samples/instances_small.json");
        Labelport lp = Labelport.create(); // one shared, immutable instance
        Path reference = tmp.resolve("reference.json");
        String expectedReport = normalise(lp.conversion(sample, reference).from("coco").to("avala").run());
        String expectedOutput = withoutExportTime(Files.readString(reference));

        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<String[]>> runs = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                Path out = tmp.resolve("out-" + i + ".json");
                runs.add(pool.submit(() -> {
                    ConversionReport r = lp.conversion(sample, out).from("coco").to("avala").run();
                    return new String[] {normalise(r), withoutExportTime(Files.readString(out))};
                }));
            }
            for (Future<String[]> f : runs) {
                String[] got = f.get();
                assertEquals(expectedReport, got[0]);
                assertEquals(expectedOutput, got[1]);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** The report without the examples' output file names and export times, which differ per run. */
    private static String normalise(ConversionReport r) {
        return r.toJson().replaceAll("\"[^\"]*\\.json at ", "\"at ").replaceAll("\\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z", "T");
    }

    private static String withoutExportTime(String avala) {
        return avala.replaceAll("\"created_at\":\"[^\"]*\"", "\"created_at\":\"T\"");
    }
}
