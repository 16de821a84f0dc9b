package com.alliance.matching;

import com.alliance.hosts.HostCard;
import java.util.Objects;

/** A host recommended for a product: the rate it would earn and the score with its reasons. */
public record HostMatch(HostCard host, int rateBps, MatchScore score) {

    public HostMatch {
        Objects.requireNonNull(host);
        Objects.requireNonNull(score);
    }
}
