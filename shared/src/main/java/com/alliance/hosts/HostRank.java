package com.alliance.hosts;

/**
 * How strongly a host sells in its categories, from 0 to 1, whatever the product: the order in which
 * the category index lists host cards, so a Query with a Limit finds the strongest hosts first.
 * Matching supplies it ({@code MatchScoring#hostStrength}); hosts only store it.
 */
@FunctionalInterface
public interface HostRank {
    double of(HostCard card);
}
