package com.alliance.matching;

import java.util.Objects;

/**
 * One reason in a match score: its value from 0 to 1, the weight configuration gives it, and in
 * words what the value came from, so a user sees why a match ranks where it does.
 */
public record ScoreComponent(String name, double value, double weight, String detail) {

    public static final String CATEGORY_FIT = "categoryFit";
    public static final String AUDIENCE = "audience";
    public static final String CONVERSION = "conversion";
    public static final String TRUST = "trust";
    public static final String COMMISSION = "commission";
    /**
     * A host's sample promises kept per promise closed, shown to a brand among its host matches with weight 0: it
     * already weighs through the host's trust ({@code risk.TrustScore}), so it is not counted twice.
     */
    public static final String SAMPLE_FULFILMENT = "sampleFulfilment";

    public ScoreComponent {
        Objects.requireNonNull(name);
        Objects.requireNonNull(detail);
        if (!(value >= 0 && value <= 1) || !(weight >= 0 && weight <= 1)) {
            throw new IllegalArgumentException(name + ": value and weight are between 0 and 1");
        }
    }

    /** What this component adds to the score. */
    public double contribution() {
        return value * weight;
    }
}
