package com.alliance.risk;

import java.util.Objects;

/**
 * One reason in a trust score: its value from 0 to 1, its weight (the components' weights sum to 1), and in
 * words what the value came from, so a brand or host sees what raises or lowers its trust.
 */
public record TrustComponent(String name, double value, double weight, String detail) {

    public TrustComponent {
        Objects.requireNonNull(name);
        Objects.requireNonNull(detail);
        if (!(value >= 0 && value <= 1) || !(weight >= 0 && weight <= 1)) {
            throw new IllegalArgumentException(name + ": value and weight are between 0 and 1");
        }
    }
}
