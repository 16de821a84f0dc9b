package com.alliance.hosts;

import com.alliance.catalog.Category;
import com.alliance.risk.Trust;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A live-stream host: its persona, the categories it sells (the first is its main one), its audience
 * and, for a brand's self-broadcast account, the brand it belongs to.
 */
public record Host(String hostId, String personaName, List<Category> categories, long privateFans, long publicFans,
                   HostKind kind, Optional<String> brandId, Trust trust, Instant registeredAt, String registeredBy) {

    public Host {
        Objects.requireNonNull(hostId);
        Objects.requireNonNull(personaName);
        categories = List.copyOf(categories);
        Objects.requireNonNull(kind);
        Objects.requireNonNull(brandId);
        Objects.requireNonNull(trust);
        Objects.requireNonNull(registeredAt);
        Objects.requireNonNull(registeredBy);
        if (categories.isEmpty() || new HashSet<>(categories).size() != categories.size()) {
            throw new IllegalArgumentException("a host sells in one or more distinct categories");
        }
        if ((kind == HostKind.BRAND_SELF) != brandId.isPresent()) {
            throw new IllegalArgumentException("a self-broadcast host, and only one, belongs to a brand");
        }
        if (privateFans < 0 || publicFans < 0) {
            throw new IllegalArgumentException("fan counts are never negative");
        }
    }

    public static Host registered(String hostId, HostRegistration registration, Instant at, String by) {
        return new Host(hostId, registration.personaName(), registration.categories(), registration.privateFans(),
                registration.publicFans(), registration.kind(), registration.brandId(), Trust.NEUTRAL, at, by);
    }

    public Category mainCategory() {
        return categories.get(0);
    }

    public boolean isSelfBroadcast() {
        return kind == HostKind.BRAND_SELF;
    }

    /** Whether this is a self-broadcast account of {@code brand}. */
    public boolean isSelfBroadcastOf(String brand) {
        return isSelfBroadcast() && brandId.get().equals(brand);
    }

    public Host withTrust(Trust newTrust) {
        return new Host(hostId, personaName, categories, privateFans, publicFans, kind, brandId, newTrust,
                registeredAt, registeredBy);
    }
}
