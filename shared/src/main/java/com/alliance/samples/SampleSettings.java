package com.alliance.samples;

import com.alliance.settings.Env;
import java.time.Duration;
import java.util.Map;

/**
 * How long each step of a sample request may take, each from the environment with a default (days):
 * {@code SAMPLE_REVIEW_DAYS} (3) for the brand to approve or reject, {@code SAMPLE_SHIP_DAYS} (7) to ship an approved
 * request, {@code AUTO_RECEIVE_DAYS} (7) after which a shipped sample counts as received, {@code SAMPLE_PROMISE_DAYS}
 * (14) for the host to sell it in a session, {@code REAPPLY_DAYS} (30) before a rejected host may ask for that product
 * again; and the tier table {@code SAMPLE_TIERS} ({@link SampleQuota}). The promise's job waits
 * {@link #PROMISE_SETTLE} past the deadline, so an order paid just in time reaches the stream fold first.
 */
public record SampleSettings(Duration review, Duration ship, Duration autoReceive, Duration promise, Duration reapply,
                             SampleQuota quota) {

    /** How long the promise job waits past a promise deadline before it closes the request unfulfilled. */
    public static final Duration PROMISE_SETTLE = Duration.ofMinutes(15);

    public SampleSettings {
        for (Duration d : new Duration[] {review, ship, autoReceive, promise}) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("sample deadlines are at least a day: " + d);
            }
        }
        if (reapply.isNegative()) {
            throw new IllegalArgumentException("REAPPLY_DAYS is not negative");
        }
    }

    public static SampleSettings defaults() {
        return fromEnvironment(Map.of());
    }

    public static SampleSettings fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    public static SampleSettings fromEnvironment(Map<String, String> env) {
        return new SampleSettings(days(env, "SAMPLE_REVIEW_DAYS", 3), days(env, "SAMPLE_SHIP_DAYS", 7),
                days(env, "AUTO_RECEIVE_DAYS", 7), days(env, "SAMPLE_PROMISE_DAYS", 14), days(env, "REAPPLY_DAYS", 30),
                SampleQuota.parse(env.getOrDefault("SAMPLE_TIERS", SampleQuota.DEFAULT_TIERS)));
    }

    private static Duration days(Map<String, String> env, String name, long fallback) {
        return Duration.ofDays(Env.read(env::get, name, Long::parseLong, fallback));
    }
}
