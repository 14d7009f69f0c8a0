package dev.labelport.formats.conll;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** How the columns of a token line are separated. */
enum Separator {
    /** One tab between columns; a column may contain spaces. */
    TAB("\t"),
    /** Runs of spaces or tabs between columns (CoNLL-2003 writes one space). */
    SPACE(" ");

    private final String written;

    Separator(String written) {
        this.written = written;
    }

    String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** What the writer puts between columns. */
    String written() {
        return written;
    }

    static Separator fromId(String s) {
        if (s == null) {
            return null;
        }
        return switch (s) {
            case "tab" -> TAB;
            case "space" -> SPACE;
            default -> null;
        };
    }

    /**
     * The columns of a token line. TAB: split at each tab, after dropping trailing spaces (an
     * empty column stays, so {@code token<TAB>} has an empty tag). SPACE: split at runs of spaces
     * and tabs, ignoring them at both ends.
     */
    List<String> split(String line) {
        List<String> out = new ArrayList<>(4);
        int n = line.length();
        if (this == TAB) {
            while (n > 0 && line.charAt(n - 1) == ' ') {
                n--;
            }
            int from = 0;
            for (int i = 0; i < n; i++) {
                if (line.charAt(i) == '\t') {
                    out.add(line.substring(from, i));
                    from = i + 1;
                }
            }
            out.add(line.substring(from, n));
            return out;
        }
        int i = 0;
        while (true) {
            while (i < n && isSpace(line.charAt(i))) {
                i++;
            }
            if (i == n) {
                return out;
            }
            int from = i;
            while (i < n && !isSpace(line.charAt(i))) {
                i++;
            }
            out.add(line.substring(from, i));
        }
    }

    static boolean isSpace(char c) {
        return c == ' ' || c == '\t';
    }

    /** True for a line of nothing but spaces, tabs and carriage returns: a sentence break. */
    static boolean isBlank(String line) {
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c != ' ' && c != '\t' && c != '\r' && c != '\f' && c != 0x0B) {
                return false;
            }
        }
        return true;
    }

    /** True for a {@code -DOCSTART-} line (first whitespace-separated field), whatever the separator. */
    static boolean isDocstart(String line) {
        int i = 0;
        while (i < line.length() && isSpace(line.charAt(i))) {
            i++;
        }
        if (!line.startsWith(DOCSTART, i)) {
            return false;
        }
        int after = i + DOCSTART.length();
        return after == line.length() || isSpace(line.charAt(after));
    }

    static final String DOCSTART = "-DOCSTART-";
}
