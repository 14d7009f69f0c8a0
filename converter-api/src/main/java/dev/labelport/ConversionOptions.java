package dev.labelport;

import dev.labelport.spi.FormatOptions;
import dev.labelport.spi.ImageSizeResolver;
import dev.labelport.spi.Tokenizer;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How a conversion runs. Immutable; build with {@link #builder()}, start from {@link #DEFAULTS}.
 *
 * <pre>{@code
 * ConversionOptions opts = ConversionOptions.builder()
 *     .strict(true)
 *     .idPolicy(IdPolicy.RENUMBER_FROM_1)
 *     .writerOptions(FormatOptions.of(Map.of("pretty", "true")))
 *     .build();
 * }</pre>
 *
 * @param idPolicy      what happens to ids ({@link IdPolicy#KEEP} by default)
 * @param strict        when true the first loss fails the conversion
 * @param errorPolicy   what readers do with invalid records ({@link ErrorPolicy#FAIL} by default)
 * @param limits        size bounds for hostile input
 * @param readerOptions format-specific options for the reader
 * @param writerOptions format-specific options for the writer
 * @param overwrite     whether an existing output may be replaced
 * @param tempDirectory where spill files go ({@code null}: {@code java.io.tmpdir}): each conversion
 *                      spills into its own folder {@code labelport-PID-RANDOM} there, removed when
 *                      it ends; the folders of killed processes are removed by the next conversion
 * @param imageSizes    where image sizes come from when a conversion between pixel and
 *                      normalised coordinates needs one the input does not give (a size table,
 *                      image headers); the source's own images are tried after it
 * @param verifyImageSizes when true, an image item that declares its width and height is
 *                      compared with the size {@code imageSizes} gives, and each disagreement is
 *                      reported as {@link dev.labelport.report.LossCode#SIZE_MISMATCH} (a note:
 *                      the declared size is kept)
 * @param tokenizer     how token formats (CoNLL, Hugging Face token classification) split texts
 *                      that come without tokens; {@link Tokenizer#whitespace()} by default
 */
public record ConversionOptions(IdPolicy idPolicy, boolean strict, ErrorPolicy errorPolicy, Limits limits,
                                FormatOptions readerOptions, FormatOptions writerOptions, boolean overwrite,
                                Path tempDirectory, ImageSizeResolver imageSizes,
                                boolean verifyImageSizes, Tokenizer tokenizer) {

    public static final ConversionOptions DEFAULTS = builder().build();

    public ConversionOptions {
        Objects.requireNonNull(idPolicy, "idPolicy");
        Objects.requireNonNull(errorPolicy, "errorPolicy");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(readerOptions, "readerOptions");
        Objects.requireNonNull(writerOptions, "writerOptions");
        Objects.requireNonNull(imageSizes, "imageSizes");
        Objects.requireNonNull(tokenizer, "tokenizer");
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.idPolicy = idPolicy;
        b.strict = strict;
        b.errorPolicy = errorPolicy;
        b.limits = limits;
        b.readerOptions = readerOptions;
        b.writerOptions = writerOptions;
        b.overwrite = overwrite;
        b.tempDirectory = tempDirectory;
        b.imageSizes = imageSizes;
        b.verifyImageSizes = verifyImageSizes;
        b.tokenizer = tokenizer;
        return b;
    }

    /** Builds {@link ConversionOptions}. */
    public static final class Builder {
        private IdPolicy idPolicy = IdPolicy.KEEP;
        private boolean strict;
        private ErrorPolicy errorPolicy = ErrorPolicy.FAIL;
        private Limits limits = Limits.DEFAULTS;
        private FormatOptions readerOptions = FormatOptions.EMPTY;
        private FormatOptions writerOptions = FormatOptions.EMPTY;
        private boolean overwrite;
        private Path tempDirectory;
        private ImageSizeResolver imageSizes = ImageSizeResolver.NONE;
        private boolean verifyImageSizes;
        private Tokenizer tokenizer = Tokenizer.whitespace();

        private Builder() {
        }

        public Builder idPolicy(IdPolicy v) { idPolicy = v; return this; }
        public Builder strict(boolean v) { strict = v; return this; }
        public Builder errorPolicy(ErrorPolicy v) { errorPolicy = v; return this; }
        public Builder limits(Limits v) { limits = v; return this; }
        public Builder readerOptions(FormatOptions v) { readerOptions = v; return this; }
        public Builder writerOptions(FormatOptions v) { writerOptions = v; return this; }
        public Builder overwrite(boolean v) { overwrite = v; return this; }
        public Builder tempDirectory(Path v) { tempDirectory = v; return this; }
        public Builder imageSizes(ImageSizeResolver v) { imageSizes = v; return this; }
        public Builder verifyImageSizes(boolean v) { verifyImageSizes = v; return this; }
        public Builder tokenizer(Tokenizer v) { tokenizer = v; return this; }

        public ConversionOptions build() {
            return new ConversionOptions(idPolicy, strict, errorPolicy, limits, readerOptions, writerOptions, overwrite,
                    tempDirectory, imageSizes, verifyImageSizes, tokenizer);
        }
    }
}
