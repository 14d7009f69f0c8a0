package dev.labelport.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labelport.ConversionOptions;
import dev.labelport.ErrorPolicy;
import dev.labelport.FormatRegistry;
import dev.labelport.IdPolicy;
import dev.labelport.Labelport;
import dev.labelport.error.ErrorCode;
import dev.labelport.error.InvalidInputException;
import dev.labelport.error.LabelportException;
import dev.labelport.report.ConversionReport;
import dev.labelport.spi.FormatOptions;
import dev.labelport.model.MediaKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConversionTest {
    @TempDir
    Path tmp;

    private final Labelport lp = Labelport.using(FormatRegistry.builder()
            .register(new LinesFormat("lines", Set.of(MediaKind.IMAGE)))
            .register(new LinesFormat("other", Set.of(MediaKind.IMAGE)))
            .register(new LinesFormat("texty", Set.of(MediaKind.TEXT)))
            .build());

    private Path input(String... lines) throws IOException {
        Path in = tmp.resolve("in.lines");
        Files.writeString(in, String.join("\n", lines) + "\n");
        return in;
    }

    @Test
    void convertsAndCountsCheckValues() throws IOException {
        Path in = input("LINES a car 1 2 3 4 bus 0 0 1 1", "LINES b car 5 5 1 1", "LINES c");
        ConversionReport r = lp.conversion(in, tmp.resolve("out.lines")).from("lines").to("lines").run();
        assertEquals(3, r.itemsRead());
        assertEquals(3, r.itemsWritten());
        assertEquals(3, r.annotationsRead());
        assertEquals(3, r.annotationsWritten());
        assertEquals(Map.of("car", 2L, "bus", 1L), r.categories());
        assertEquals(Map.of("box", 3L), r.geometryKinds());
        assertTrue(r.lossless());
        assertTrue(r.toJson().contains("\"items_read\" : 3"), r.toJson());
    }

    @Test
    void detectsTheInputFormatOrSaysWhichTie() throws IOException {
        Path in = input("LINES a");
        LabelportException e = assertThrows(LabelportException.class, () -> lp.detect(in));
        assertEquals(ErrorCode.AMBIGUOUS_FORMAT, e.code());
        assertTrue(e.getMessage().contains("lines") && e.getMessage().contains("other"), e.getMessage());
        Labelport single = Labelport.using(FormatRegistry.builder().register(new LinesFormat("lines", Set.of(MediaKind.IMAGE))).build());
        assertEquals("lines", single.detect(in).descriptor().id());
    }

    @Test
    void formatsThatCannotShareItemsAreRefusedUpFront() throws IOException {
        Path in = input("LINES a");
        Path out = tmp.resolve("out.txt");
        LabelportException e = assertThrows(LabelportException.class,
                () -> lp.conversion(in, out).from("lines").to("texty").run());
        assertEquals(ErrorCode.UNSUPPORTED_CONVERSION, e.code());
        assertTrue(e.getMessage().contains("image") && e.getMessage().contains("text"), e.getMessage());
        assertFalse(Files.exists(out));
    }

    @Test
    void aFailedConversionLeavesNothingBehind() throws IOException {
        Path in = input("LINES a car 1 2 3 4", "garbage");
        Path dir = Files.createDirectories(tmp.resolve("out"));
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> lp.conversion(in, dir.resolve("x.lines")).from("lines").to("lines").run());
        assertEquals(2, e.location().line());
        assertEquals("in.lines", e.location().source());
        assertTrue(e.getMessage().startsWith("in.lines:2: "), e.getMessage());
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(0, s.count());
        }
    }

    @Test
    void lenientPolicyIsTheReadersToApply_strictFailsOnFirstLoss() throws IOException {
        Path in = input("LINES a car 1 2 3 4");
        Path out = tmp.resolve("o.lines");
        // crossing formats drops the reader's extension field "extra" but not the "derived" one
        ConversionReport r = lp.conversion(in, out).from("lines").to("other").run();
        assertEquals(1, r.lossCount("DROPPED_FIELD"));
        assertTrue(r.losses().get(0).examples().get(0).detail().contains("lines.extra"), r.toJson());
        Files.delete(out);
        LabelportException e = assertThrows(LabelportException.class, () -> lp.conversion(in, out).from("lines")
                .to("other").options(ConversionOptions.builder().strict(true).build()).run());
        assertEquals(ErrorCode.STRICT_LOSS, e.code());
        assertFalse(Files.exists(out));
    }

    @Test
    void existingOutputIsNotReplacedUnlessAsked() throws IOException {
        Path in = input("LINES a");
        Path out = tmp.resolve("o.lines");
        Files.writeString(out, "keep me");
        LabelportException e = assertThrows(LabelportException.class, () -> lp.conversion(in, out).from("lines").to("lines").run());
        assertEquals(ErrorCode.OUTPUT_EXISTS, e.code());
        assertEquals("keep me", Files.readString(out));
        lp.conversion(in, out).from("lines").to("lines").options(ConversionOptions.builder().overwrite(true).build()).run();
        assertEquals("LINES a\n", Files.readString(out));
    }

    @Test
    void renumberingIsExplicitAndReportedAsANote() throws IOException {
        Path in = input("LINES zz car 1 2 3 4", "LINES yy car 1 1 1 1");
        Path out = tmp.resolve("o.lines");
        ConversionReport r = lp.conversion(in, out).from("lines").to("lines")
                .options(ConversionOptions.builder().idPolicy(IdPolicy.RENUMBER_FROM_0).build()).run();
        assertEquals("LINES 0 car 1.0 2.0 3.0 4.0\nLINES 1 car 1.0 1.0 1.0 1.0\n", Files.readString(out));
        assertTrue(r.lossCount("RENUMBERED") > 0);
        assertTrue(r.lossless(), "renumbering on request is a note, not a loss");
    }

    @Test
    void unknownOptionsAndFormatsAreErrors() throws IOException {
        Path in = input("LINES a");
        Path out = tmp.resolve("o.lines");
        LabelportException e = assertThrows(LabelportException.class, () -> lp.conversion(in, out).from("lines").to("lines")
                .options(ConversionOptions.builder().readerOptions(FormatOptions.of(Map.of("fial-at", "1"))).build()).run());
        assertEquals(ErrorCode.INVALID_OPTION, e.code());
        assertTrue(e.getMessage().contains("fail-at"), e.getMessage());
        LabelportException u = assertThrows(LabelportException.class, () -> lp.conversion(in, out).from("nope").to("lines").run());
        assertEquals(ErrorCode.UNKNOWN_FORMAT, u.code());
        assertEquals("lines", lp.formats().require("LINES-ALIAS").descriptor().id());
    }

    @Test
    void duplicateFormatNamesAreRejectedUnlessReplaced() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FormatRegistry.builder()
                .register(new LinesFormat("lines", Set.of(MediaKind.IMAGE)))
                .register(new LinesFormat("lines", Set.of(MediaKind.TEXT))));
        assertTrue(e.getMessage().contains("already taken"));
        FormatRegistry r = FormatRegistry.builder().register(new LinesFormat("lines", Set.of(MediaKind.IMAGE)))
                .replace(new LinesFormat("lines", Set.of(MediaKind.TEXT))).build();
        assertEquals(Set.of(MediaKind.TEXT), r.require("lines").descriptor().itemKinds());
    }

    @Test
    void inspectReadsWithoutWriting() throws IOException {
        Path in = input("LINES a car 1 2 3 4", "LINES b");
        ConversionReport r = lp.inspect(in, "lines", ConversionOptions.DEFAULTS);
        assertEquals(2, r.itemsRead());
        assertEquals(0, r.itemsWritten());
        assertEquals(ErrorPolicy.FAIL, ConversionOptions.DEFAULTS.errorPolicy());
    }

    @Test
    void aFilterLeavesItemsOutAndSaysHowMany() throws IOException {
        Path in = input("LINES a car 1 2 3 4", "LINES b", "LINES c bus 0 0 1 1");
        Path out = tmp.resolve("o.lines");
        ConversionReport r = lp.conversion(in, out).from("lines").to("lines")
                .filter(item -> !item.annotations().isEmpty()).run();
        assertEquals("LINES a car 1.0 2.0 3.0 4.0\nLINES c bus 0.0 0.0 1.0 1.0\n", Files.readString(out));
        assertEquals(3, r.itemsRead());
        assertEquals(2, r.itemsWritten());
        assertEquals(1, r.lossCount("FILTERED"));
        assertTrue(r.lossless(), "leaving out what the caller asked to leave out is not a loss");
    }

    @Test
    void interruptingTheThreadCancelsAndLeavesNothing() throws IOException {
        Path in = input("LINES a", "LINES b");
        Path dir = Files.createDirectories(tmp.resolve("cancel"));
        Thread.currentThread().interrupt();
        try {
            LabelportException e = assertThrows(LabelportException.class,
                    () -> lp.conversion(in, dir.resolve("x.lines")).from("lines").to("lines").run());
            assertEquals(ErrorCode.CANCELLED, e.code());
        } finally {
            Thread.interrupted(); // clear the flag for the next test
        }
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(0, s.count());
        }
    }

    @Test
    void anExistingFolderIsNeverReplacedByAFileEvenWhenForced() throws IOException {
        Path in = input("LINES a");
        Path folder = Files.createDirectories(tmp.resolve("precious"));
        Files.writeString(folder.resolve("keep.txt"), "data");
        LabelportException e = assertThrows(LabelportException.class, () -> lp.conversion(in, folder).from("lines")
                .to("lines").options(ConversionOptions.builder().overwrite(true).build()).run());
        assertEquals(ErrorCode.OUTPUT_EXISTS, e.code());
        assertTrue(e.getMessage().contains("folder"), e.getMessage());
        assertEquals("data", Files.readString(folder.resolve("keep.txt")));
    }

    @Test
    void reportExamplesShowDistinctDetailsFirst() {
        dev.labelport.report.Reporter r = new dev.labelport.report.Reporter(false);
        for (int i = 0; i < 100; i++) {
            r.loss(dev.labelport.report.LossCode.DROPPED_FIELD, dev.labelport.error.Location.of("x"), "a.license");
        }
        r.loss(dev.labelport.report.LossCode.DROPPED_FIELD, dev.labelport.error.Location.of("x"), "a.coco_url");
        var entry = r.build("a", "b").losses().get(0);
        assertEquals(101, entry.count());
        assertEquals(java.util.List.of("a.license", "a.coco_url"),
                entry.examples().stream().map(dev.labelport.report.LossEntry.Example::detail).toList());
    }
}
