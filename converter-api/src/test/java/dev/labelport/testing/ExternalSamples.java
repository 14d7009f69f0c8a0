package dev.labelport.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test class that reads the third-party samples ({@link ExternalData}). When the folder
 * is absent the whole class is disabled before any test runs, with the reason, so no test can
 * turn the skip into a failure by reaching the samples from inside an {@code assertThrows} lambda
 * or a wrapped helper. {@code ExternalDataUsageTest} checks that every class using
 * {@link ExternalData} carries it.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(ExternalDataCondition.class)
public @interface ExternalSamples {
}
