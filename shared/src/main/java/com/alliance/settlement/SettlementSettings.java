package com.alliance.settlement;

import java.time.Duration;
import java.util.function.Function;

/**
 * Settlement configuration, per SPEC defaults, overridable by environment.
 *
 * @param payoutThresholdFen a payee whose net settleable amount is below this is carried to the next
 *                           run ({@code PAYOUT_THRESHOLD_FEN}, default 100 = 1 yuan)
 * @param requestBudget      how long an API request may spend building or cancelling a run before it
 *                           answers and leaves the rest to the settlement job
 */
public record SettlementSettings(long payoutThresholdFen, Duration requestBudget) {

    public static final long DEFAULT_PAYOUT_THRESHOLD_FEN = 100;
    public static final Duration DEFAULT_REQUEST_BUDGET = Duration.ofSeconds(10);

    public SettlementSettings {
        if (payoutThresholdFen < 1) {
            throw new IllegalArgumentException("the payout threshold must be at least 1 fen, was " + payoutThresholdFen);
        }
        if (requestBudget.isNegative()) {
            throw new IllegalArgumentException("the request budget must not be negative");
        }
    }

    public static SettlementSettings defaults() {
        return new SettlementSettings(DEFAULT_PAYOUT_THRESHOLD_FEN, DEFAULT_REQUEST_BUDGET);
    }

    public static SettlementSettings fromEnvironment() {
        return fromEnvironment(System::getenv);
    }

    static SettlementSettings fromEnvironment(Function<String, String> env) {
        String threshold = env.apply("PAYOUT_THRESHOLD_FEN");
        long fen = threshold == null || threshold.isBlank() ? DEFAULT_PAYOUT_THRESHOLD_FEN : Long.parseLong(threshold.strip());
        return new SettlementSettings(fen, DEFAULT_REQUEST_BUDGET);
    }

    public SettlementSettings withRequestBudget(Duration budget) {
        return new SettlementSettings(payoutThresholdFen, budget);
    }
}
