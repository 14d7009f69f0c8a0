package dev.labelport.spi;

import dev.labelport.error.Location;
import dev.labelport.report.LossCode;
import dev.labelport.report.Reporter;
import java.nio.file.Path;
import java.util.Objects;

/**
 * What a writer gets besides its output: options, the reporter and the name of the output.
 *
 * @param targetName    name used in loss locations (the output's file name)
 * @param options       format-specific writer options
 * @param reporter      where losses go
 * @param tempDirectory where spill files go; {@code null} for the system default
 * @param tokenizer     how token formats split texts that come without tokens
 * @param images        where the source's image files are, for writers that copy them
 */
public record WriteContext(String targetName, FormatOptions options, Reporter reporter, Path tempDirectory,
                           Tokenizer tokenizer, ImageFiles images) {
    public WriteContext {
        Objects.requireNonNull(targetName, "targetName");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(reporter, "reporter");
        Objects.requireNonNull(tokenizer, "tokenizer");
        Objects.requireNonNull(images, "images");
    }

    /** Knowing no image file. */
    public WriteContext(String targetName, FormatOptions options, Reporter reporter, Path tempDirectory, Tokenizer tokenizer) {
        this(targetName, options, reporter, tempDirectory, tokenizer, ImageFiles.NONE);
    }

    /** With the {@link Tokenizer#whitespace() whitespace} tokenizer. */
    public WriteContext(String targetName, FormatOptions options, Reporter reporter, Path tempDirectory) {
        this(targetName, options, reporter, tempDirectory, Tokenizer.whitespace());
    }

    public static WriteContext of(String targetName) {
        return new WriteContext(targetName, FormatOptions.EMPTY, new Reporter(false), null);
    }

    public WriteContext withOptions(FormatOptions newOptions) {
        return new WriteContext(targetName, newOptions, reporter, tempDirectory, tokenizer, images);
    }

    /** Records a loss at {@code where} (a path such as {@code item "a.jpg" annotation 3}). */
    public void loss(LossCode code, String where, String detail) {
        reporter.loss(code, new Location(targetName, -1, -1, -1, where), detail);
    }

    /** Counts items and annotations actually written. */
    public void written(long items, long annotations) {
        reporter.written(items, annotations);
    }
}
