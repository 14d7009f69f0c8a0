package dev.labelport.formats.azure;

import dev.labelport.json.JsonNumber;
import dev.labelport.json.JsonString;
import dev.labelport.json.JsonValue;
import java.util.Locale;
import java.util.Set;

/** The spellings of {@code image_details}: sizes such as {@code "499px"} and image formats. */
final class ImageDetails {
    /** The formats Azure lists for {@code image_details.format}. */
    static final Set<String> FORMATS = Set.of("jpg", "jpeg", "png", "jpe", "jfif", "bmp", "tif", "tiff");

    private ImageDetails() {
    }

    /** How a size is written when nothing else is known: {@code "499px"}, as every Azure example. */
    static JsonValue spelling(int pixels) {
        return new JsonString(pixels + "px");
    }

    /**
     * The pixels of a size: a positive JSON integer, or a string of digits with an optional
     * {@code px} (any case, spaces allowed around it); -1 for anything else.
     */
    static long parse(JsonValue raw) {
        if (raw instanceof JsonNumber n) {
            return n.isIntegral() && n.lexical().length() <= 10 ? n.longValue() : -1;
        }
        if (!(raw instanceof JsonString s)) {
            return -1;
        }
        String v = s.value().strip();
        if (v.toLowerCase(Locale.ROOT).endsWith("px")) {
            v = v.substring(0, v.length() - 2).strip();
        }
        if (v.isEmpty() || v.length() > 10) {
            return -1;
        }
        for (int i = 0; i < v.length(); i++) {
            if (v.charAt(i) < '0' || v.charAt(i) > '9') {
                return -1;
            }
        }
        return Long.parseLong(v);
    }

    /** A value as it reads in JSON, for messages: {@code "abc px"}, {@code 4.5}, {@code true}. */
    static String show(JsonValue v) {
        if (v instanceof JsonString s) {
            return '"' + s.value() + '"';
        }
        return v instanceof JsonNumber n ? n.lexical() : String.valueOf(v.toJava());
    }

    /** The lower-case extension of the image a URL or path names, when Azure knows it; else {@code null}. */
    static JsonValue formatOf(String url) {
        if (url == null) {
            return null;
        }
        int slash = url.lastIndexOf('/');
        int dot = url.lastIndexOf('.');
        if (dot <= slash + 1 || dot == url.length() - 1) {
            return null;
        }
        String ext = url.substring(dot + 1).toLowerCase(Locale.ROOT);
        return FORMATS.contains(ext) ? new JsonString(ext) : null;
    }
}
