package com.alliance.orders;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** A store of one product's rate whose reads are counted, and a clock the test moves. */
class ReadAfterCacheTest {

    static final Instant T0 = Instant.parse("2026-11-30T12:00:00Z");

    private final Map<String, Integer> store = new ConcurrentHashMap<>(Map.of("p-1", 2_000));
    private final List<String> reads = new ArrayList<>();
    private Instant now = T0;
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };
    private final ReadAfterCache<Integer> cache = new ReadAfterCache<>(key -> {
        reads.add(key);
        return Optional.ofNullable(store.get(key));
    }, clock, Duration.ofSeconds(60));

    @Test
    void payments_made_before_a_read_share_it() {
        assertThat(cache.get("p-1", T0.minusSeconds(5))).contains(2_000);
        now = T0.plusSeconds(10);
        assertThat(cache.get("p-1", T0.minusSeconds(1))).contains(2_000);
        assertThat(cache.get("p-1", T0.minusSeconds(3))).contains(2_000);
        assertThat(reads).containsExactly("p-1");
    }

    @Test
    void a_payment_made_after_the_read_reads_again_and_sees_a_change_made_before_it() {
        cache.get("p-1", T0.minusSeconds(5));
        now = T0.plusSeconds(2);
        store.put("p-1", 3_000);   // a raise acts at once
        now = T0.plusSeconds(4);

        assertThat(cache.get("p-1", T0.plusSeconds(3))).contains(3_000);
        assertThat(reads).containsExactly("p-1", "p-1");
    }

    @Test
    void a_copy_older_than_its_age_limit_is_read_again() {
        cache.get("p-1", T0.minusSeconds(5));
        now = T0.plusSeconds(61);
        cache.get("p-1", T0.minusSeconds(5));
        assertThat(reads).hasSize(2);
    }

    @Test
    void an_unknown_key_is_never_kept() {
        assertThat(cache.get("p-2", T0.minusSeconds(5))).isEmpty();
        store.put("p-2", 1_000);
        assertThat(cache.get("p-2", T0.minusSeconds(5))).contains(1_000);
        assertThat(reads).containsExactly("p-2", "p-2");
    }
}
