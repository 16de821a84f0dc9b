package com.alliance.hosts;

import java.util.Optional;

/**
 * What a host has sold and streamed so far: the orders attributed to it and the minutes its
 * audience watched, and its sample promises kept ({@code samplesFulfilled}: sold in a session in time) and
 * lapsed unsold ({@code samplesUnfulfilled}). Order, live-session and sample events add to these; matching turns
 * the first two into a conversion rate and shows the last two as the host's sample fulfilment.
 */
public record HostStats(long ordersCount, long watchMinutes, long samplesFulfilled, long samplesUnfulfilled) {

    public static final HostStats NONE = new HostStats(0, 0);

    public HostStats {
        if (ordersCount < 0 || watchMinutes < 0 || samplesFulfilled < 0 || samplesUnfulfilled < 0) {
            throw new IllegalArgumentException("stats never go negative");
        }
    }

    /** Sales and watch minutes of a host that has closed no sample promise. */
    public HostStats(long ordersCount, long watchMinutes) {
        this(ordersCount, watchMinutes, 0, 0);
    }

    /** Orders per hour watched, once anything has been watched. */
    public Optional<Double> ordersPerWatchHour() {
        return watchMinutes == 0 ? Optional.empty() : Optional.of(ordersCount * 60.0 / watchMinutes);
    }

    /** Sample promises closed either way. */
    public long samplesClosed() {
        return samplesFulfilled + samplesUnfulfilled;
    }
}
