package dev.labelport.formats.comprehend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labelport.FormatRegistry;
import dev.labelport.error.InvalidInputException;
import dev.labelport.model.Annotation;
import dev.labelport.model.Item;
import dev.labelport.model.TextSpan;
import dev.labelport.report.Reporter;
import dev.labelport.spi.FormatOptions;
import dev.labelport.spi.FormatProvider;
import dev.labelport.spi.ReadContext;
import dev.labelport.testing.Dataset;
import dev.labelport.testing.Datasets;
import dev.labelport.testing.ExternalData;
import dev.labelport.testing.ExternalSamples;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The AWS documentation examples (external set #42, {@code comprehend/awsdocs-cer-doc-examples}),
 * read in place. Counts were taken by hand from the files: {@code annotations/documents.txt} has
 * 4 lines and {@code annotations.csv} 3 rows (lines 0, 1 and 3; line 2 has no entity); the
 * entity list has 3 rows (2 ENGINEER, 1 MANAGER). Row 2 of the annotations is AWS's own
 * off-by-one: {@code 0, 15} on "Emilio Johnson has been…" covers "Emilio Johnson " with the
 * space after the name.
 */
@ExternalSamples
class ComprehendExternalDataTest {
    private static final String SET = "comprehend/awsdocs-cer-doc-examples/";
    private final FormatProvider comprehend = FormatRegistry.discover().require("comprehend");

    private Dataset read(Path in, Reporter reporter, Map<String, String> options) {
        ReadContext ctx = new ReadContext("annotations", FormatOptions.of(options), dev.labelport.Limits.DEFAULTS,
                dev.labelport.ErrorPolicy.FAIL, reporter, null);
        return Datasets.read(comprehend, in, ctx);
    }

    @Test
    void annotationsFolderReadsEveryLineAndTheThreeEntities() {
        Path in = ExternalData.resolve(SET + "annotations");
        Reporter reporter = new Reporter(false);
        Dataset d = read(in, reporter, Map.of());
        assertEquals(4, d.items().size());
        assertEquals(3, d.annotationCount());
        assertEquals(List.of(1, 1, 0, 1), d.items().stream().map(i -> i.annotations().size()).toList());
        assertEquals("documents.txt", d.items().get(0).fileName());
        assertEquals(new TextSpan(0, 13, "Diego Ramirez"), d.items().get(0).annotations().get(0).geometry());
        assertEquals(new TextSpan(25, 38, "Mateo Jackson"), d.items().get(3).annotations().get(0).geometry());
        assertEquals("MANAGER", d.items().get(3).annotations().get(0).category().name());
        // the off-by-one row is kept as given and noted once, at its CSV line
        Annotation emilio = d.items().get(1).annotations().get(0);
        assertEquals(new TextSpan(0, 15, "Emilio Johnson "), emilio.geometry());
        assertEquals(1, reporter.lossCount("SUSPECT_SPAN"), reporter.build("comprehend", "none").toJson());
        assertTrue(reporter.build("comprehend", "none").toJson().contains("annotations/annotations.csv:3"), reporter.build("comprehend", "none").toJson());
        assertTrue(reporter.build("comprehend", "none").lossless());
    }

    @Test
    void offByOneIsTrimmedOnRequest() {
        Reporter reporter = new Reporter(false);
        Dataset d = read(ExternalData.resolve(SET + "annotations"), reporter, Map.of("span-check", "trim"));
        assertEquals(new TextSpan(0, 14, "Emilio Johnson"), d.items().get(1).annotations().get(0).geometry());
        assertEquals(1, reporter.lossCount("TRIMMED_SPAN"));
    }

    @Test
    void offByOneIsALocatedErrorOnRequest() {
        Path annotations = ExternalData.resolve(SET + "annotations"); // outside the lambda: a skip must stay a skip
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> read(annotations, new Reporter(false), Map.of("span-check", "error")));
        assertEquals("annotations/annotations.csv", e.location().source());
        assertEquals(3, e.location().line());
        assertTrue(e.getMessage().contains("'Emilio Johnson ' of ENGINEER in documents.txt Line 1 ends with whitespace"), e.getMessage());
    }

    @Test
    void entityListFolderReadsTheListedEntities() {
        Reporter reporter = new Reporter(false);
        Dataset d = read(ExternalData.resolve(SET + "entity-list"), reporter, Map.of());
        assertEquals(List.of("Jo Brown", "John Doe", "Jane Smith"), d.items().stream().map(i -> i.text().text()).toList());
        assertEquals(List.of("ENGINEER", "ENGINEER", "MANAGER"),
                d.items().stream().map(i -> i.annotations().get(0).category().name()).toList());
        Item jane = d.items().get(2);
        assertEquals(new TextSpan(0, 10, "Jane Smith"), jane.annotations().get(0).geometry());
        assertEquals(1, reporter.lossCount("SYNTHESISED"));
    }
}
