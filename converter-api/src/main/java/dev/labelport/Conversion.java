package dev.labelport;

import dev.labelport.error.ErrorCode;
import dev.labelport.error.LabelportException;
import dev.labelport.error.Location;
import dev.labelport.internal.AtomicOutput;
import dev.labelport.internal.ForeignFields;
import dev.labelport.internal.IdRenumbering;
import dev.labelport.internal.ImageSpace;
import dev.labelport.internal.OutputFolders;
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
    private final Path input;
    private final Path output;
    private String from;
    private String to;
    private ConversionOptions options = ConversionOptions.DEFAULTS;
    private ConversionListener listener = ConversionListener.NONE;
    private Predicate<Item> filter;

    Conversion(FormatRegistry registry, Path input, Path output) {
        this.registry = registry;
        this.input = Objects.requireNonNull(input, "input");
        this.output = output;
    }

    /** The input format id or alias; {@code null} (the default) detects it. */
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
        FormatProvider readerFormat = readerFormat();
        FormatDescriptor source = readerFormat.descriptor();
        checkCompatible(source, target);
        options.readerOptions().requireKnown(source.id(), source.options().stream().filter(o -> o.appliesToRead()).toList());
        options.writerOptions().requireKnown(target.id(), target.options().stream().filter(o -> o.appliesToWrite()).toList());
        if (input.toAbsolutePath().normalize().equals(output.toAbsolutePath().normalize())) {
            throw new LabelportException(ErrorCode.OUTPUT_EXISTS, Location.of(output.toString()), "output is the input");
        }

        Reporter reporter = new Reporter(options.strict());
        String targetName = Objects.toString(output.getFileName(), output.toString());
        boolean directory = target.layout() == FormatDescriptor.Layout.DIRECTORY;
        boolean zip = directory && OutputFolders.isZipName(output);
        try (AtomicOutput out = AtomicOutput.create(output, directory && !zip, options.overwrite());
             AnnotationSource src = openSource(readerFormat, readContext(reporter))) {
            WriteContext wctx = new WriteContext(targetName, options.writerOptions(), reporter, options.tempDirectory(),
                    options.tokenizer());
            ExportWriter writer = OutputFolders.writer(writerFormat, out.path(), zip, wctx);
            try {
                IdRenumbering ids = IdRenumbering.of(options.idPolicy(), reporter);
                ForeignFields foreign = source.id().equals(target.id()) ? null : new ForeignFields(target.id(), reporter);
                // a target that holds no image geometry (CoNLL from Vertex) needs no image sizes
                ImageSpace space = ImageSpace.isNeededFor(target) ? new ImageSpace(source.id(), target.id(),
                        writerFormat.writesNormalized(), options.imageSizes(), src, options.verifyImageSizes() ? reporter : null) : null;
                DatasetHeader header = src.header();
                if (foreign != null) {
                    foreign.header(header);
                }
                writer.begin(ids.header(header));
                long items = 0;
                long annotations = 0;
                for (Item item = src.next(); item != null; item = src.next()) {
                    if (Thread.currentThread().isInterrupted()) {
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
            } finally {
                writer.close(); // before the move: the output's files (and a zip's directory) must be written
            }
            out.commit();
        }
        return reporter.build(source.id(), target.id());
    }

    ConversionReport inspect() {
        FormatProvider readerFormat = readerFormat();
        options.readerOptions().requireKnown(readerFormat.descriptor().id(),
                readerFormat.descriptor().options().stream().filter(o -> o.appliesToRead()).toList());
        Reporter reporter = new Reporter(false);
        try (AnnotationSource src = openSource(readerFormat, readContext(reporter))) {
            src.header();
            for (Item item = src.next(); item != null; item = src.next()) {
                reporter.itemRead(item);
            }
        }
        return reporter.build(readerFormat.descriptor().id(), null);
    }

    /** Opens the input; a zip given to a directory format is read as the folder it holds. */
    private AnnotationSource openSource(FormatProvider p, ReadContext ctx) {
        if (p.descriptor().layout() == FormatDescriptor.Layout.DIRECTORY && Files.isRegularFile(input)
                && ZipMember.isZip(input)) {
            ZipTree tree = ZipTree.mount(input, ctx.sourceName());
            try {
                return tree.closingWith(p.open(tree.root(), ctx));
            } catch (RuntimeException e) {
                tree.close();
                throw e;
            }
        }
        return p.open(input, ctx);
    }

    private ReadContext readContext(Reporter reporter) {
        String name = Objects.toString(input.getFileName(), input.toString());
        return new ReadContext(name, options.readerOptions(), options.limits(), options.errorPolicy(), reporter,
                options.tempDirectory());
    }

    private FormatProvider readerFormat() {
        if (!Files.exists(input)) {
            throw new LabelportException(ErrorCode.INVALID_INPUT, Location.of(input.toString()), "input does not exist");
        }
        FormatProvider p = from == null ? registry.detect(input) : registry.require(from);
        if (!p.descriptor().canRead()) {
            throw new LabelportException(ErrorCode.UNSUPPORTED_CONVERSION, Location.UNKNOWN, p.descriptor().id() + " cannot be read");
        }
        return p;
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
