package dev.labelport.formats.conll;

import dev.labelport.model.Annotation;
import dev.labelport.model.GeometryKind;
import dev.labelport.model.Item;
import dev.labelport.model.TextSpan;
import dev.labelport.model.Token;
import dev.labelport.report.LossCode;
import dev.labelport.spi.WriteContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * Spans to token chunks for the writers of token formats, with the losses reported the same way
 * everywhere: what is not a categorised text span is {@code DROPPED_GEOMETRY}, a span cutting a
 * token is widened ({@code SPAN_NOT_ON_TOKENS}), and of overlapping spans the earliest-starting
 * one is kept, the longest on ties ({@code OVERLAPPING_SPANS} for the others).
 */
public final class TokenChunks {
    private TokenChunks() {
    }

    /**
     * The item's spans as non-overlapping chunks over {@code tokens}, in order.
     *
     * @param where            the item, for loss locations
     * @param annotationFields told about each span kept (and where it is), to report the fields the format drops
     */
    public static List<TagScheme.Chunk> of(Item item, List<Token> tokens, String where, WriteContext ctx,
                                           BiConsumer<Annotation, String> annotationFields) {
        List<TagScheme.Chunk> candidates = new ArrayList<>();
        List<Annotation> anns = item.annotations();
        for (int k = 0; k < anns.size(); k++) {
            Annotation a = anns.get(k);
            String at = where + " annotation " + (a.id() == null ? "#" + (k + 1) : a.id().toString());
            if (a.geometry().kind() != GeometryKind.TEXT_SPAN) {
                ctx.loss(LossCode.DROPPED_GEOMETRY, at, a.geometry().kind().label() + " cannot be written as token tags");
                continue;
            }
            if (a.removed()) {
                ctx.loss(LossCode.DROPPED_GEOMETRY, at, "the annotation is marked removed");
                continue;
            }
            if (a.category() == null) {
                ctx.loss(LossCode.DROPPED_GEOMETRY, at, "a span without a category has no tag");
                continue;
            }
            annotationFields.accept(a, at);
            TextSpan span = (TextSpan) a.geometry();
            TokenSpans.Range r = TokenSpans.cover(tokens, span.start(), span.end());
            if (r == null) {
                ctx.loss(LossCode.DROPPED_GEOMETRY, at, "span [" + span.start() + ", " + span.end() + ") covers no token");
                continue;
            }
            if (!r.exact()) {
                ctx.loss(LossCode.SPAN_NOT_ON_TOKENS, at, "span [" + span.start() + ", " + span.end() + ") '" + span.text()
                        + "' widened to tokens " + (r.first() + 1) + "-" + r.end());
            }
            candidates.add(new TagScheme.Chunk(a.category().name(), r.first(), r.end()));
        }
        // earliest start first, longest first on ties; keep those that do not overlap a kept one
        List<TagScheme.Chunk> order = new ArrayList<>(candidates);
        order.sort(Comparator.comparingInt(TagScheme.Chunk::start).thenComparingInt(c -> -c.end()));
        List<TagScheme.Chunk> kept = new ArrayList<>(order.size());
        int end = 0;
        for (TagScheme.Chunk c : order) {
            if (c.start() < end) {
                ctx.loss(LossCode.OVERLAPPING_SPANS, where, c.type() + " over tokens " + (c.start() + 1) + "-" + c.end()
                        + " overlaps an earlier span and is left out");
            } else {
                kept.add(c);
                end = c.end();
            }
        }
        return kept;
    }

    /** Whether {@code text} is exactly the tokens joined with single spaces (what a token format reads back). */
    public static boolean isJoinedWithSpaces(String text, List<Token> tokens) {
        int pos = 0;
        for (int i = 0; i < tokens.size(); i++) {
            if (i > 0) {
                if (pos >= text.length() || text.charAt(pos) != ' ') {
                    return false;
                }
                pos++;
            }
            String t = tokens.get(i).text();
            if (!text.startsWith(t, pos)) {
                return false;
            }
            pos += t.length();
        }
        return pos == text.length();
    }
}
