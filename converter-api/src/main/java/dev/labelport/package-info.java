/**
 * Labelport: streaming conversion between annotation export formats, with a report of every loss.
 *
 * <p>Start with {@link dev.labelport.Labelport}: {@code Labelport.convert(in, out, "coco", "avala")}
 * for defaults, or {@code Labelport.create().conversion(in, out).to("avala").options(...).run()}.
 * Options are immutable ({@link dev.labelport.ConversionOptions}, {@link dev.labelport.Limits});
 * formats come from {@link dev.labelport.FormatRegistry}. A conversion writes to a temporary
 * sibling of the output and moves it into place only when it succeeds.
 */
package dev.labelport;
