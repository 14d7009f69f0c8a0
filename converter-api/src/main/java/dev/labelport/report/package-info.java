/**
 * The conversion report: counts (the check values) and every loss, each with a
 * {@link dev.labelport.report.LossCode}, a count and located examples.
 * {@link dev.labelport.report.Reporter} collects them while a conversion runs; strict mode turns
 * the first loss into a {@link dev.labelport.error.StrictLossException}.
 */
package dev.labelport.report;
