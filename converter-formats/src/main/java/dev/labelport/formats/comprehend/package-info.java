/**
 * Amazon Comprehend training data, format id {@code comprehend} (documented in full below).
 */
package dev.labelport.formats.comprehend;
