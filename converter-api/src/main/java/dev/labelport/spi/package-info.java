/**
 * The format SPI. A format is a {@link dev.labelport.spi.FormatProvider}: a
 * {@link dev.labelport.spi.FormatDescriptor} plus optional detection, an
 * {@link dev.labelport.spi.AnnotationSource} (pull: header, then items) and an
 * {@link dev.labelport.spi.ExportWriter} (push). Providers are found with
 * {@link java.util.ServiceLoader} or registered by hand; new capabilities arrive as default
 * methods so existing providers keep compiling.
 */
package dev.labelport.spi;
