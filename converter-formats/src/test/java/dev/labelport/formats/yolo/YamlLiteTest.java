package dev.labelport.formats.yolo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.labelport.error.LimitExceededException;
import dev.labelport.formats.yolo.YamlLite.Mapping;
import dev.labelport.formats.yolo.YamlLite.Node;
import dev.labelport.formats.yolo.YamlLite.Scalar;
import dev.labelport.formats.yolo.YamlLite.Seq;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** The data.yaml subset: what real files use is read, values as strings. */
class YamlLiteTest {

    private static Mapping parse(String s) {
        return YamlLite.parse(s, "data.yaml", 10_000);
    }

    private static List<String> strings(Node n) {
        return ((Seq) n).items().stream().map(x -> ((Scalar) x).value()).toList();
    }

    @Test
    void ultralyticsStyle() {
        Mapping m = parse("""
                # Ultralytics YOLO, AGPL-3.0 license
                path: ../datasets/coco8 # dataset root dir
                train: images/train # train images (relative to 'path') 4 images
                val: images/val
                test: # test images (optional)

                # Classes
                names:
                  0: person
                  1: bicycle
                  2: "traffic light"
                  '3': 'it''s # not a comment'
                download: https://github.com/ultralytics/assets/releases/download/v0.0.0/coco8.zip
                """);
        assertEquals("../datasets/coco8", ((Scalar) m.get("path")).value());
        assertNull(((Scalar) m.get("test")).value());
        Mapping names = (Mapping) m.get("names");
        assertEquals(List.of("0", "1", "2", "3"), List.copyOf(names.entries().keySet()));
        assertEquals("traffic light", ((Scalar) names.get("2")).value());
        assertEquals("it's # not a comment", ((Scalar) names.get("3")).value());
        assertEquals(10, names.keys().get("1").line());
        assertEquals("https://github.com/ultralytics/assets/releases/download/v0.0.0/coco8.zip", ((Scalar) m.get("download")).value());
    }

    @Test
    void roboflowStyleFlowListsAndBlockLists() {
        Mapping m = parse("train: ../train/images\r\nval: ../valid/images\r\n\r\nnc: 2\r\nnames: ['label_0', \"label_1\"]\r\n");
        assertEquals(List.of("label_0", "label_1"), strings(m.get("names")));
        Mapping block = parse("---\nnames:\n- a\n- b c\nkpt_shape: [17, 3]\nflip_idx: [0, 2, 1,\n  4, 3]\n");
        assertEquals(List.of("a", "b c"), strings(block.get("names")));
        assertEquals(List.of("17", "3"), strings(block.get("kpt_shape")));
        assertEquals(List.of("0", "2", "1", "4", "3"), strings(block.get("flip_idx")));
        Mapping flowMap = parse("names: {0: person, 1: car}\n");
        assertEquals("car", ((Scalar) ((Mapping) flowMap.get("names")).get("1")).value());
    }

    @Test
    void blockScalarsAreKeptAsText() {
        Mapping m = parse("download: |\n  from x import y\n  y()\nnames: [a]\n");
        assertEquals("from x import y\ny()", ((Scalar) m.get("download")).value());
        assertEquals(List.of("a"), strings(m.get("names")));
    }

    @Test
    void emptyDocumentIsAnEmptyMapping() {
        assertEquals(0, parse("# nothing\n\n").entries().size());
    }

    @Test
    void boundedNestingAndEntries() {
        assertThrows(LimitExceededException.class, () -> parse("a: " + "[".repeat(40) + "]".repeat(40) + "\n"));
        assertThrows(LimitExceededException.class, () -> YamlLite.parse("names: [a, b, c]\n", "data.yaml", 2));
    }

    /** Any string the writer quotes reads back as itself. */
    @Property(tries = 300)
    void writtenScalarsReadBack(@ForAll("names") String name) {
        Mapping m = parse("names:\n  0: " + YamlLite.scalar(name) + "\n");
        assertEquals(name, ((Scalar) ((Mapping) m.get("names")).get("0")).value());
    }

    @Provide
    Arbitrary<String> names() {
        return Arbitraries.oneOf(
                Arbitraries.strings().withChars("abc ':#-[]{},&*!|>\"\\%@`?\t\n").ofMinLength(1).ofMaxLength(12),
                Arbitraries.of("true", "null", "~", "0", "1.5", "- a", "a: b", " lead", "trail ", "'", "#x", "yes", "traffic light"),
                Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(8));
    }
}
