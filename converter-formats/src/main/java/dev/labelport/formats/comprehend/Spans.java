package dev.labelport.formats.comprehend;

import dev.labelport.internal.Excerpts;
import dev.labelport.error.InvalidInputException;
import dev.labelport.error.Location;
import dev.labelport.internal.SetFields;
import dev.labelport.model.Annotation;
import dev.labelport.model.GeometryKind;
import dev.labelport.model.Item;
import dev.labelport.model.TextSpan;
import dev.labelport.report.LossCode;
import dev.labelport.spi.ReadContext;
import dev.labelport.spi.WriteContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Spans at the format's edge. Comprehend counts offsets in Unicode code points, as the model
 * does, so offsets pass through unchanged; what is checked here is that they fall inside the
 * document, whether they look one off, and (writing) that they do not overlap.
 */
final class Spans {
    private Spans() {
    }

    /** A document's code points, for checking and slicing spans read from offsets. */
    static final class Doc {
        final int[] cps;

        Doc(String text) {
            this.cps = text.codePoints().toArray();
        }

        int length() {
            return cps.length;
        }

        String slice(int start, int end) {
            return new String(cps, start, end - start);
        }
    }

    /**
     * The span {@code [begin, end)} of {@code doc}, checked: beyond the document is an invalid
     * record; a span whose edges look off by one is handled by {@code check}. Returns
     * {@code null} when the record is skipped (lenient policy).
     */
    static TextSpan read(Doc doc, int begin, int end, String type, Location at, String docName, ReadContext ctx,
                         ComprehendFormat.SpanCheck check) {
        if (begin < 0 || end <= begin) {
            ctx.invalid(new InvalidInputException(at, "offsets " + begin + ", " + end + " of " + type
                    + ": the end offset must be greater than the begin offset (end is exclusive)"));
            return null;
        }
        if (end > doc.length()) {
            ctx.invalid(new InvalidInputException(at, "offsets " + begin + ", " + end + " of " + type + " go beyond the end of "
                    + docName + " (" + doc.length() + " characters)"));
            return null;
        }
        String problem = suspect(doc, begin, end);
        if (problem == null) {
            return new TextSpan(begin, end, doc.slice(begin, end));
        }
        String what = "span [" + begin + ", " + end + ") '" + excerpt(doc.slice(begin, end)) + "' of " + type + " in " + docName
                + " " + problem;
        switch (check) {
            case ERROR -> {
                ctx.invalid(new InvalidInputException(at, what + " (span-check=report keeps it, trim trims it)"));
                return null;
            }
            case TRIM -> {
                int b = begin;
                int e = end;
                while (b < e && Character.isWhitespace(doc.cps[b])) {
                    b++;
                }
                while (e > b && Character.isWhitespace(doc.cps[e - 1])) {
                    e--;
                }
                if (b < e && (b != begin || e != end)) {
                    ctx.reporter().loss(ComprehendFormat.TRIMMED_SPAN, at, what + ": read as [" + b + ", " + e + ")");
                    return new TextSpan(b, e, doc.slice(b, e));
                }
                ctx.reporter().loss(ComprehendFormat.SUSPECT_SPAN, at, what + ": kept as given");
                return new TextSpan(begin, end, doc.slice(begin, end));
            }
            default -> {
                ctx.reporter().loss(ComprehendFormat.SUSPECT_SPAN, at, what + ": kept as given");
                return new TextSpan(begin, end, doc.slice(begin, end));
            }
        }
    }

    /** Why the span's edges look one off, or {@code null}. */
    static String suspect(Doc doc, int begin, int end) {
        int[] c = doc.cps;
        if (Character.isWhitespace(c[begin])) {
            return "starts with whitespace";
        }
        if (Character.isWhitespace(c[end - 1])) {
            return "ends with whitespace";
        }
        if (begin > 0 && inWord(c[begin - 1]) && inWord(c[begin])) {
            return "starts inside a word";
        }
        if (end < c.length && inWord(c[end - 1]) && inWord(c[end])) {
            return "ends inside a word";
        }
        return null;
    }

