package dev.labelport;

import dev.labelport.error.ErrorCode;
import dev.labelport.error.LabelportException;
import dev.labelport.error.Location;
import dev.labelport.internal.AtomicOutput;
import dev.labelport.internal.ForeignFields;
import dev.labelport.internal.IdRenumbering;
import dev.labelport.internal.ImageSpace;
import dev.labelport.internal.OutputFolders;
import dev.labelport.internal.ScratchDirectory;
import dev.labelport.internal.ZipMember;
import dev.labelport.internal.ZipTree;
import dev.labelport.model.DatasetHeader;
import dev.labelport.model.Item;
import dev.labelport.model.MediaKind;
import dev.labelport.report.ConversionReport;
import dev.labelport.report.LossCode;
import dev.labelport.report.Reporter;
import dev.labelport.spi.AnnotationSource;
import dev.labelport.spi.ExportWriter;
import dev.labelport.spi.FormatDescriptor;
import dev.labelport.spi.FormatProvider;
import dev.labelport.spi.ReadContext;
import dev.labelport.spi.WriteContext;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/**
 * One conversion, described fluently and run once with {@link #run()}. Obtained from
 * {@link Labelport#conversion}. The output appears only when the conversion succeeds: it is
 * written to a temporary sibling and moved into place at the end.
 */
public final class Conversion {
    private final FormatRegistry registry;
    private final ConversionInput input;
    private final ConversionOutput output;
    private String from;
    private String to;
    private ConversionOptions options = ConversionOptions.DEFAULTS;
    private ConversionListener listener = ConversionListener.NONE;
    private Predicate<Item> filter;

    Conversion(FormatRegistry registry, ConversionInput input, ConversionOutput output) {
        this.registry = registry;
        this.input = Objects.requireNonNull(input, "input");
        this.output = output;
    }

    /**
     * The input format id or alias; {@code null} (the default) detects it. Only for an input
     * read from a path: a host source names its format in {@link ConversionInput#of(AnnotationSource, String)}.
     */
    public Conversion from(String format) {
        this.from = format;
        return this;
    }

    /** The output format id or alias. */
    public Conversion to(String format) {
        this.to = format;
        return this;
    }

    public Conversion options(ConversionOptions opts) {
        this.options = Objects.requireNonNull(opts, "options");
        return this;
    }

    public Conversion listener(ConversionListener l) {
        this.listener = Objects.requireNonNull(l, "listener");
        return this;
    }

    /**
     * Writes only the items {@code keep} accepts (an export job's filter: a split, a status, items
     * updated since the last export...). The others are read and counted, not written, and the
     * report notes how many were left out as {@code FILTERED}.
     */
    public Conversion filter(Predicate<Item> keep) {
        this.filter = Objects.requireNonNull(keep, "keep");
        return this;
    }

    /**
     * Runs the conversion and returns its report. Interrupting the calling thread cancels it
     * between two items: a {@link LabelportException} with {@link ErrorCode#CANCELLED} is thrown
     * and no output is left behind.
     */
    public ConversionReport run() {
        Objects.requireNonNull(output, "output");
        if (to == null) {
            throw new LabelportException(ErrorCode.UNKNOWN_FORMAT, Location.UNKNOWN, "no output format given");
        }
        FormatProvider writerFormat = registry.require(to);
        FormatDescriptor target = writerFormat.descriptor();
        if (!target.canWrite()) {
            throw new LabelportException(ErrorCode.UNSUPPORTED_CONVERSION, Location.UNKNOWN, target.id() + " cannot be written");
        }
        checkOutputKind(target);
        if (input.source() != null && from != null) {
            throw new LabelportException(ErrorCode.INVALID_OPTION, Location.UNKNOWN,
                    "from(\"" + from + "\") names the format of a file input; a host source names its format in ConversionInput.of(source, formatId)");
        }
        FormatProvider readerFormat = input.source() == null ? readerFormat() : null;
        String sourceId = readerFormat == null ? input.formatId() : readerFormat.descriptor().id();
        if (readerFormat != null) {
            FormatDescriptor source = readerFormat.descriptor();
            checkCompatible(source, target);
            options.readerOptions().requireKnown(source.id(), source.options().stream().filter(o -> o.appliesToRead()).toList());
        } else if (!options.readerOptions().asMap().isEmpty()) {
            throw new LabelportException(ErrorCode.INVALID_OPTION, Location.UNKNOWN,
                    "reader options " + options.readerOptions().asMap().keySet() + " do not apply to a host source");
        }
        options.writerOptions().requireKnown(target.id(), target.options().stream().filter(o -> o.appliesToWrite()).toList());
        if (input.path() != null && output.path() != null
                && input.path().toAbsolutePath().normalize().equals(output.path().toAbsolutePath().normalize())) {
            throw new LabelportException(ErrorCode.OUTPUT_EXISTS, Location.of(output.path().toString()), "output is the input");
        }

        Reporter reporter = new Reporter(options.strict());
        try (ScratchDirectory scratch = writing(() -> ScratchDirectory.create(options.tempDirectory()))) {
            return convert(writerFormat, readerFormat, sourceId, reporter, scratch.path());
        } catch (RuntimeException e) {
            // Interrupt-driven cancellation can surface inside a reader or writer (an interruptible
            // FileChannel closes itself): whatever broke, a cancelled conversion says CANCELLED.
            if (e instanceof LabelportException le && le.code() == ErrorCode.CANCELLED) {
                throw e;
            }
            if (Thread.currentThread().isInterrupted() || causedByInterrupt(e)) {
                throw new LabelportException(ErrorCode.CANCELLED, Location.UNKNOWN, "conversion cancelled", e);
            }
            if (e instanceof UncheckedIOException io && isFullFileSystem(io)) {
                // a reader's spill file (a regrouping bucket) can fill the temp directory too
                throw writeFailed(io);
            }
            throw e;
        }
    }

