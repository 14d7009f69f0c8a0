/**
 * Hugging Face datasets CSV, format id {@code hf-csv}. (Documentation to follow.)
 */
package dev.labelport.formats.hf;
