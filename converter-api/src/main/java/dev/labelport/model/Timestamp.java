package dev.labelport.model;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Objects;

/**
 * A point in time as the source wrote it. {@link #instant()} is {@code null} when the text is
 * not a recognisable date (COCO files carry {@code ""}, {@code 0} or free text); the raw text is
 * always kept so the same format writes it back unchanged. Zone-less times are read as UTC.
 */
public record Timestamp(String raw, Instant instant) {
    private static final DateTimeFormatter SPACE_SEPARATED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss[.SSSSSS][.SSS]");

    public Timestamp {
        Objects.requireNonNull(raw, "raw");
    }

    public static Timestamp parse(String raw) {
        if (raw == null) {
            return null;
        }
        return new Timestamp(raw, tryParse(raw.trim()));
    }

    public static Timestamp of(Instant instant) {
        return new Timestamp(instant.toString(), instant);
    }

    private static Instant tryParse(String s) {
        if (s.length() < 10) {
            return null;
        }
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException e) {
            // fall through
        }
        try {
            return LocalDateTime.parse(s).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            // fall through
        }
        try {
            return LocalDateTime.parse(s, SPACE_SEPARATED).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
