package dev.labelport.formats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.labelport.ErrorPolicy;
import dev.labelport.FormatRegistry;
import dev.labelport.Limits;
import dev.labelport.error.LabelportException;
import dev.labelport.internal.AtomicOutput;
import dev.labelport.internal.JsonSupport;
import dev.labelport.json.JsonArray;
import dev.labelport.json.JsonNull;
import dev.labelport.json.JsonNumber;
import dev.labelport.json.JsonObject;
import dev.labelport.json.JsonString;
import dev.labelport.json.JsonValue;
import dev.labelport.spi.FormatProvider;
import dev.labelport.spi.ReadContext;
import dev.labelport.testing.Datasets;
import dev.labelport.testing.TestData;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.ObjectWriteContext;

/**
 * Type confusion, deep inside well-formed JSON: one value of a golden JSON input is replaced by
 * a value of another shape ({@code "width": [1]}, {@code "counts": {}}, {@code "id": -1e300}).
 * Readers must accept the result or refuse it with a located {@link LabelportException}. JSON
 * Lines inputs ({@code input.jsonl}: Vertex, Azure) are walked as one array of their lines and
 * written back one value per line. The format is the case's {@code from}.
 */
class RetypedJsonPropertiesTest {
    static final List<JsonValue> REPLACEMENTS = List.of(JsonNull.INSTANCE, new JsonString(""),
            new JsonString("x"), new JsonString("-1"), JsonNumber.parse("0"), JsonNumber.parse("-1"),
            JsonNumber.parse("1.5"), JsonNumber.parse("-1e300"), JsonNumber.parse("99999999999999999999"),
            JsonValue.of(true), JsonArray.EMPTY, new JsonArray(List.of(JsonNumber.parse("1"))),
            new JsonArray(List.of(new JsonString("a"), JsonNull.INSTANCE)), JsonObject.EMPTY,
            JsonObject.builder().put("x", JsonNumber.parse("1")).build());

    /** A golden JSON input, which value to replace (by its index in a depth-first walk), and with what. */
    record Case(String format, Path seed, int target, int replacement, ErrorPolicy policy) {
    }

    @Property(tries = 1000)
    void retypedValuesAreReadOrRefusedWithALocatedError(@ForAll("cases") Case c) throws IOException {
        check(c);
    }

    /** One case: retype one value of the seed and read it (also run by {@link FuzzCampaignTest}). */
    static void check(Case c) throws IOException {
        boolean lines = c.seed().getFileName().toString().endsWith(".jsonl");
        JsonValue tree = read(c.seed());
        int[] counter = {c.target()};
        JsonValue mutated = replace(tree, counter, REPLACEMENTS.get(c.replacement()));
        StringWriter w = new StringWriter();
        for (JsonValue v : lines ? ((JsonArray) mutated).values() : List.of(mutated)) {
            try (JsonGenerator g = JsonSupport.factory(Limits.DEFAULTS).createGenerator(ObjectWriteContext.empty(), w)) {
                JsonSupport.writeValue(g, v);
            }
            w.write('\n');
        }
        Path dir = Files.createTempDirectory("lp-retyped");
        try {
            Path input = Files.writeString(dir.resolve("retyped.json"), w.toString());
            FormatProvider p = FormatRegistry.discover().require(c.format());
            try {
                Datasets.read(p, input, ReadContext.of("retyped.json").withErrorPolicy(c.policy()));
            } catch (LabelportException e) {
                assertEquals("retyped.json", e.location().source(), e.getMessage());
            } catch (RuntimeException e) {
                throw new AssertionError(c + " made the reader throw " + e + " on " + w, e);
            }
        } finally {
            AtomicOutput.deleteRecursively(dir);
        }
    }

    /** A JSON file as its value; a JSON Lines file as the array of its lines' values. */
    static JsonValue read(Path file) throws IOException {
        if (!file.getFileName().toString().endsWith(".jsonl")) {
            try (JsonParser p = JsonSupport.factory(Limits.DEFAULTS).createParser(ObjectReadContext.empty(), file.toFile())) {
                p.nextToken();
                return JsonSupport.readValue(p);
            }
        }
        List<JsonValue> values = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            if (!line.isBlank()) {
                try (JsonParser p = JsonSupport.factory(Limits.DEFAULTS).createParser(ObjectReadContext.empty(), line)) {
                    p.nextToken();
                    values.add(JsonSupport.readValue(p));
                }
            }
        }
        return new JsonArray(values);
    }

    /** Replaces the n-th value of a depth-first walk (n counts down in {@code left[0]}). */
    private static JsonValue replace(JsonValue v, int[] left, JsonValue with) {
        if (left[0]-- == 0) {
            return with;
        }
        if (v instanceof JsonObject o) {
            JsonObject.Builder b = JsonObject.builder();
            o.members().forEach((k, x) -> b.put(k, replace(x, left, with)));
            return b.build();
        }
        if (v instanceof JsonArray a) {
            List<JsonValue> out = new ArrayList<>();
            for (JsonValue x : a.values()) {
                out.add(replace(x, left, with));
            }
            return new JsonArray(out);
        }
        return v;
    }

    static int size(JsonValue v) {
        int n = 1;
        if (v instanceof JsonObject o) {
            for (JsonValue x : o.members().values()) {
                n += size(x);
            }
        } else if (v instanceof JsonArray a) {
            for (JsonValue x : a.values()) {
                n += size(x);
            }
        }
        return n;
    }

    /** The case's {@code from} format (its folder's parent names the target's folder, not always the input's format). */
    static String from(Path caseDir) throws IOException {
        java.util.Properties p = new java.util.Properties();
        Path props = caseDir.resolve("case.properties");
        if (Files.exists(props)) {
            try (java.io.Reader r = Files.newBufferedReader(props)) {
                p.load(r);
            }
        }
        return p.getProperty("from", caseDir.getParent().getFileName().toString());
    }

    @Provide
    Arbitrary<Case> cases() {
        List<Arbitrary<Case>> perSeed = new ArrayList<>();
        try (Stream<Path> s = Files.walk(TestData.root(), 3)) {
            for (Path f : s.filter(x -> x.getFileName().toString().matches("input\\.jsonl?")).sorted().toList()) {
                String format = from(f.getParent());
                int values = size(read(f));
                perSeed.add(Combinators.combine(Arbitraries.integers().between(1, values - 1),
                        Arbitraries.integers().between(0, REPLACEMENTS.size() - 1), Arbitraries.of(ErrorPolicy.class))
                        .as((t, r, pol) -> new Case(format, f, t, r, pol)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Arbitraries.oneOf(perSeed);
    }
}
