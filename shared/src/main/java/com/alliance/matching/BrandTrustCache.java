package com.alliance.matching;

import com.alliance.brands.BrandRepository;
import com.alliance.persistence.ReadUnits;
import com.alliance.risk.Trust;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Brands' trust, reused for a while once read. Products do not carry their brand's trust (a brand may
 * list thousands), so ranking goods for a host would otherwise read one brand item per candidate brand
 * on every request; trust changes slowly, so a few minutes' staleness costs nothing.
 */
public final class BrandTrustCache {

    private record Entry(Trust trust, Instant readAt) {
    }

    private final BrandRepository brands;
    private final Duration ttl;
    private final Clock clock;
    private final Map<String, Entry> cache = new ConcurrentHashMap<>();

    public BrandTrustCache(BrandRepository brands, Duration ttl, Clock clock) {
        this.brands = brands;
        this.ttl = ttl;
        this.clock = clock;
    }

    public Map<String, Trust> of(Collection<String> brandIds, ReadUnits units) {
        Instant now = clock.instant();
        Map<String, Trust> trust = new HashMap<>();
        List<String> stale = brandIds.stream().distinct().filter(id -> {
            Entry entry = cache.get(id);
            if (entry != null && entry.readAt().plus(ttl).isAfter(now)) {
                trust.put(id, entry.trust());
                return false;
            }
            return true;
        }).toList();
        if (!stale.isEmpty()) {
            brands.trustOf(stale, units).forEach((id, value) -> {
                cache.put(id, new Entry(value, now));
                trust.put(id, value);
            });
        }
        return trust;
    }
}
