package com.alliance.risk;

import com.alliance.settings.Env;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/**
 * The fake-order rules' parameters, per SPEC defaults, overridable by environment:
 * {@code RISK_RULES} (comma-separated codes that are on; all by default, {@code NONE} for none),
 * {@code RISK_REPEAT_BUYER_MAX} (3 orders of one product per buyer in 24 h),
 * {@code RISK_REFUND_RATE_BPS} (3000 = 30%), {@code RISK_REFUND_MIN_ORDERS} (10 paid orders in 30 days),
 * {@code RISK_BURST_MIN_ORDERS} (5 orders from first-time buyers within the room window), the room settings
 * ({@link Room}), {@code RISK_LATENESS_MINUTES} (10: how late an event may arrive after it occurred and still
 * count; the deferred rules decide that long after their windows close),
 * {@code RISK_WINDOW_CACHE_MILLIS} (60000: how long a function reuses the risk windows and the live sessions it read
 * for a review; a review reads them once they have closed, so reuse changes nothing but the reads: a flash sale's
 * reviews, many workers at once, read the room's few items about once a minute each, not once an order).
 */
public record RiskSettings(Set<FakeOrderRule> enabled, int repeatBuyerMax, Duration repeatWindow,
                           int refundRateBps, int refundMinOrders, Duration refundWindow,
                           int burstMinOrders, Duration burstWindow, Duration windowCache, Room room,
                           Duration lateness) {

    /**
     * How the burst rule weighs first-time buyers against the live room they came from.
     *
     * @param conversionBps      the share of the room's audience that may be first-time buyers of one product
     *                           within the window (1000 = 10%; a popular room converts a few percent)
     * @param usualMultiple      a host whose usual conversion (paid orders ÷ UV, the 30 days before) is higher
     *                           may convert this many times its usual (3) …
     * @param conversionCapBps   … up to this share (3000 = 30%)
     * @param newShareBps        the rule fires only when first-time buyers are at least this share of the window's
     *                           orders (5000 = 50%): a room of returning customers is a real audience …
     * @param shareMarginBps     … and at least this much above the host's usual share of first-time buyers (2000)
     * @param usualMinOrders     the usual figures count once the 30 days before hold this many orders (20)
     * @param impulsePriceFen    a unit price below this (2000 = ¥20) converts twice as easily
     * @param watchMinutesPerViewer the audience is the UV, but at most one viewer per this many watch minutes (1):
     *                           viewers that never watch do not explain buyers
     */
    public record Room(int conversionBps, int usualMultiple, int conversionCapBps, int newShareBps, int shareMarginBps,
                       int usualMinOrders, long impulsePriceFen, int watchMinutesPerViewer) {

        public Room {
            if (conversionBps < 0 || conversionBps > 10_000 || usualMultiple < 0 || conversionCapBps < 0
                    || conversionCapBps > 10_000 || newShareBps < 0 || newShareBps > 10_000 || shareMarginBps < 0
                    || usualMinOrders < 1 || impulsePriceFen < 0 || watchMinutesPerViewer < 0) {
                throw new IllegalArgumentException("room settings out of range");
            }
        }

        public static Room defaults() {
            return new Room(1_000, 3, 3_000, 5_000, 2_000, 20, 2_000, 1);
        }
    }

    /** How long a function reuses the risk windows and sessions it read for a review, by default. */
    public static final Duration DEFAULT_WINDOW_CACHE = Duration.ofSeconds(60);

    /** How late an event may arrive and still count in the deferred rules, by default. */
    public static final Duration DEFAULT_LATENESS = Duration.ofMinutes(10);

    public RiskSettings(Set<FakeOrderRule> enabled, int repeatBuyerMax, Duration repeatWindow,
                        int refundRateBps, int refundMinOrders, Duration refundWindow,
                        int burstMinOrders, Duration burstWindow) {
        this(enabled, repeatBuyerMax, repeatWindow, refundRateBps, refundMinOrders, refundWindow, burstMinOrders,
                burstWindow, DEFAULT_WINDOW_CACHE);
    }

    public RiskSettings(Set<FakeOrderRule> enabled, int repeatBuyerMax, Duration repeatWindow,
                        int refundRateBps, int refundMinOrders, Duration refundWindow,
                        int burstMinOrders, Duration burstWindow, Duration windowCache) {
        this(enabled, repeatBuyerMax, repeatWindow, refundRateBps, refundMinOrders, refundWindow, burstMinOrders,
                burstWindow, windowCache, Room.defaults(), DEFAULT_LATENESS);
    }

    /** The same rules, with the risk windows reused for {@code cache} (zero: read at every payment). */
    public RiskSettings withWindowCache(Duration cache) {
        return new RiskSettings(enabled, repeatBuyerMax, repeatWindow, refundRateBps, refundMinOrders, refundWindow,
                burstMinOrders, burstWindow, cache, room, lateness);
    }

    /** The same rules, only those in {@code on} enabled. */
    public RiskSettings only(Set<FakeOrderRule> on) {
        return new RiskSettings(on, repeatBuyerMax, repeatWindow, refundRateBps, refundMinOrders, refundWindow,
                burstMinOrders, burstWindow, windowCache, room, lateness);
    }

    public RiskSettings {
        enabled = enabled.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(enabled));
        if (repeatBuyerMax < 1 || refundRateBps < 0 || refundRateBps > 10_000 || refundMinOrders < 1 || burstMinOrders < 1) {
            throw new IllegalArgumentException("risk settings out of range");
        }
        if (windowCache == null || windowCache.isNegative()) {
            throw new IllegalArgumentException("the risk window cache cannot be negative");
        }
        if (room == null || lateness == null || lateness.isNegative()) {
            throw new IllegalArgumentException("the room settings and a non-negative lateness are required");
        }
    }

    /** Whether any rule that decides at the review (after its windows close) is on. */
    public boolean anyDeferred() {
        return enabled.stream().anyMatch(rule -> !rule.atPayment());
    }

    public static RiskSettings defaults() {
        return new RiskSettings(EnumSet.allOf(FakeOrderRule.class), 3, Duration.ofHours(24), 3_000, 10,
                Duration.ofDays(30), 5, Duration.ofHours(1));
    }

    public static RiskSettings fromEnvironment() {
        return fromEnvironment(System::getenv);
    }

    public static RiskSettings fromEnvironment(Function<String, String> env) {
        RiskSettings d = defaults();
        String rules = env.apply("RISK_RULES");
        Set<FakeOrderRule> enabled = d.enabled;
        if (rules != null && !rules.isBlank()) {
            enabled = "NONE".equalsIgnoreCase(rules.strip()) ? Set.of() : Set.copyOf(Arrays.stream(rules.split(","))
                    .map(code -> FakeOrderRule.valueOf(code.strip().toUpperCase(Locale.ROOT))).toList());
        }
        Room r = d.room;
        Room room = new Room(Env.read(env, "RISK_BURST_CONVERSION_BPS", Integer::parseInt, r.conversionBps()),
                Env.read(env, "RISK_BURST_USUAL_MULTIPLE", Integer::parseInt, r.usualMultiple()),
                Env.read(env, "RISK_BURST_CONVERSION_CAP_BPS", Integer::parseInt, r.conversionCapBps()),
                Env.read(env, "RISK_BURST_NEW_SHARE_BPS", Integer::parseInt, r.newShareBps()),
                Env.read(env, "RISK_BURST_SHARE_MARGIN_BPS", Integer::parseInt, r.shareMarginBps()),
                Env.read(env, "RISK_BURST_USUAL_MIN_ORDERS", Integer::parseInt, r.usualMinOrders()),
                Env.read(env, "RISK_BURST_IMPULSE_PRICE_FEN", Long::parseLong, r.impulsePriceFen()),
                Env.read(env, "RISK_BURST_WATCH_MINUTES_PER_VIEWER", Integer::parseInt, r.watchMinutesPerViewer()));
        return new RiskSettings(enabled, Env.read(env, "RISK_REPEAT_BUYER_MAX", Integer::parseInt, d.repeatBuyerMax), d.repeatWindow,
                Env.read(env, "RISK_REFUND_RATE_BPS", Integer::parseInt, d.refundRateBps), Env.read(env, "RISK_REFUND_MIN_ORDERS", Integer::parseInt, d.refundMinOrders),
                d.refundWindow, Env.read(env, "RISK_BURST_MIN_ORDERS", Integer::parseInt, d.burstMinOrders), d.burstWindow,
                Duration.ofMillis(Env.read(env, "RISK_WINDOW_CACHE_MILLIS", Long::parseLong, d.windowCache.toMillis())),
                room, Duration.ofMinutes(Env.read(env, "RISK_LATENESS_MINUTES", Long::parseLong, d.lateness.toMinutes())));
    }

}
