package dev.labelport;

import dev.labelport.report.ConversionReport;
import dev.labelport.spi.FormatProvider;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Entry point. Instances are immutable and thread-safe; every conversion has its own state, so
 * many may run at once.
 *
 * <pre>{@code
 * // one line, with defaults
 * ConversionReport r = Labelport.convert(Path.of("instances.json"), Path.of("out.json"), "coco", "avala");
 *
 * // or with options
 * Labelport lp = Labelport.create();
 * ConversionReport r = lp.conversion(in, out)
 *     .to("coco")                       // the input format is detected when not given
 *     .options(ConversionOptions.builder().strict(true).build())
 *     .run();
 * }</pre>
 */
public final class Labelport {
    private final FormatRegistry registry;

    private Labelport(FormatRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    /** Labelport with every format found by {@link java.util.ServiceLoader}. */
    public static Labelport create() {
        return new Labelport(FormatRegistry.discover());
    }

    /** Labelport with exactly the given formats. */
    public static Labelport using(FormatRegistry registry) {
        return new Labelport(registry);
    }

    /** Converts with default options; {@code from} may be {@code null} to detect it. */
    public static ConversionReport convert(Path input, Path output, String from, String to) {
        return create().conversion(input, output).from(from).to(to).run();
    }

    public FormatRegistry formats() {
        return registry;
    }

    /** Starts describing a conversion of {@code input} into {@code output}. */
    public Conversion conversion(Path input, Path output) {
        return new Conversion(registry, ConversionInput.of(input), ConversionOutput.of(output));
    }

    /**
     * Starts describing a conversion from any input to any output: a host's own {@link
     * dev.labelport.spi.AnnotationSource} (a platform's database rows), into a stream, an {@link
     * dev.labelport.spi.OutputFolder} or a zip stream.
     *
     * <pre>{@code
     * try (OutputStream upload = store.openUpload("exports/ds1.json")) {
     *     ConversionReport r = lp.conversion(ConversionInput.of(rowsSource, null), ConversionOutput.of(upload))
     *         .to("coco")
     *         .run();
     * }
     * }</pre>
     */
    public Conversion conversion(ConversionInput input, ConversionOutput output) {
        return new Conversion(registry, Objects.requireNonNull(input, "input"), Objects.requireNonNull(output, "output"));
    }

    /** The readable format of {@code input}, by content and layout. */
    public FormatProvider detect(Path input) {
        return registry.detect(input);
    }

    /**
     * Reads the whole input without writing anything and returns the check values: items,
     * annotations per category and per geometry kind. {@code from} may be {@code null}.
     */
    public ConversionReport inspect(Path input, String from, ConversionOptions options) {
        return new Conversion(registry, ConversionInput.of(input), null).from(from).options(options).inspect();
    }
}
