/**
 * The one unchecked exception family, {@link dev.labelport.error.LabelportException}, with an
 * {@link dev.labelport.error.ErrorCode} and a structured {@link dev.labelport.error.Location}
 * (source, line, column, byte offset, path such as {@code annotations[1203].bbox[2]}). I/O
 * failures stay {@link java.io.UncheckedIOException}s.
 */
package dev.labelport.error;
