package com.alliance.risk;

import com.alliance.orders.CountersRepository;
import com.alliance.orders.OrderCounts.Counter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads the risk windows' buckets ({@code orders.RiskWindows}) for the screen, reusing what it read for
 * {@code RiskSettings.windowCache}: in a flash sale every payment of the room reads the same few items, and
 * the buckets lag the events by the stream fold anyway.
 */
final class RiskWindowReader {

    private record Read(long value, Instant at) {
    }

    private final CountersRepository counters;
    private final Clock clock;
    private final Duration freshFor;
    private final Map<Counter, Read> cache = new ConcurrentHashMap<>();

    RiskWindowReader(CountersRepository counters, Clock clock, Duration freshFor) {
        this.counters = counters;
        this.clock = clock;
        this.freshFor = freshFor;
    }

    /** Forgets what was read of these buckets: the next read of them goes to the store. */
    void forget(List<Counter> buckets) {
        buckets.forEach(cache::remove);
    }

    /** Each bucket's counter, in one read for those not read within the cache's time. */
    Map<Counter, Long> values(List<Counter> buckets) {
        Instant now = clock.instant();
        Map<Counter, Long> values = new HashMap<>();
        List<Counter> stale = new ArrayList<>();
        for (Counter bucket : buckets) {
            Read read = cache.get(bucket);
            if (read != null && now.isBefore(read.at().plus(freshFor))) {
                values.put(bucket, read.value());
            } else {
                stale.add(bucket);
            }
        }
        if (!stale.isEmpty()) {
            if (cache.size() > 10_000) {
                cache.clear();     // a long-lived container forgets old rooms rather than grow
            }
            counters.readAll(stale).forEach((bucket, value) -> {
                values.put(bucket, value);
                if (!freshFor.isZero()) {
                    cache.put(bucket, new Read(value, now));
                }
            });
        }
        return values;
    }
}
