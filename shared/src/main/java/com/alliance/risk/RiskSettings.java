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
 * {@code RISK_BURST_MIN_ORDERS} (5 orders from new buyers within an hour),
 * {@code RISK_WINDOW_CACHE_MILLIS} (1000: how long a function reuses the risk windows it read, so the payments
 * of one live room do not all read the same items; the windows lag the events by the stream fold anyway).
 */
public record RiskSettings(Set<FakeOrderRule> enabled, int repeatBuyerMax, Duration repeatWindow,
                           int refundRateBps, int refundMinOrders, Duration refundWindow,
                           int burstMinOrders, Duration burstWindow, Duration windowCache) {

    /** How long a function reuses the risk windows it read, by default. */
    public static final Duration DEFAULT_WINDOW_CACHE = Duration.ofSeconds(1);

    public RiskSettings(Set<FakeOrderRule> enabled, int repeatBuyerMax, Duration repeatWindow,
                        int refundRateBps, int refundMinOrders, Duration refundWindow,
                        int burstMinOrders, Duration burstWindow) {
        this(enabled, repeatBuyerMax, repeatWindow, refundRateBps, refundMinOrders, refundWindow, burstMinOrders,
                burstWindow, DEFAULT_WINDOW_CACHE);
    }

    /** The same rules, with the risk windows reused for {@code cache} (zero: read at every payment). */
    public RiskSettings withWindowCache(Duration cache) {
        return new RiskSettings(enabled, repeatBuyerMax, repeatWindow, refundRateBps, refundMinOrders, refundWindow,
                burstMinOrders, burstWindow, cache);
    }

    public RiskSettings {
        enabled = enabled.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(enabled));
        if (repeatBuyerMax < 1 || refundRateBps < 0 || refundRateBps > 10_000 || refundMinOrders < 1 || burstMinOrders < 1) {
            throw new IllegalArgumentException("risk settings out of range");
        }
        if (windowCache == null || windowCache.isNegative()) {
            throw new IllegalArgumentException("the risk window cache cannot be negative");
        }
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
        return new RiskSettings(enabled, Env.read(env, "RISK_REPEAT_BUYER_MAX", Integer::parseInt, d.repeatBuyerMax), d.repeatWindow,
                Env.read(env, "RISK_REFUND_RATE_BPS", Integer::parseInt, d.refundRateBps), Env.read(env, "RISK_REFUND_MIN_ORDERS", Integer::parseInt, d.refundMinOrders),
                d.refundWindow, Env.read(env, "RISK_BURST_MIN_ORDERS", Integer::parseInt, d.burstMinOrders), d.burstWindow,
                Duration.ofMillis(Env.read(env, "RISK_WINDOW_CACHE_MILLIS", Long::parseLong, d.windowCache.toMillis())));
    }

}
