package com.alliance.orders;

import com.alliance.money.Bps;
import java.util.function.Function;

/**
 * The fee rates applied to orders, per SPEC defaults, overridable by environment:
 * {@code SERVICE_FEE_BPS} (10% of commission), {@code SALES_FEE_BPS} (5% of paid),
 * {@code LEAD_RATE_BPS} (an activity lead's share of paid, 2%), {@code SELF_BROADCAST_RATE_BPS}
 * (what a brand's own host accounts earn, 0).
 */
public record LedgerSettings(Bps serviceFeeRate, Bps salesFeeRate, Bps leadRate, Bps selfBroadcastRate) {

    public static LedgerSettings defaults() {
        return new LedgerSettings(CommissionTerms.DEFAULT_SERVICE_FEE_RATE, CommissionTerms.DEFAULT_SALES_FEE_RATE,
                Bps.of(200), Bps.ZERO);
    }

    public static LedgerSettings fromEnvironment() {
        return fromEnvironment(System::getenv);
    }

    static LedgerSettings fromEnvironment(Function<String, String> env) {
        LedgerSettings d = defaults();
        return new LedgerSettings(bps(env, "SERVICE_FEE_BPS", d.serviceFeeRate), bps(env, "SALES_FEE_BPS", d.salesFeeRate),
                bps(env, "LEAD_RATE_BPS", d.leadRate), bps(env, "SELF_BROADCAST_RATE_BPS", d.selfBroadcastRate));
    }

    private static Bps bps(Function<String, String> env, String name, Bps fallback) {
        String value = env.apply(name);
        return value == null || value.isBlank() ? fallback : Bps.of(Integer.parseInt(value.strip()));
    }
}
