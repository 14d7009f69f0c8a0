package dev.labelport.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A small parser: positional arguments, {@code --flag}, {@code --key value} and {@code --key=value}. */
final class Args {
    final List<String> positional = new ArrayList<>();
    final Map<String, List<String>> values = new LinkedHashMap<>();
    final Set<String> flags = new java.util.TreeSet<>();

    /** Thrown for a usage error (exit code 2). */
    static final class UsageException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    static Args parse(List<String> argv, Set<String> knownFlags, Set<String> knownValued) {
        Args a = new Args();
        for (int i = 0; i < argv.size(); i++) {
            String s = argv.get(i);
            if (s.equals("--")) {
                a.positional.addAll(argv.subList(i + 1, argv.size()));
                break;
            }
            if (s.startsWith("--") || (s.startsWith("-") && s.length() == 2)) {
                String name = s.startsWith("--") ? s.substring(2) : shortName(s.charAt(1));
                String inline = null;
                int eq = name.indexOf('=');
                if (eq >= 0) {
                    inline = name.substring(eq + 1);
                    name = name.substring(0, eq);
                }
                if (knownFlags.contains(name)) {
                    if (inline != null) {
                        throw new UsageException("--" + name + " takes no value");
                    }
                    a.flags.add(name);
                } else if (knownValued.contains(name)) {
                    String v = inline;
                    if (v == null) {
                        if (i + 1 >= argv.size()) {
                            throw new UsageException("--" + name + " needs a value");
                        }
                        v = argv.get(++i);
                    }
                    a.values.computeIfAbsent(name, k -> new ArrayList<>()).add(v);
                } else {
                    throw new UsageException("unknown option " + s);
                }
            } else {
                a.positional.add(s);
            }
        }
        return a;
    }

    private static String shortName(char c) {
        return switch (c) {
            case 'q' -> "quiet";
            case 'v' -> "verbose";
            case 'h' -> "help";
            case 'f' -> "force";
            default -> String.valueOf(c);
        };
    }

    String one(String name) {
        List<String> v = values.get(name);
        if (v == null) {
            return null;
        }
        if (v.size() > 1) {
            throw new UsageException("--" + name + " given more than once");
        }
        return v.get(0);
    }

    List<String> all(String name) {
        return values.getOrDefault(name, List.of());
    }

    boolean flag(String name) {
        return flags.contains(name);
    }
}
