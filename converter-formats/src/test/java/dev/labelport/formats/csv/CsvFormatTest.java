package dev.labelport.formats.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labelport.Limits;
import dev.labelport.testing.Dataset;
import dev.labelport.testing.FormatContractTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class CsvFormatTest extends FormatContractTest {

    @Override
    protected String formatId() {
        return "csv";
    }

    @Override
    protected Dataset sample() {
        return CsvSamples.everything();
    }

    @Override
    protected Limits tinyLimits() {
        return Limits.builder().maxPolygonVertices(2).build();
    }

    /*
     * Truncation: this sample's half falls inside a quoted JSON cell, which is caught as an
     * unterminated quote. In general a CSV cut between two rows is a shorter valid file (see
     * CsvBadInputTest and the package documentation).
     */

    @Test
    void headerIsTheDocumentedColumnSet() throws IOException {
        Path out = write(sample(), "header");
        String first = Files.readAllLines(out, StandardCharsets.UTF_8).get(0);
        assertEquals("image,width,height,split,item_id,annotation_id,label,category_id,type,x,y,w,h,angle,points,text,"
                + "attributes,score,crowd,status,annotator,created,updated,extra", first);
        assertTrue(Files.readString(out).endsWith("\n"));
    }
}