    /** A letter or digit of a script that separates words with spaces (not CJK, Thai and the like). */
    private static boolean inWord(int cp) {
        if (!Character.isLetterOrDigit(cp) || Character.isIdeographic(cp)) {
            return false;
        }
        Character.UnicodeScript s = Character.UnicodeScript.of(cp);
        return s != Character.UnicodeScript.HIRAGANA && s != Character.UnicodeScript.KATAKANA && s != Character.UnicodeScript.THAI
                && s != Character.UnicodeScript.LAO && s != Character.UnicodeScript.KHMER && s != Character.UnicodeScript.MYANMAR
                && s != Character.UnicodeScript.HAN && s != Character.UnicodeScript.TIBETAN;
    }

    static String excerpt(String s) {
        return Excerpts.of(s);
    }

    /** A span as written: code-point offsets and the entity type. */
    record Kept(int start, int end, String type) {
    }

    /**
     * The item's spans that Comprehend can hold, sorted by start: other geometry, spans without a
     * category, removed, empty or outside the text are dropped; of overlapping spans the one
     * starting first is kept, the longest on equal starts (the CoNLL writer's rule). Every drop
     * is reported; fields spans cannot carry are reported too.
     */
    static List<Kept> write(Item item, Doc doc, WriteContext ctx, String where) {
        List<Kept> candidates = new ArrayList<>();
        List<Annotation> anns = item.annotations();
        for (int k = 0; k < anns.size(); k++) {
            Annotation a = anns.get(k);
            String at = where + " annotation " + (a.id() == null ? "#" + (k + 1) : a.id().toString());
            if (a.geometry().kind() != GeometryKind.TEXT_SPAN) {
                ctx.loss(LossCode.DROPPED_GEOMETRY, at, a.geometry().kind().label() + " is not an entity span");
                continue;
            }
            TextSpan s = (TextSpan) a.geometry();
            if (a.removed() || a.category() == null) {
                ctx.loss(LossCode.DROPPED_GEOMETRY, at, a.removed() ? "the annotation is marked removed" : "a span without an entity type");
                continue;
            }
            if (s.end() > doc.length() || s.start() == s.end()) {
                ctx.loss(s.start() == s.end() ? LossCode.DEGENERATE : LossCode.DROPPED_GEOMETRY, at, "span [" + s.start() + ", "
                        + s.end() + ") " + (s.start() == s.end() ? "is empty" : "goes beyond the text (" + doc.length() + " characters)"));
                continue;
            }
            String covered = doc.slice(s.start(), s.end());
            if (!covered.equals(s.text())) {
                ctx.loss(LossCode.DROPPED_FIELD, at, "the span's text '" + excerpt(s.text()) + "' is not the text at its offsets '"
                        + excerpt(covered) + "': the offsets are written");
            }
            reportFields(a, at, ctx);
            candidates.add(new Kept(s.start(), s.end(), a.category().name()));
        }
        candidates.sort(Comparator.comparingInt(Kept::start).thenComparing(c -> -c.end()));
        List<Kept> kept = new ArrayList<>(candidates.size());
        int end = 0;
        for (Kept c : candidates) {
            if (c.start() < end) {
                ctx.loss(LossCode.OVERLAPPING_SPANS, where, c.type() + " [" + c.start() + ", " + c.end()
                        + ") overlaps an earlier span and is left out (Comprehend forbids overlapping entities)");
            } else {
                kept.add(c);
                end = c.end();
            }
        }
        return kept;
    }

    /** Reports what an annotation carries beyond geometry and category. */
    static void reportFields(Annotation a, String at, WriteContext ctx) {
        if (!a.attributes().isEmpty()) {
            ctx.loss(LossCode.DROPPED_ATTRIBUTE, at, "attributes " + a.attributes().keys());
        }
        List<String> dropped = new ArrayList<>(SetFields.unheld(a, Set.of(SetFields.AnnotationField.REMOVED)));
        if (!a.extensions().isEmpty()) {
            dropped.add("extensions " + a.extensions().keys());
        }
        if (!dropped.isEmpty()) {
            ctx.loss(LossCode.DROPPED_FIELD, at, String.join(", ", dropped));
        }
    }
}
