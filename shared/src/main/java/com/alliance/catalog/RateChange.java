package com.alliance.catalog;

import com.alliance.errors.InvalidInputException;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One entry of a product's rate schedule: from {@code effectiveFrom}, hosts in scope earn
 * {@code rateBps} of paid. The scope is every host (the open rate) or one targeted host.
 */
public record RateChange(Optional<String> hostId, int rateBps, Instant effectiveFrom, Instant announcedAt) {

    /** Commission rates a product may offer: 0.01% to 90% of paid. */
    public static final int MIN_RATE_BPS = 1;
    public static final int MAX_RATE_BPS = 9_000;

    public RateChange {
        Objects.requireNonNull(hostId);
        Objects.requireNonNull(effectiveFrom);
        Objects.requireNonNull(announcedAt);
        if (effectiveFrom.isBefore(announcedAt)) {
            throw new IllegalArgumentException("a rate cannot take effect before it is announced");
        }
    }

    public static int checkRate(long rateBps, String field) {
        if (rateBps < MIN_RATE_BPS || rateBps > MAX_RATE_BPS) {
            throw new InvalidInputException("RATE_OUT_OF_RANGE",
                    field + " must be between " + MIN_RATE_BPS + " and " + MAX_RATE_BPS + " basis points", field);
        }
        return (int) rateBps;
    }

    public boolean isOpen() {
        return hostId.isEmpty();
    }

    boolean inScope(Optional<String> scope) {
        return hostId.equals(scope);
    }
}