    /** Only writing fails with ENOSPC or EDQUOT: wherever it surfaced, it is the output's or a spill's. */
    private static boolean isFullFileSystem(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t.getMessage();
            if (t instanceof IOException && m != null && (m.contains("No space left on device") || m.contains("Disk quota exceeded"))) {
                return true;
            }
        }
        return false;
    }

    /** An I/O failure on the writing side, as a located error that says what to do. */
    private LabelportException writeFailed(UncheckedIOException e) {
        String where = output.path() != null ? output.path().toString() : output.name();
        IOException cause = e.getCause();
        String reason = cause instanceof java.nio.file.FileSystemException fse && fse.getReason() != null ? fse.getReason()
                : cause != null && cause.getMessage() != null ? cause.getMessage() : e.getMessage();
        String file = cause instanceof java.nio.file.FileSystemException fse && fse.getFile() != null
                ? " (" + fse.getFile() + ")" : "";
        return new LabelportException(ErrorCode.WRITE_FAILED, Location.of(where),
                "cannot write the output: " + reason + file + "; nothing was left behind", e);
    }

    private static boolean causedByInterrupt(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.nio.channels.ClosedByInterruptException || t instanceof java.io.InterruptedIOException) {
                return true;
            }
        }
        return false;
    }

    /** {@code spills}: this conversion's scratch folder, where every spill file of reader and writer goes. */
    private ConversionReport convert(FormatProvider writerFormat, FormatProvider readerFormat, String sourceId,
                                     Reporter reporter, Path spills) {
        FormatDescriptor target = writerFormat.descriptor();
        boolean cancelled = false;
        try (Sink sink = writing(() -> Sink.open(output, target, options, spills));
             AnnotationSource src = readerFormat == null ? input.source() : openSource(readerFormat, readContext(reporter, spills))) {
            WriteContext wctx = new WriteContext(output.name(), options.writerOptions(), reporter, spills,
                    options.tokenizer(), src::imageFile);
            ExportWriter writer = new GuardedWriter(writing(() -> sink.writer(writerFormat, wctx)));
            try {
                IdRenumbering ids = IdRenumbering.of(options.idPolicy(), reporter);
                ForeignFields foreign = sourceId.equals(target.id()) ? null : new ForeignFields(target.id(), reporter);
                // a target that holds no image geometry (CoNLL from Vertex) needs no image sizes
                ImageSpace space = ImageSpace.isNeededFor(target) ? new ImageSpace(sourceId, target.id(),
                        writerFormat.writesNormalized(), options.imageSizes(), src, options.verifyImageSizes() ? reporter : null) : null;
                DatasetHeader header = src.header();
                if (foreign != null) {
                    foreign.header(header);
                }
                writer.begin(ids.header(header));
                long items = 0;
                long annotations = 0;
                for (Item item = src.next(); item != null; item = src.next()) {
                    if (Thread.interrupted()) {
                        // cleared while the output is abandoned (an interruptible channel would
                        // close itself on the writer's last flush), set again on the way out
                        cancelled = true;
                        throw new LabelportException(ErrorCode.CANCELLED, Location.UNKNOWN,
                                "conversion cancelled after " + items + " items");
                    }
                    reporter.itemRead(item);
                    if (filter != null && !filter.test(item)) {
                        reporter.loss(LossCode.FILTERED, Location.UNKNOWN, "item " + item.id());
                        continue;
                    }
                    if (foreign != null) {
                        foreign.item(item);
                    }
                    writer.write(ids.item(space == null ? item : space.prepare(item)));
                    items++;
                    annotations += item.annotations().size();
                    listener.itemWritten(items, annotations);
                }
                writer.finish();
            } catch (RuntimeException | Error e) {
                try {
                    writer.close();
                } catch (RuntimeException | Error closing) {
                    e.addSuppressed(closing); // the first failure is the one to report
                }
                throw e;
            }
            writer.close(); // before the move: the output's files (and a zip's directory) must be written
            writingStep(() -> sink.commit());
        } finally {
            if (cancelled) {
                Thread.currentThread().interrupt();
            }
        }
        return reporter.build(sourceId, target.id());
    }

    /** Runs a step of the writing side; its I/O failures become {@link ErrorCode#WRITE_FAILED}. */
    private <T> T writing(java.util.function.Supplier<T> step) {
        try {
            return step.get();
        } catch (UncheckedIOException e) {
            throw writeFailed(e);
        }
    }

    private void writingStep(Runnable step) {
        writing(() -> {
            step.run();
            return null;
        });
    }

    /** The writer, its I/O failures (a full disk, a read-only folder) reported as {@link ErrorCode#WRITE_FAILED}. */
    private final class GuardedWriter implements ExportWriter {
        private final ExportWriter w;

        GuardedWriter(ExportWriter w) {
            this.w = w;
        }

        @Override
        public void begin(DatasetHeader header) {
            writingStep(() -> w.begin(header));
        }

        @Override
        public void write(Item item) {
            writingStep(() -> w.write(item));
        }

        @Override
        public void finish() {
            writingStep(() -> w.finish());
        }

        @Override
        public void close() {
            writingStep(() -> w.close());
        }
    }

    ConversionReport inspect() {
        if (input.source() != null) {
            Reporter reporter = new Reporter(false);
            try (AnnotationSource src = input.source()) {
                src.header();
                for (Item item = src.next(); item != null; item = src.next()) {
                    reporter.itemRead(item);
                }
            }
            return reporter.build(input.formatId(), null);
        }
        FormatProvider readerFormat = readerFormat();
        options.readerOptions().requireKnown(readerFormat.descriptor().id(),
                readerFormat.descriptor().options().stream().filter(o -> o.appliesToRead()).toList());
        Reporter reporter = new Reporter(false);
        try (ScratchDirectory scratch = ScratchDirectory.create(options.tempDirectory());
             AnnotationSource src = openSource(readerFormat, readContext(reporter, scratch.path()))) {
            src.header();
            for (Item item = src.next(); item != null; item = src.next()) {
                reporter.itemRead(item);
            }
        }
        return reporter.build(readerFormat.descriptor().id(), null);
    }

    /** A stream output needs a file format; a folder output (or a zip stream) a folder format. */
    private void checkOutputKind(FormatDescriptor target) {
        boolean directory = target.layout() == FormatDescriptor.Layout.DIRECTORY;
        switch (output.kind()) {
            case STREAM -> {
                if (directory) {
                    throw new LabelportException(ErrorCode.UNSUPPORTED_CONVERSION, Location.of(output.name()),
                            target.id() + " is a folder format: write it through ConversionOutput.of(OutputFolder) or ConversionOutput.zip(stream)");
                }
            }
            case FOLDER, ZIP_STREAM -> {
                if (!directory) {
                    throw new LabelportException(ErrorCode.UNSUPPORTED_CONVERSION, Location.of(output.name()),
                            target.id() + " is a single-file format: write it through ConversionOutput.of(OutputStream)");
                }
            }
            case PATH -> {
            }
        }
    }

    /** Opens the input; a zip given to a directory format is read as the folder it holds. */
    private AnnotationSource openSource(FormatProvider p, ReadContext ctx) {
        Path path = input.path();
        if (p.descriptor().layout() == FormatDescriptor.Layout.DIRECTORY && Files.isRegularFile(path)
                && ZipMember.isZip(path)) {
            ZipTree tree = ZipTree.mount(path, ctx.sourceName());
            try {
                return tree.closingWith(p.open(tree.root(), ctx));
            } catch (RuntimeException e) {
                tree.close();
                throw e;
            }
        }
        return p.open(path, ctx);
    }

    private ReadContext readContext(Reporter reporter, Path spills) {
        return new ReadContext(input.name(), options.readerOptions(), options.limits(), options.errorPolicy(), reporter,
                spills);
    }

    private FormatProvider readerFormat() {
        Path path = input.path();
        if (!Files.exists(path)) {
            throw new LabelportException(ErrorCode.INVALID_INPUT, Location.of(path.toString()), "input does not exist");
        }
        FormatProvider p = from == null ? registry.detect(path) : registry.require(from);
        if (!p.descriptor().canRead()) {
            throw new LabelportException(ErrorCode.UNSUPPORTED_CONVERSION, Location.UNKNOWN, p.descriptor().id() + " cannot be read");
        }
        return p;
    }

    /**
     * Where the writer's bytes go, and what happens to them once the conversion succeeds: a path
     * output is moved into place, a stream gets a spill file copied in when the format cannot
     * write into it directly; a failed conversion discards what the sink owns.
     */
    private interface Sink extends Closeable {
        ExportWriter writer(FormatProvider format, WriteContext ctx);

        /** After the writer is closed, on success only. */
        void commit();

        @Override
        void close();

        static Sink open(ConversionOutput output, FormatDescriptor target, ConversionOptions options, Path spills) {
            boolean directory = target.layout() == FormatDescriptor.Layout.DIRECTORY;
            return switch (output.kind()) {
                case PATH -> {
                    boolean zip = directory && OutputFolders.isZipName(output.path());
                    AtomicOutput out = AtomicOutput.create(output.path(), directory && !zip, options.overwrite());
                    yield new Sink() {
                        @Override
                        public ExportWriter writer(FormatProvider format, WriteContext ctx) {
                            return OutputFolders.writer(format, out.path(), zip, ctx);
                        }

                        @Override
                        public void commit() {
                            out.commit();
                        }

                        @Override
                        public void close() {
                            out.close();
                        }
                    };
                }
                case STREAM -> new StreamSink(output.stream(), spills);
                case FOLDER -> new Sink() {
                    @Override
                    public ExportWriter writer(FormatProvider format, WriteContext ctx) {
                        return format.createWriter(output.folder(), ctx);
                    }

                    @Override
                    public void commit() {
                    }

                    @Override
                    public void close() {
                    }
                };
                case ZIP_STREAM -> new Sink() {
                    @Override
                    public ExportWriter writer(FormatProvider format, WriteContext ctx) {
                        return OutputFolders.zipWriter(format, OutputFolders.zip(output.stream(), ctx.targetName()), ctx);
                    }

                    @Override
                    public void commit() {
                    }

                    @Override
                    public void close() {
                    }
                };
            };
        }
    }

    /** A file format into a caller's stream: directly when the format can, else through a spill file. */
    private static final class StreamSink implements Sink {
        private final OutputStream stream;
        private final Path tempDirectory;
        private Path spillDir;
        private Path spill;

        StreamSink(OutputStream stream, Path tempDirectory) {
            this.stream = stream;
            this.tempDirectory = tempDirectory;
        }

        @Override
        public ExportWriter writer(FormatProvider format, WriteContext ctx) {
            if (format.writesToStream()) {
                return format.createWriter(OutputFolders.nonClosing(stream), ctx);
            }
            try {
                spillDir = Files.createTempDirectory(tempDirectory, "out-");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create a spill folder for the stream output", e);
            }
            spill = spillDir.resolve("output");
            return format.createWriter(spill, ctx);
        }

        @Override
        public void commit() {
            try {
                if (spill != null) {
                    Files.copy(spill, stream);
                }
                stream.flush();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the output stream", e);
            }
        }

        @Override
        public void close() {
            if (spillDir != null) {
                try {
                    AtomicOutput.deleteRecursively(spillDir);
                } catch (IOException e) {
                    // a leftover spill in the temp folder is not worth failing a finished conversion
                }
            }
        }
    }

    private static void checkCompatible(FormatDescriptor source, FormatDescriptor target) {
        Set<MediaKind> shared = EnumSet.noneOf(MediaKind.class);
        shared.addAll(source.itemKinds());
        shared.retainAll(target.itemKinds());
        if (shared.isEmpty()) {
            throw new LabelportException(ErrorCode.UNSUPPORTED_CONVERSION, Location.UNKNOWN,
                    "cannot convert " + source.id() + " to " + target.id() + ": " + source.id() + " holds "
                            + kinds(source) + " items and " + target.id() + " holds " + kinds(target) + " items");
        }
    }

    private static String kinds(FormatDescriptor d) {
        return d.itemKinds().stream().map(k -> k.name().toLowerCase(java.util.Locale.ROOT)).sorted()
                .reduce((a, b) -> a + "/" + b).orElse("no");
    }
}
