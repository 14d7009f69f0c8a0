package dev.labelport.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code --name value} options and {@code --flag}s of one sub-command; unknown names are errors. */
final class Args {
    private final Map<String, List<String>> values = new LinkedHashMap<>();

    private Args() {
    }

    /**
     * Parses {@code args}; {@code valued} names take a value (and may repeat), {@code flags} take none.
     */
    static Args parse(String[] args, Set<String> valued, Set<String> flags) {
        Args a = new Args();
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (!name.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + name + "'");
            }
            String key = name.substring(2);
            if (flags.contains(key)) {
                a.values.computeIfAbsent(key, k -> new ArrayList<>()).add("true");
            } else if (valued.contains(key)) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(name + " needs a value");
                }
                a.values.computeIfAbsent(key, k -> new ArrayList<>()).add(args[++i]);
            } else {
                throw new IllegalArgumentException("unknown option " + name + " (known: --" + String.join(", --", union(valued, flags)) + ")");
            }
        }
        return a;
    }

    private static List<String> union(Set<String> a, Set<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        all.sort(null);
        return all;
    }

    boolean has(String key) {
        return values.containsKey(key);
    }

    String get(String key, String fallback) {
        List<String> v = values.get(key);
        return v == null ? fallback : v.get(v.size() - 1);
    }

    String require(String key) {
        String v = get(key, null);
        if (v == null) {
            throw new IllegalArgumentException("--" + key + " is required");
        }
        return v;
    }

    List<String> all(String key) {
        return values.getOrDefault(key, List.of());
    }

    long getLong(String key, long fallback) {
        String v = get(key, null);
        if (v == null) {
            return fallback;
        }
        try {
            return Long.parseLong(v.replace("_", "").replace(",", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + key + " needs a whole number, got '" + v + "'", e);
        }
    }
}
