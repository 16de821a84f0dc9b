package com.alliance.hosts;

import java.util.List;

/** A product now in a host's showcase, with the rate the host earns on it now and the changes ahead. */
public record PickResult(ShowcaseEntry entry, int rateBps, List<EarnedRate.RateStep> upcoming) {

    public PickResult {
        upcoming = List.copyOf(upcoming);
    }
}
