package dev.labelport;

import dev.labelport.error.ErrorCode;
import dev.labelport.error.LabelportException;
import dev.labelport.error.Location;
import dev.labelport.internal.ZipMember;
import dev.labelport.internal.ZipTree;
import dev.labelport.spi.Detection;
import dev.labelport.spi.FormatDescriptor;
import dev.labelport.spi.FormatProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * The formats a {@link Labelport} instance knows: immutable, sorted by id. Built from
 * {@link ServiceLoader} discovery and/or explicit registration; a duplicate id or alias is an
 * error unless registered with {@link Builder#replace}.
 */
public final class FormatRegistry {
    private final Map<String, FormatProvider> byId;

    private FormatRegistry(Map<String, FormatProvider> byId) {
        this.byId = byId;
    }

    /** Every provider on the class path or module path. */
    public static FormatRegistry discover() {
        return builder().discover().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Providers sorted by id. */
    public List<FormatProvider> providers() {
        return List.copyOf(byId.values());
    }

    /** The provider whose id or alias is {@code name} (case-insensitive). */
    public Optional<FormatProvider> find(String name) {
        String n = name.toLowerCase(Locale.ROOT).trim();
        for (FormatProvider p : byId.values()) {
            if (p.descriptor().answersTo(n)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** Like {@link #find} but fails with the list of known formats. */
    public FormatProvider require(String name) {
        return find(name).orElseThrow(() -> new LabelportException(ErrorCode.UNKNOWN_FORMAT, Location.UNKNOWN,
                "unknown format '" + name + "'; known: " + String.join(", ", byId.keySet())));
    }

    /**
     * Sniffs {@code input} and returns the most confident readable format; fails when none
     * recognises it or when the best ones tie.
     */
    public FormatProvider detect(Path input) {
        if (!Files.exists(input)) {
            throw new LabelportException(ErrorCode.INVALID_INPUT, Location.of(input.toString()), "input does not exist");
        }
        Map<FormatProvider, Integer> scores = new java.util.LinkedHashMap<>();
        try {
            Detection probe = Detection.probe(input);
            for (FormatProvider p : byId.values()) {
                if (p.descriptor().canRead()) {
                    scores.put(p, clamp(p.detect(probe)));
                }
            }
            if (Files.isRegularFile(input) && ZipMember.isZip(input)
                    && byId.values().stream().anyMatch(p -> p.descriptor().layout() == FormatDescriptor.Layout.DIRECTORY)) {
                // a zip may hold a folder-format dataset: show those formats its contents, while
                // it is mounted (detectors may open the files the probe lists)
                try (ZipTree tree = ZipTree.mount(input, String.valueOf(input.getFileName()))) {
                    Detection zipProbe = Detection.probe(tree.root());
                    for (FormatProvider p : scores.keySet()) {
                        if (p.descriptor().layout() == FormatDescriptor.Layout.DIRECTORY) {
                            scores.put(p, Math.max(scores.get(p), clamp(p.detect(zipProbe))));
                        }
                    }
                } catch (LabelportException e) {
                    // not a zip we would read as a folder; the file formats may still take it
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + input, e);
        }
        int best = 0;
        List<FormatProvider> top = new ArrayList<>();
        for (Map.Entry<FormatProvider, Integer> e : scores.entrySet()) {
            int score = e.getValue();
            if (score > best) {
                best = score;
                top.clear();
                top.add(e.getKey());
            } else if (score == best && score > 0) {
                top.add(e.getKey());
            }
        }
        if (top.isEmpty()) {
            throw new LabelportException(ErrorCode.UNKNOWN_FORMAT, Location.of(input.toString()),
                    "could not detect the format; give it explicitly (known: " + String.join(", ", byId.keySet()) + ")");
        }
        if (top.size() > 1) {
            throw new LabelportException(ErrorCode.AMBIGUOUS_FORMAT, Location.of(input.toString()),
                    "the format is ambiguous between " + String.join(", ", top.stream().map(p -> p.descriptor().id()).toList())
                            + "; give it explicitly");
        }
        return top.get(0);
    }

    private static int clamp(int score) {
        return Math.max(0, Math.min(100, score));
    }

    /** Collects providers. */
    public static final class Builder {
        private final Map<String, FormatProvider> byId = new TreeMap<>();

        private Builder() {
        }

        /** Adds every provider {@link ServiceLoader} finds. */
        public Builder discover() {
            ServiceLoader<FormatProvider> loader = ServiceLoader.load(FormatProvider.class, FormatRegistry.class.getClassLoader());
            for (FormatProvider p : loader) {
                register(p);
            }
            if (FormatRegistry.class.getModule().isNamed()) {
                return this;
            }
            ClassLoader tccl = Thread.currentThread().getContextClassLoader();
            if (tccl != null && tccl != FormatRegistry.class.getClassLoader()) {
                for (FormatProvider p : ServiceLoader.load(FormatProvider.class, tccl)) {
                    if (!byId.containsKey(p.descriptor().id())) {
                        register(p);
                    }
                }
            }
            return this;
        }

        /** Adds a provider; fails when its id or an alias is taken. */
        public Builder register(FormatProvider provider) {
            String id = provider.descriptor().id();
            for (FormatProvider other : byId.values()) {
                for (String name : names(provider)) {
                    if (other.descriptor().answersTo(name)) {
                        throw new IllegalArgumentException("format name '" + name + "' of " + provider.getClass().getName()
                                + " is already taken by " + other.getClass().getName() + "; use replace() to override");
                    }
                }
            }
            byId.put(id, provider);
            return this;
        }

        /** Adds a provider, replacing any provider with the same id. */
        public Builder replace(FormatProvider provider) {
            byId.remove(provider.descriptor().id());
            return register(provider);
        }

        private static Collection<String> names(FormatProvider p) {
            List<String> names = new ArrayList<>(p.descriptor().aliases());
            names.add(p.descriptor().id());
            return names;
        }

        public FormatRegistry build() {
            return new FormatRegistry(java.util.Collections.unmodifiableMap(new TreeMap<>(byId)));
        }
    }
}
