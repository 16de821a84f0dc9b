package com.alliance.jbp;

import com.alliance.orders.Leg;
import java.util.Optional;

/** One leg of an agreement measured: GMV against target, the tier reached and the rebate it earns. */
public record LegResult(Leg leg, long gmvFen, long targetFen, long reachedBps, long salesFeeFen,
                        Optional<RebateTier> tier, long rebateFen) {
}
