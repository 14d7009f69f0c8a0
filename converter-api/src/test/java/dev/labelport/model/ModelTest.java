package dev.labelport.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labelport.json.JsonNumber;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelTest {

    @Test
    void idsKeepTheirForm() {
        assertNotEquals(Id.of(1), Id.of("1"));
        assertTrue(Id.of("1").isIntegerLike());
        assertFalse(Id.of("01").isIntegerLike());
        assertEquals(0, Id.of(0).asLong());
        assertThrows(IllegalArgumentException.class, () -> new Id("1.5", true));
        assertEquals("\"a\"", Id.of("a").toString());
    }

    @Test
    void numbersKeepTheirLexicalFormButCompareByValue() {
        JsonNumber a = JsonNumber.parse("1140.0");
        assertEquals("1140.0", a.lexical());
        assertEquals(JsonNumber.parse("1140"), a);
        assertThrows(NumberFormatException.class, () -> JsonNumber.parse("abc"));
        for (String bad : new String[] {"", "-", "01", "1.", ".5", "1e", "1e+", "+1", "1 ", "NaN", "0x10", "--1"}) {
            assertThrows(NumberFormatException.class, () -> JsonNumber.parse(bad), bad);
        }
        for (String good : new String[] {"0", "-0", "10", "1.5", "-0.25", "1e5", "1E-7", "2.5e+10", "123456789012345678901234"}) {
            assertEquals(good, JsonNumber.parse(good).lexical(), good);
        }
    }

    @Test
    void geometryValidatesOnConstruction() {
        assertThrows(IllegalArgumentException.class, () -> new Box(0, 0, -1, 1));
        assertThrows(IllegalArgumentException.class, () -> new Box(Double.NaN, 0, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> PointList.of(1, 2, 3));
        assertThrows(IllegalArgumentException.class, () -> new TextSpan(3, 2, ""));
        assertThrows(IllegalArgumentException.class, () -> Keypoints.of(PointList.of(1, 2), new int[] {3}));
        assertThrows(IllegalArgumentException.class, () -> new Polygon(List.of()));
    }

    @Test
    void theBoxOfAnAnnotationIsTheStatedOneBeforeTheDerivedOne() {
        Polygon square = Polygon.of(PointList.of(10, 10, 70, 10, 70, 50, 10, 50));
        Box stated = new Box(12, 11, 55, 38);
        assertEquals(stated, Annotation.builder(square).objectBox(stated).build().box());
        assertEquals(new Box(10, 10, 60, 40), Annotation.builder(square).build().box());
        Box own = new Box(1, 2, 3, 4);
        Annotation box = Annotation.builder(own).objectBox(stated).build();
        assertNull(box.objectBox(), "a box is its own box");
        assertEquals(own, box.box());
        // keypoints: the labelled points only (an unlabelled 0,0 is no part of the object); none → no box
        Keypoints k = Keypoints.of(PointList.of(0, 0, 5, 6, 9, 8), new int[] {0, 2, 1});
        assertEquals(new Box(5, 6, 4, 2), Annotation.builder(k).build().box());
        assertNull(Annotation.builder(Keypoints.of(PointList.of(0, 0), new int[] {0})).build().box());
        assertNull(Annotation.builder(Tag.INSTANCE).build().box());
        assertNotEquals(Annotation.builder(square).build(), Annotation.builder(square).objectBox(stated).build());
        assertEquals(stated, Annotation.builder(square).objectBox(stated).build().toBuilder().build().objectBox());
    }

    @Test
    void polygonAreaAndBounds() {
        Polygon square = Polygon.of(PointList.of(0, 0, 4, 0, 4, 4, 0, 4));
        assertEquals(16, square.area(), 1e-12);
        assertEquals(new Box(0, 0, 4, 4), square.bounds());
        Polygon withHole = new Polygon(List.of(new Polygon.Part(PointList.of(0, 0, 4, 0, 4, 4, 0, 4),
                List.of(PointList.of(1, 1, 2, 1, 2, 2, 1, 2)))));
        assertEquals(15, withHole.area(), 1e-12);
        assertTrue(withHole.hasHoles());
    }

    @Test
    void timestampsKeepRawTextAndParseWhatTheyCan() {
        assertEquals(Instant.parse("2025-01-21T10:00:00Z"), Timestamp.parse("2025-01-21T10:00:00Z").instant());
        assertEquals(Instant.parse("2013-11-14T11:18:45Z"), Timestamp.parse("2013-11-14 11:18:45").instant());
        assertNull(Timestamp.parse("0").instant());
        assertEquals("0", Timestamp.parse("0").raw());
    }

    @Test
    void textContentOffsetsCountCodePoints() {
        TextContent t = TextContent.fromTokens(List.of("😀x", "日本", "é"), null);
        assertEquals("😀x 日本 é", t.text());
        assertEquals(0, t.tokens().get(0).start());
        assertEquals(2, t.tokens().get(0).end());
        assertEquals(3, t.tokens().get(1).start());
        assertEquals("日本", t.slice(3, 5));
        assertEquals(7, t.length());
        assertTrue(t.reconstructed());
    }

    @Test
    void statusVocabularyMapsToCanonical() {
        assertEquals(Status.ACCEPTED, WorkflowStatus.of("accepted").canonical());
        assertEquals(Status.IN_REVIEW, WorkflowStatus.of("client_review").canonical());
        assertEquals(Status.OTHER, WorkflowStatus.of("frobnicated").canonical());
        assertEquals("Review_Ready", WorkflowStatus.of("Review_Ready").raw());
    }

    @Test
    void textItemsNeedText() {
        assertThrows(NullPointerException.class, () -> Item.text(Id.of(1), null));
        assertThrows(IllegalArgumentException.class, () -> Item.image(Id.of(1)).size(-1, 3).build());
    }
}
