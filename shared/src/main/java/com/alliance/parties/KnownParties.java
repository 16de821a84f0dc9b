package com.alliance.parties;

import com.alliance.brands.Brand;
import com.alliance.brands.BrandRepository;
import com.alliance.errors.NotFoundException;
import com.alliance.hosts.Host;
import com.alliance.hosts.HostRepository;
import com.alliance.ids.Ids;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Whether a brand or host id names a party that exists, so a per-party read tells "no such party" (404
 * {@code HOST_NOT_FOUND} / {@code BRAND_NOT_FOUND}) from "a party with nothing yet" (200 with zeros). One key read
 * per id (the host's profile, the brand's item), kept for {@link #KNOWN_FOR} when found and {@link #UNKNOWN_FOR}
 * when not, so a screen that reads one party many times pays once, and a party registered a moment ago is found
 * within seconds. Ids of other kinds (an activity lead, {@code platform}, a buyer's compensation account) are
 * ledger parties without a registry here and always pass.
 */
public final class KnownParties {

    /** How long a party found stays found: parties are never deleted. */
    public static final Duration KNOWN_FOR = Duration.ofMinutes(10);
    /** How long an id not found stays unknown: short, so a host registered meanwhile is found soon. */
    public static final Duration UNKNOWN_FOR = Duration.ofSeconds(5);

    private record Entry<T>(Optional<T> value, Instant until) {
    }

    private final HostRepository hosts;
    private final BrandRepository brands;
    private final Clock clock;
    private final Map<String, Entry<Host>> hostCache = new ConcurrentHashMap<>();
    private final Map<String, Entry<Brand>> brandCache = new ConcurrentHashMap<>();

    public KnownParties(HostRepository hosts, BrandRepository brands, Clock clock) {
        this.hosts = hosts;
        this.brands = brands;
        this.clock = clock;
    }

    /** The host, if the id names one (cached). */
    public Optional<Host> host(String hostId) {
        return cached(hostCache, hostId, hosts::find);
    }

    /** The brand, if the id names one (cached). */
    public Optional<Brand> brand(String brandId) {
        return cached(brandCache, brandId, brands::find);
    }

    /** The host, or 404 {@code HOST_NOT_FOUND}. */
    public Host requireHost(String hostId) {
        return host(hostId).orElseThrow(() -> NotFoundException.of("host", hostId));
    }

    /** The brand, or 404 {@code BRAND_NOT_FOUND}. */
    public Brand requireBrand(String brandId) {
        return brand(brandId).orElseThrow(() -> NotFoundException.of("brand", brandId));
    }

    /**
     * 404 when {@code party} is a host or brand id (by its prefix, {@link Ids}) that names no party; any other
     * ledger party passes.
     */
    public void requireKnown(String party) {
        if (party.startsWith(Ids.HOST)) {
            requireHost(party);
        } else if (party.startsWith(Ids.BRAND)) {
            requireBrand(party);
        }
    }

    private <T> Optional<T> cached(Map<String, Entry<T>> cache, String id, Function<String, Optional<T>> read) {
        Instant now = clock.instant();
        Entry<T> entry = cache.get(id);
        if (entry != null && now.isBefore(entry.until())) {
            return entry.value();
        }
        Optional<T> value = read.apply(id);
        if (cache.size() > 10_000) {
            cache.clear();      // a bound, not a policy: a container sees far fewer parties than this
        }
        cache.put(id, new Entry<>(value, now.plus(value.isPresent() ? KNOWN_FOR : UNKNOWN_FOR)));
        return value;
    }
}
