package com.alliance.risk;

/**
 * How far the marketplace trusts a brand or a host, from 0 (not at all) to 1, from shipping,
 * complaints, refunds and risk holds, as {@link TrustScore} computes it and {@link TrustJob} keeps it current.
 * A party without record is {@link #NEUTRAL}.
 */
public record Trust(double value) {

    public static final Trust NEUTRAL = new Trust(0.5);

    public Trust {
        if (!(value >= 0.0 && value <= 1.0)) {
            throw new IllegalArgumentException("trust is between 0 and 1, got " + value);
        }
    }
}
