package com.alliance.jbp;

import com.alliance.money.Bps;
import com.alliance.money.Money;
import java.util.List;
import java.util.Optional;

/**
 * The JBP rebate of one leg: the share of target its GMV reached picks the highest tier at or below
 * it, and the brand gets that tier's rebate of the platform sales fee the leg's orders paid
 * (half-even). GMV beyond the target does not reach a higher tier than those defined.
 */
public final class RebateRule {

    private RebateRule() {
    }

    /** The share of target reached, in basis points (may exceed 10 000), rounded down. */
    public static long reachedBps(long gmvFen, long targetFen) {
        if (targetFen <= 0 || gmvFen <= 0) {
            return 0;
        }
        return Math.multiplyExact(gmvFen, 10_000L) / targetFen;
    }

    public static Optional<RebateTier> tierReached(long gmvFen, long targetFen, List<RebateTier> tiers) {
        long reached = reachedBps(gmvFen, targetFen);
        return tiers.stream().filter(t -> t.reached().value() <= reached)
                .max(java.util.Comparator.comparingInt(t -> t.reached().value()));
    }

    public static long rebateFen(long gmvFen, long targetFen, List<RebateTier> tiers, long salesFeeFen) {
        return tierReached(gmvFen, targetFen, tiers).map(t -> Money.percentOf(salesFeeFen, t.rebate())).orElse(0L);
    }

}
