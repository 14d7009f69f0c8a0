package dev.labelport.jobs.delivery;

import java.time.Duration;
import java.util.Objects;

/**
 * How often and how patiently a delivery is tried again after a transient failure (a 5xx answer,
 * a timeout, a refused connection): at most {@code maxAttempts} attempts in all, the n-th retry
 * waiting {@code initialDelay × multiplier^(n-1)}, capped at {@code maxDelay}.
 *
 * <pre>{@code
 * RetryPolicy policy = new RetryPolicy(5, Duration.ofMillis(500), 2.0, Duration.ofSeconds(30));
 * }</pre>
 *
 * @param maxAttempts  attempts in all, the first included (1 = no retry)
 * @param initialDelay the wait before the first retry
 * @param multiplier   the growth of the wait from one retry to the next (at least 1)
 * @param maxDelay     the longest wait between two attempts
 */
public record RetryPolicy(int maxAttempts, Duration initialDelay, double multiplier, Duration maxDelay) {
    /** Five attempts, waiting 1 s, 2 s, 4 s and 8 s between them. */
    public static final RetryPolicy DEFAULT = new RetryPolicy(5, Duration.ofSeconds(1), 2.0, Duration.ofSeconds(30));
    /** One attempt, no retry. */
    public static final RetryPolicy NONE = new RetryPolicy(1, Duration.ZERO, 1.0, Duration.ZERO);

    public RetryPolicy {
        Objects.requireNonNull(initialDelay, "initialDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        if (maxAttempts < 1 || maxAttempts > 100) {
            throw new IllegalArgumentException("maxAttempts must be within 1..100, got " + maxAttempts);
        }
        if (initialDelay.isNegative() || maxDelay.isNegative()) {
            throw new IllegalArgumentException("delays must not be negative");
        }
        if (!(multiplier >= 1.0) || Double.isInfinite(multiplier)) {
            throw new IllegalArgumentException("multiplier must be a finite number >= 1, got " + multiplier);
        }
    }

    /** The wait before attempt number {@code attempt} (2 = the first retry). */
    public Duration delayBefore(int attempt) {
        if (attempt < 2) {
            return Duration.ZERO;
        }
        double millis = initialDelay.toMillis() * Math.pow(multiplier, attempt - 2.0);
        return millis >= maxDelay.toMillis() ? maxDelay : Duration.ofMillis((long) millis);
    }

    /** Sleeps before attempt {@code attempt}; an interrupt (a cancelled job) ends the wait at once. */
    void awaitAttempt(int attempt) throws InterruptedException {
        Duration wait = delayBefore(attempt);
        if (!wait.isZero()) {
            Thread.sleep(wait.toMillis());
        }
    }
}
