package dev.labelport.spi;

import dev.labelport.error.ErrorCode;
import dev.labelport.error.LabelportException;
import dev.labelport.error.Location;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Format-specific options as {@code key=value} strings, as the CLI's {@code --option} gives them.
 * Each format turns them into its own typed options and rejects keys it does not know, so a typo
 * is an error rather than a silent default.
 */
public final class FormatOptions {
    public static final FormatOptions EMPTY = new FormatOptions(Map.of());

    private final Map<String, String> values;

    private FormatOptions(Map<String, String> values) {
        this.values = values;
    }

    public static FormatOptions of(Map<String, String> values) {
        return values.isEmpty() ? EMPTY : new FormatOptions(Map.copyOf(new TreeMap<>(values)));
    }

    public Map<String, String> asMap() {
        return values;
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    public String get(String key, String defaultValue) {
        return values.getOrDefault(key, defaultValue);
    }

    public boolean getBoolean(String key, boolean defaultValue) {
        String v = values.get(key);
        if (v == null) {
            return defaultValue;
        }
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1" -> true;
            case "false", "no", "0" -> false;
            default -> throw invalid(key, v, "true or false");
        };
    }

    public int getInt(String key, int defaultValue, int min, int max) {
        String v = values.get(key);
        if (v == null) {
            return defaultValue;
        }
        try {
            int n = Integer.parseInt(v.trim());
            if (n < min || n > max) {
                throw invalid(key, v, "an integer from " + min + " to " + max);
            }
            return n;
        } catch (NumberFormatException e) {
            throw invalid(key, v, "an integer from " + min + " to " + max);
        }
    }

    /** Enum constant by case-insensitive name, with {@code -} read as {@code _}. */
    public <E extends Enum<E>> E getEnum(String key, Class<E> type, E defaultValue) {
        String v = values.get(key);
        if (v == null) {
            return defaultValue;
        }
        String norm = v.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(norm)) {
                return e;
            }
        }
        StringBuilder allowed = new StringBuilder();
        for (E e : type.getEnumConstants()) {
            allowed.append(allowed.length() == 0 ? "" : ", ").append(e.name().toLowerCase(Locale.ROOT).replace('_', '-'));
        }
        throw invalid(key, v, "one of " + allowed);
    }

    /** Fails when a key is not among the ones {@code format} knows. */
    public void requireKnown(String format, Collection<OptionSpec> known) {
        Set<String> names = new java.util.TreeSet<>();
        known.forEach(s -> names.add(s.name()));
        for (String key : values.keySet()) {
            if (!names.contains(key)) {
                throw new LabelportException(ErrorCode.INVALID_OPTION, Location.UNKNOWN,
                        "unknown option '" + key + "' for format " + format
                                + (names.isEmpty() ? " (it takes no options)" : "; known: " + String.join(", ", names)));
            }
        }
    }

    private static LabelportException invalid(String key, String value, String expected) {
        return new LabelportException(ErrorCode.INVALID_OPTION, Location.UNKNOWN,
                "option " + key + "=" + value + ": expected " + expected);
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
