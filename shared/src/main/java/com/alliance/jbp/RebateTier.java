package com.alliance.jbp;

import com.alliance.money.Bps;
import java.util.Objects;

/** When a leg's GMV reaches {@code reached} of its target, the brand earns {@code rebate} of the platform sales fee. */
public record RebateTier(Bps reached, Bps rebate) {

    public RebateTier {
        Objects.requireNonNull(reached);
        Objects.requireNonNull(rebate);
    }
}
