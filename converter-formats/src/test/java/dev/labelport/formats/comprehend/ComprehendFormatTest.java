package dev.labelport.formats.comprehend;

import static dev.labelport.formats.comprehend.ComprehendSamples.doc;

import dev.labelport.Limits;
import dev.labelport.model.Item;
import dev.labelport.testing.Dataset;
import dev.labelport.testing.FormatContractTest;
import java.util.List;

class ComprehendFormatTest extends FormatContractTest {

    @Override
    protected String formatId() {
        return "comprehend";
    }

    /**
     * One documents file, one document per line: entities at line starts and ends, a line
     * without entities, emoji, a flag, CJK and a combining mark before and inside spans, a
     * quote and commas in the text, an entity type with a comma (quoted in the CSV).
     */
    @Override
    protected Dataset sample() {
        List<Item> items = List.of(
                doc(1, "documents.txt", "Diego Ramirez is an engineer in the high tech industry.", "ENGINEER", 0, 13),
                doc(2, "documents.txt", "J Doe is a judge, \"on\" the Washington Supreme Court.", "JUDGE", 0, 5, "ORG", 27, 51),
                doc(3, "documents.txt", "No entity on this line."),
                doc(4, "documents.txt", "😀 🇫🇷 Zoë́ met 東京 people", "PERSON", 5, 9, "CITY,JP", 14, 16));
        return new Dataset(ComprehendSamples.header("task", "entities", "flavour", "csv", "documentMode", "line"), items);
    }

    @Override
    protected Limits tinyLimits() {
        return Limits.DEFAULTS.toBuilder().maxLineLength(20).build();
    }

    /** An annotations CSV cut at a row boundary is a complete CSV with fewer rows. */
    @Override
    protected boolean truncationIsDetectable() {
        return false;
    }
}
