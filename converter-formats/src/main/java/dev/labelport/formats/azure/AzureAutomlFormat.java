package dev.labelport.formats.azure;

import dev.labelport.Limits;
import dev.labelport.formats.conll.ConllFormat;
import dev.labelport.internal.JsonSupport;
import dev.labelport.model.GeometryKind;
import dev.labelport.model.MediaKind;
import dev.labelport.spi.AnnotationSource;
import dev.labelport.spi.Detection;
import dev.labelport.spi.ExportWriter;
import dev.labelport.spi.FormatDescriptor;
import dev.labelport.spi.FormatProvider;
import dev.labelport.spi.OptionSpec;
import dev.labelport.spi.ReadContext;
import dev.labelport.spi.WriteContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;

/**
 * Azure Machine Learning AutoML training data: JSON Lines for images, CSV for text
 * classification, two-column CoNLL for named entities. See the package documentation.
 */
public final class AzureAutomlFormat implements FormatProvider {
    /** The format id, also the key of every extension this format writes. */
    public static final String ID = "azure-automl";

    static final OptionSpec TASK = new OptionSpec("task", OptionSpec.Direction.BOTH, "auto",
            "image-classification, image-multilabel, object-detection, instance-segmentation, text-classification,"
                    + " text-multilabel or ner; reading: auto detects it from the content; writing: auto = as read, else"
                    + " from the first item with annotations");
    static final OptionSpec LABEL_COLUMN = new OptionSpec("label-column", OptionSpec.Direction.BOTH, "auto",
            "text classification CSV: the label column's header; reading: auto = the last column; writing: auto = as"
                    + " read, else label");

    private static final FormatDescriptor DESCRIPTOR = new FormatDescriptor(ID, List.of("azureml", "azure"),
            "Azure AutoML (images JSONL, text CSV, NER CoNLL)", List.of("jsonl", "csv", "txt"),
            FormatDescriptor.Layout.FILE, Set.of(MediaKind.IMAGE, MediaKind.TEXT),
            EnumSet.of(GeometryKind.TAG, GeometryKind.BOX, GeometryKind.POLYGON, GeometryKind.TEXT_SPAN),
            true, true,
            "one task per file: boxes become polygons and masks the polygon of their pixel outline (segmentation),"
                    + " other shapes their bounding box (detection); masks in detection, keypoints, polylines, polygon holes, scores, attributes, ids and every workflow field are"
                    + " dropped; text classification keeps text columns and labels only; NER keeps token-aligned spans",
            List.of(TASK, LABEL_COLUMN));

    @Override
    public FormatDescriptor descriptor() {
        return DESCRIPTOR;
    }

    /**
     * 95 for a first line that is a JSON object with an {@code image_url}, or a CoNLL file with a
     * {@code -DOCSTART- O} line (Azure's spelling, which CoNLL itself scores 90); 30 for a CSV
     * whose last header cell names a label column; else 0.
     */
    @Override
    public int detect(Detection probe) {
        if (probe.isDirectory()) {
            return 0;
        }
        String text = probe.headText();
        int start = firstNonBlank(text);
        if (start < 0) {
            return 0;
        }
        if (text.charAt(start) == '{') {
            return firstLineHasImageUrl(text.substring(start)) ? 95 : 0;
        }
        if (hasAzureDocstart(text) && new ConllFormat().detect(probe) > 0) {
            return 95;
        }
        return TextCsvReader.looksLikeLabelledCsv(text) ? 30 : 0;
    }

    private static int firstNonBlank(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (!Character.isWhitespace(s.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    private static boolean firstLineHasImageUrl(String text) {
        return firstLineKeys(text, "image_url");
    }

    private static boolean firstLineIsJsonObject(String text) {
        return firstLineKeys(text, null);
    }

    /** Whether the first line is a whole JSON object (with the key {@code wanted}, when given). */
    private static boolean firstLineKeys(String text, String wanted) {
        int nl = text.indexOf('\n');
        String line = nl < 0 ? text : text.substring(0, nl);
        try (JsonParser p = JsonSupport.factory(Limits.DEFAULTS).createParser(ObjectReadContext.empty(), line)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return false;
            }
            boolean found = wanted == null;
            String name;
            while ((name = p.nextName()) != null) {
                found |= name.equals(wanted);
                p.nextToken();
                p.skipChildren();
            }
            return found;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Whether a line is exactly Azure's two-column document start, {@code -DOCSTART- O}. */
    static boolean hasAzureDocstart(String text) {
        for (String line : text.split("\n", 200)) {
            if (line.strip().equals(NerFiles.DOCSTART)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public AnnotationSource open(Path input, ReadContext context) {
        context.options().requireKnown(ID, DESCRIPTOR.options().stream().filter(OptionSpec::appliesToRead).toList());
        Task task = Task.option(context.options().get(TASK.name(), null));
        String labelColumn = labelColumn(context.options().get(LABEL_COLUMN.name(), null));
        Task.Family family = task != null ? task.family() : sniff(input);
        return switch (family) {
            case IMAGE -> ImageJsonlReader.open(input, context, task);
            case CSV -> TextCsvReader.open(input, context, task, labelColumn);
            case NER -> NerFiles.open(input, context);
        };
    }

    /** JSON Lines when the first line is a JSON object (and for an empty file), CoNLL when it looks so, else CSV. */
    private static Task.Family sniff(Path input) {
        Detection probe;
        try {
            probe = Detection.probe(input);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String text = probe.headText();
        int start = firstNonBlank(text);
        if (start < 0) {
            return Task.Family.IMAGE;
        }
        boolean conll = hasAzureDocstart(text) || new ConllFormat().detect(probe) >= 80;
        if (text.charAt(start) == '{') {
            // a token line may start with '{' too: only a JSON first line makes it JSON Lines then
            return conll && !firstLineIsJsonObject(text.substring(start)) ? Task.Family.NER : Task.Family.IMAGE;
        }
        return conll ? Task.Family.NER : Task.Family.CSV;
    }

    @Override
    public ExportWriter createWriter(Path output, WriteContext context) {
        context.options().requireKnown(ID, DESCRIPTOR.options().stream().filter(OptionSpec::appliesToWrite).toList());
        return new AzureWriter(output, context, Task.option(context.options().get(TASK.name(), null)),
                labelColumn(context.options().get(LABEL_COLUMN.name(), null)));
    }

    /** Azure's coordinates are fractions of the image size. */
    @Override
    public boolean writesNormalized() {
        return true;
    }

    private static String labelColumn(String v) {
        return v == null || v.equals("auto") || v.isEmpty() ? null : v;
    }
}
