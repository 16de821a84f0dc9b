package com.alliance.money;

/**
 * A rate in basis points: 1 bps = 0.01%, 10 000 bps = 100%.
 *
 * @param value basis points, 0..10 000
 */
public record Bps(int value) implements Comparable<Bps> {

    public static final int ONE_HUNDRED_PERCENT = 10_000;
    public static final Bps ZERO = new Bps(0);

    public Bps {
        if (value < 0 || value > ONE_HUNDRED_PERCENT) {
            throw new IllegalArgumentException("rate must be 0..10000 bps, was " + value);
        }
    }

    public static Bps of(int value) {
        return new Bps(value);
    }

    public boolean isZero() {
        return value == 0;
    }

    @Override
    public int compareTo(Bps other) {
        return Integer.compare(value, other.value);
    }

    @Override
    public String toString() {
        return value + "bps";
    }
}
