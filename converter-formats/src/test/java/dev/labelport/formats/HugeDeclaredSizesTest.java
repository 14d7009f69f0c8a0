package dev.labelport.formats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labelport.FormatRegistry;
import dev.labelport.Labelport;
import dev.labelport.error.LabelportException;
import dev.labelport.error.LimitExceededException;
import dev.labelport.spi.ReadContext;
import dev.labelport.testing.Datasets;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every reader, given a tiny input that declares a huge size (an image dimension, a mask size,
 * an RLE run, a count, a line or document offset, a nesting depth), refuses it with a located
 * error under the default limits, before allocating from it. Runs in its own surefire execution
 * at {@code -Xmx64m} (tag {@code small-heap}), where allocating from any of these would be an
 * OutOfMemoryError. {@code limit} cases must be a {@link LimitExceededException}; the others
 * (a declared reference beyond the data) may be any located refusal. Not here because nothing is
 * allocated from it: COCO's {@code num_keypoints} (kept as written). CoNLL declares nothing, so
 * its case is a real line a million chars past the line limit.
 */
@Tag("small-heap")
class HugeDeclaredSizesTest {
    private static final String DEEP = "[".repeat(100_000);
    private static final String HUGE = "1000000000";

    @TempDir
    Path tmp;

    static Stream<Arguments> cases() {
        String cocoImage = "{\"images\":[{\"id\":1,\"file_name\":\"a.jpg\",\"width\":%s,\"height\":%s}],\"annotations\":[%s],"
                + "\"categories\":[{\"id\":1,\"name\":\"cat\"}]}";
        return Stream.of(
                Arguments.of("coco", "image width", true, Map.of("in.json", cocoImage.formatted(HUGE, "10", ""))),
                Arguments.of("coco", "mask size", true, Map.of("in.json", cocoImage.formatted("10", "10",
                        "{\"id\":1,\"image_id\":1,\"category_id\":1,\"iscrowd\":1,\"segmentation\":{\"size\":[" + HUGE + ","
                                + HUGE + "],\"counts\":[0,5]}}"))),
                Arguments.of("coco", "compressed RLE run", false, Map.of("in.json", cocoImage.formatted("10", "10",
                        "{\"id\":1,\"image_id\":1,\"category_id\":1,\"iscrowd\":1,\"segmentation\":{\"size\":[10,10],"
                                + "\"counts\":\"" + "o".repeat(40) + "\"}}"))),
                Arguments.of("coco", "nesting depth", true, Map.of("in.json", "{\"images\":[{\"id\":1,\"x\":" + DEEP)),
                Arguments.of("avala", "nesting depth", true, Map.of("in.json", "{\"scheme_version\":\"1.0\",\"x\":" + DEEP)),
                Arguments.of("azure-automl", "image width", true, Map.of("in.jsonl", "{\"image_url\":\"a.jpg\",\"image_details\":"
                        + "{\"width\":\"" + HUGE + "px\",\"height\":\"10px\"},\"label\":[{\"label\":\"can\",\"topX\":0.1,"
                        + "\"topY\":0.1,\"bottomX\":0.5,\"bottomY\":0.5}]}\n")),
                Arguments.of("azure-automl", "nesting depth", true, Map.of("in.jsonl", "{\"image_url\":\"a.jpg\",\"x\":" + DEEP)),
                Arguments.of("vertex", "nesting depth", true, Map.of("in.jsonl", "{\"imageGcsUri\":\"gs://b/a.jpg\",\"x\":" + DEEP)),
                Arguments.of("csv", "image width", true, Map.of("in.csv",
                        "filename,width,height,class,xmin,ymin,xmax,ymax\na.jpg," + HUGE + ",10,cat,1,1,2,2\n")),
                Arguments.of("hf-csv", "nesting depth", true, Map.of("in.jsonl", "{\"words\":" + DEEP)),
                Arguments.of("comprehend", "document line", false, Map.of("input/documents.txt", "Jo met Ann\n",
                        "input/annotations.csv", "File,Line,Begin Offset,End Offset,Type\ndocuments.txt," + HUGE + ",0,2,PER\n")),
                Arguments.of("comprehend", "entity offset", false, Map.of("input/documents.txt", "Jo met Ann\n",
                        "input/annotations.csv", "File,Line,Begin Offset,End Offset,Type\ndocuments.txt,0,0," + HUGE + ",PER\n")),
                Arguments.of("voc", "image width", true, Map.of("in.xml", "<annotation><filename>a.jpg</filename><size><width>"
                        + HUGE + "</width><height>10</height></size></annotation>")),
                Arguments.of("voc", "nesting depth", true, Map.of("in.xml", "<annotation>" + "<a>".repeat(100_000))),
                Arguments.of("yolo", "class count", false, Map.of("input/data.yaml", "nc: " + HUGE + "\ntrain: images/train\n",
                        "input/labels/train/a.txt", "0 0.5 0.5 0.1 0.1\n", "input/images/train/a.jpg", "")),
                Arguments.of("conll", "line length", true, Map.of("in.conll", "")));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("cases")
    void aTinyInputDeclaringAHugeSizeIsRefusedBeforeAllocation(String format, String what, boolean limit,
                                                               Map<String, String> files) throws IOException {
        Path input = null;
        for (var f : files.entrySet()) {
            Path p = tmp.resolve(f.getKey());
            Files.createDirectories(p.getParent());
            Files.writeString(p, f.getValue(), StandardCharsets.UTF_8);
            input = f.getKey().startsWith("input/") ? tmp.resolve("input") : p;
        }
        if (format.equals("conll")) {
            longLine(input, 11_000_000); // just past the default 10M-char line limit
        }
        Path in = input;
        String name = in.getFileName().toString();
        LabelportException e = assertThrows(LabelportException.class,
                () -> Datasets.read(FormatRegistry.discover().require(format), in, ReadContext.of(name)), format + " " + what);
        if (limit) {
            assertInstanceOf(LimitExceededException.class, e, e.toString());
        }
        assertTrue(e.location().source() != null && e.location().source().startsWith(name), e.getMessage());
        assertTrue(e.getMessage().startsWith(e.location().source()), e.getMessage());
    }

    /** YOLO reads image sizes from headers: a 33-byte PNG declaring 2^31-1 pixels a side is refused on conversion. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("headers")
    void anImageHeaderDeclaringAHugeSizeIsRefused(String image, byte[] header) throws IOException {
        Path root = tmp.resolve("yolo");
        Files.createDirectories(root.resolve("labels/train"));
        Files.createDirectories(root.resolve("images/train"));
        Files.writeString(root.resolve("data.yaml"), "names: [cat]\ntrain: images/train\n");
        Files.writeString(root.resolve("labels/train/a.txt"), "0 0.5 0.5 0.1 0.1\n");
        Files.write(root.resolve("images/train").resolve(image), header);
        LabelportException e = assertThrows(LabelportException.class,
                () -> Labelport.create().conversion(root, tmp.resolve("out.json")).from("yolo").to("coco").run());
        assertInstanceOf(LimitExceededException.class, e, e.toString());
        assertTrue(e.getMessage().contains(image), e.getMessage());
        assertEquals(false, Files.exists(tmp.resolve("out.json")));
    }

    static Stream<Arguments> headers() {
        return Stream.of(Arguments.of("a.png", png(Integer.MAX_VALUE, Integer.MAX_VALUE)));
    }

    private static byte[] png(int width, int height) {
        ByteBuffer b = ByteBuffer.allocate(33);
        b.put(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        b.putInt(13).put("IHDR".getBytes(StandardCharsets.US_ASCII)).putInt(width).putInt(height)
                .put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0);
        CRC32 crc = new CRC32();
        crc.update(b.array(), 12, 17);
        b.putInt((int) crc.getValue());
        return b.array();
    }

    private static void longLine(Path file, int chars) throws IOException {
        byte[] chunk = "x".repeat(1 << 16).getBytes(StandardCharsets.US_ASCII);
        try (OutputStream out = Files.newOutputStream(file)) {
            for (int n = 0; n < chars; n += chunk.length) {
                out.write(chunk);
            }
            out.write(" O\n".getBytes(StandardCharsets.US_ASCII));
        }
    }
}
