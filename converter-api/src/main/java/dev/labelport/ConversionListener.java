package dev.labelport;

/** Progress callbacks of one conversion, called on the converting thread. */
public interface ConversionListener {
    ConversionListener NONE = new ConversionListener() {
    };

    /** Called after each item is written, with the running counts. */
    default void itemWritten(long items, long annotations) {
    }
}
