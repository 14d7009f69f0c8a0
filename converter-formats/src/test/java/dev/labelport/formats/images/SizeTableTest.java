package dev.labelport.formats.images;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labelport.Limits;
import dev.labelport.error.InvalidInputException;
import dev.labelport.error.LabelportException;
import dev.labelport.error.LimitExceededException;
import dev.labelport.model.Id;
import dev.labelport.model.Item;
import dev.labelport.spi.ImageSize;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SizeTableTest {

    @TempDir
    Path tmp;

    private Path table(String text) throws IOException {
        return Files.writeString(tmp.resolve("sizes.csv"), text);
    }

    private static Item item(String fileName) {
        return Item.image(Id.of(1)).fileName(fileName).build();
    }

    @Test
    void csvKeyedByPathAndBareName() throws IOException {
        SizeTable t = SizeTable.read(table("file,width,height\ntrain/a.jpg,640,480\r\n\"b, c.jpg\",10,20\n\nval/d.png,7.0,8\n"));
        assertEquals(3, t.size());
        assertEquals(new ImageSize(640, 480), t.sizeOf(item("train/a.jpg")));
        assertEquals(new ImageSize(640, 480), t.sizeOf(item("./train\\a.jpg")));
        assertEquals(new ImageSize(640, 480), t.sizeOf(item("a.jpg")), "by bare name");
        assertEquals(new ImageSize(640, 480), t.sizeOf(item("/mnt/data/a.jpg")), "by bare name of a longer path");
        assertEquals(new ImageSize(10, 20), t.sizeOf(item("b, c.jpg")));
        assertEquals(new ImageSize(7, 8), t.sizeOf(item("val/d.png")));
        assertNull(t.sizeOf(item("x.jpg")));
        assertNull(t.sizeOf(Item.image(Id.of(2)).build()));
    }

    @Test
    void tsvWithColumnsInAnyOrderAndExtraOnes() throws IOException {
        SizeTable t = SizeTable.read(table("\uFEFFHeight\tsplit\tFile_Name\tWidth\n480\ttrain\ta.jpg\t640\n"));
        assertEquals(new ImageSize(640, 480), t.sizeOf(item("a.jpg")));
    }

    @Test
    void aBareNameTwoRowsDisagreeOnIsNotGuessed() throws IOException {
        SizeTable t = SizeTable.read(table("file,width,height\ntrain/a.jpg,1,2\nval/a.jpg,3,4\ntest/a.jpg,1,2\n"));
        assertEquals(new ImageSize(3, 4), t.sizeOf(item("val/a.jpg")));
        assertNull(t.sizeOf(item("a.jpg")));
    }

    /** A YOLO folder without its images knows an image only by its label's path: images/train/a. */
    @Test
    void aNameWithoutItsExtensionFindsItsStemUnlessTwoRowsDisagree() throws IOException {
        SizeTable t = SizeTable.read(table("file,width,height\ntrain/a.jpg,640,480\nb.jpg,1,2\nb.png,3,4\n"));
        assertEquals(new ImageSize(640, 480), t.sizeOf(item("images/train/a")));
        assertEquals(new ImageSize(640, 480), t.sizeOf(item("a.jpeg")), "the stem, whatever the extension");
        assertNull(t.sizeOf(item("images/train/b")), "b.jpg and b.png disagree");
        assertEquals(new ImageSize(3, 4), t.sizeOf(item("b.png")));
    }

    private LabelportException fails(String text) throws IOException {
        Path p = table(text);
        return assertThrows(LabelportException.class, () -> SizeTable.read(p));
    }

    private static void assertAt(LabelportException e, long line, String words) {
        assertTrue(e.location().source().endsWith("sizes.csv"), e.getMessage());
        assertEquals(line, e.location().line(), e.getMessage());
        assertTrue(e.getMessage().contains(words), e.getMessage());
    }

    @Test
    void badTablesAreLocatedErrors() throws IOException {
        assertAt(fails(""), 1, "empty size table");
        assertAt(fails("name,w,h\na.jpg,1,2\n"), 1, "must name the columns file, width and height");
        assertAt(fails("file,width,height\na.jpg,1,2\nb.jpg,wide,2\n"), 3, "width is not a whole number: 'wide'");
        assertAt(fails("file,width,height\na.jpg,1,0\n"), 2, "height must be positive: 0");
        assertAt(fails("file,width,height\na.jpg,1\n"), 2, "expected 3 fields, got 2");
        assertAt(fails("file,width,height\na.jpg,1,2\na.jpg,1,3\n"), 3, "listed again with another size");
        assertAt(fails("file,width,height\n\"a.jpg,1,2\n"), 2, "unterminated quoted field");
        assertAt(fails("file,width,height\n,1,2\n"), 2, "empty file name");
        LabelportException big = fails("file,width,height\na.jpg,1,9999999999\n");
        assertTrue(big instanceof LimitExceededException, big.toString());
        assertAt(big, 2, "more than the limit");
        Files.write(tmp.resolve("latin1.csv"), new byte[] {'f', 'i', 'l', 'e', ',', 'w', 'i', 'd', 't', 'h', ',', 'h', 'e', 'i', 'g', 'h', 't', '\n', (byte) 0xE9, ',', '1', ',', '1', '\n'});
        InvalidInputException enc = assertThrows(InvalidInputException.class, () -> SizeTable.read(tmp.resolve("latin1.csv")));
        assertTrue(enc.getMessage().contains("not UTF-8"), enc.getMessage());
    }

    @Test
    void rowsAndLinesAreBounded() throws IOException {
        Path p = table("file,width,height\na.jpg,1,2\nb.jpg,1,2\nc.jpg,1,2\n");
        LimitExceededException rows = assertThrows(LimitExceededException.class, () -> SizeTable.read(p, Limits.DEFAULTS, 2));
        assertEquals(4, rows.location().line(), rows.getMessage());
        Limits shortLines = Limits.builder().maxLineLength(20).build();
        Path longLine = table("file,width,height\n" + "x".repeat(50) + ".jpg,1,2\n");
        LimitExceededException line = assertThrows(LimitExceededException.class, () -> SizeTable.read(longLine, shortLines, 10));
        assertEquals(2, line.location().line(), line.getMessage());
    }
}
