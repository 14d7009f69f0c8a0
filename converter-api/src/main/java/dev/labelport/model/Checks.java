package dev.labelport.model;

final class Checks {
    private Checks() {
    }

    static double finite(double v, String name) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException(name + " must be finite: " + v);
        }
        return v;
    }

    static double nonNegative(double v, String name) {
        finite(v, name);
        if (v < 0) {
            throw new IllegalArgumentException(name + " must not be negative: " + v);
        }
        return v;
    }
}
