package dev.labelport.formats.csv;

import dev.labelport.model.Id;
import java.math.BigDecimal;

/** Plain cells: numbers written in their shortest exact form, ids read back with their type. */
final class Cells {
    private Cells() {
    }

    /** {@code 10} rather than {@code 10.0}; otherwise the shortest text that reads back to {@code v}. */
    static String number(double v) {
        if (v == 0 && 1 / v < 0) {
            return "-0";
        }
        if (v == (long) v && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        double a = Math.abs(v);
        if (a >= 1e-6 && a < 1e15) {
            return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
        }
        return Double.toString(v);
    }

    /** Whether an id's text reads back as a number: a canonical integer that fits a long. */
    static boolean readsAsNumber(String text) {
        int n = text.length();
        int i = n > 0 && text.charAt(0) == '-' ? 1 : 0;
        if (n == i || n - i > 18 || text.charAt(i) == '0' && (n - i > 1 || i == 1)) {
            return false;
        }
        for (int k = i; k < n; k++) {
            char c = text.charAt(k);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** The id a cell stands for: numeric when it reads as a number, unless {@code forced} says otherwise. */
    static Id id(String text, String forced) {
        boolean numeric = forced == null ? readsAsNumber(text) : forced.equals("number");
        if (numeric) {
            try {
                return new Id(text, true);
            } catch (IllegalArgumentException e) {
                return Id.of(text);
            }
        }
        return Id.of(text);
    }

    /** The type to record in {@code extra.id_types} when {@link #id} would not give {@code id} back, else {@code null}. */
    static String forcedType(Id id) {
        return readsAsNumber(id.text()) == id.numeric() ? null : id.numeric() ? "number" : "string";
    }
}
