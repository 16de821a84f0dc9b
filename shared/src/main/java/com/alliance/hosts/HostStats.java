package com.alliance.hosts;

import java.util.Optional;

/**
 * What a host has sold and streamed so far: the orders attributed to it and the minutes its
 * audience watched. Order and live-session events add to these; matching turns them into a
 * conversion rate.
 */
public record HostStats(long ordersCount, long watchMinutes) {

    public static final HostStats NONE = new HostStats(0, 0);

    public HostStats {
        if (ordersCount < 0 || watchMinutes < 0) {
            throw new IllegalArgumentException("stats never go negative");
        }
    }

    /** Orders per hour watched, once anything has been watched. */
    public Optional<Double> ordersPerWatchHour() {
        return watchMinutes == 0 ? Optional.empty() : Optional.of(ordersCount * 60.0 / watchMinutes);
    }
}
