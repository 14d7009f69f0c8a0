/**
 * Generic annotation CSV, format id {@code csv} (draft; see the final version below).
 */
package dev.labelport.formats.csv;
