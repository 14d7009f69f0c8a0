package dev.labelport.spi;

import dev.labelport.ErrorPolicy;
import dev.labelport.Limits;
import dev.labelport.error.InvalidInputException;
import dev.labelport.report.LossCode;
import dev.labelport.report.Reporter;
import java.nio.file.Path;
import java.util.Objects;

/**
 * What a reader gets besides its input: options, limits, the error policy and the reporter.
 *
 * @param sourceName    name used in locations (usually the input's file name)
 * @param options       format-specific reader options
 * @param limits        size bounds
 * @param errorPolicy   fail on or skip invalid records
 * @param reporter      where losses and skipped records go
 * @param tempDirectory where spill files go; {@code null} for the system default
 */
public record ReadContext(String sourceName, FormatOptions options, Limits limits, ErrorPolicy errorPolicy,
                          Reporter reporter, Path tempDirectory) {

    public ReadContext {
        Objects.requireNonNull(sourceName, "sourceName");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(errorPolicy, "errorPolicy");
        Objects.requireNonNull(reporter, "reporter");
    }

    /** Defaults for tests and simple uses: no options, default limits, fail on invalid records. */
    public static ReadContext of(String sourceName) {
        return new ReadContext(sourceName, FormatOptions.EMPTY, Limits.DEFAULTS, ErrorPolicy.FAIL, new Reporter(false), null);
    }

    public ReadContext withOptions(FormatOptions newOptions) {
        return new ReadContext(sourceName, newOptions, limits, errorPolicy, reporter, tempDirectory);
    }

    public ReadContext withLimits(Limits newLimits) {
        return new ReadContext(sourceName, options, newLimits, errorPolicy, reporter, tempDirectory);
    }

    public ReadContext withErrorPolicy(ErrorPolicy policy) {
        return new ReadContext(sourceName, options, limits, policy, reporter, tempDirectory);
    }

    /**
     * Handles an invalid record: throws it under {@link ErrorPolicy#FAIL}, reports it as
     * {@link LossCode#SKIPPED_RECORD} under {@link ErrorPolicy#SKIP} (the caller then skips it).
     */
    public void invalid(InvalidInputException e) {
        if (errorPolicy == ErrorPolicy.FAIL) {
            throw e;
        }
        reporter.loss(LossCode.SKIPPED_RECORD, e.location(), e.detail());
    }
}
