package com.alliance.orders;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Keeps what a consistent read returned, and lets it answer for anything that happened before the read
 * began: a product's rate schedule, listing and category as they stood at a payment are all in a copy
 * read after that payment, so a flash sale's payments share a read per container instead of one each (one
 * product item serves at most 3 000 reads a second). A payment stamped after the copy was read, or a copy
 * older than {@code maxAge}, reads again: with events arriving L seconds after they happen, a container
 * reads a product about once per L seconds. The same holds for a host's pick of a product (the {@code NOT_PICKED}
 * rule: picked before the payment means picked in a copy read after it). Unknown keys are never kept, so an
 * absent pick is read again at every payment.
 */
public final class ReadAfterCache<V> {

    /** Distinct keys kept before the cache starts over: a container sells a bounded set of products. */
    static final int CAPACITY = 10_000;

    private record Copy<V>(V value, Instant readAt) {
    }

    private final Map<String, Copy<V>> copies = new ConcurrentHashMap<>();
    private final Function<String, Optional<V>> read;
    private final Clock clock;
    private final Duration maxAge;

    public ReadAfterCache(Function<String, Optional<V>> read, Clock clock, Duration maxAge) {
        this.read = read;
        this.clock = clock;
        this.maxAge = maxAge;
    }

    /** The value as it stood at {@code happenedAt} or later: a kept copy read after it, else a fresh read. */
    public Optional<V> get(String key, Instant happenedAt) {
        Copy<V> copy = copies.get(key);
        Instant now = clock.instant();
        if (copy != null && happenedAt.isBefore(copy.readAt()) && now.isBefore(copy.readAt().plus(maxAge))) {
            return Optional.of(copy.value());
        }
        // taken before the read: the read sees every write that completed before this instant
        Instant readAt = clock.instant();
        Optional<V> value = read.apply(key);
        if (value.isPresent()) {
            if (copies.size() >= CAPACITY) {
                copies.clear();
            }
            copies.put(key, new Copy<>(value.get(), readAt));
        }
        return value;
    }
}
