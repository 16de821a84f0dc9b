package com.alliance.catalog;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The commission a product pays hosts over time. A targeted rate for a host beats the open rate;
 * a decrease takes effect only after the notice period, so hosts are never surprised; an increase
 * takes effect at once. See {@link #change} for how a change meets changes already announced.
 */
public record RateSchedule(List<RateChange> changes) {

    private static final Comparator<RateChange> BY_EFFECTIVE_FROM =
            Comparator.comparing(RateChange::effectiveFrom).thenComparing(RateChange::announcedAt);

    public RateSchedule {
        changes = changes.stream().sorted(BY_EFFECTIVE_FROM).toList();
        if (changes.stream().noneMatch(RateChange::isOpen)) {
            throw new IllegalArgumentException("a rate schedule needs an open rate");
        }
    }

    /** The schedule of a newly listed product: every listed rate in force at once. */
    public static RateSchedule listed(int openRateBps, List<TargetedRate> targeted, Instant now) {
        List<RateChange> changes = new ArrayList<>();
        changes.add(new RateChange(Optional.empty(), openRateBps, now, now));
        targeted.forEach(t -> changes.add(new RateChange(Optional.of(t.hostId()), t.rateBps(), now, now)));
        return new RateSchedule(changes);
    }

    /** The rate host {@code hostId} earns on an order paid at {@code at}: targeted beats open. */
    public int rateFor(String hostId, Instant at) {
        return inForce(Optional.of(hostId), at).or(() -> inForce(Optional.empty(), at))
                .map(RateChange::rateBps)
                .orElseThrow(() -> new IllegalStateException("no open rate in force at " + at));
    }

    /** The open rate in force at {@code at}. */
    public int openRate(Instant at) {
        return inForce(Optional.empty(), at).map(RateChange::rateBps)
                .orElseThrow(() -> new IllegalStateException("no open rate in force at " + at));
    }

    /**
     * The open rate once every announced change is in force: what the matching index sorts by,
     * so an announced decrease lowers a product's place at once rather than when it bites.
     */
    public int openRateAhead() {
        RateChange last = null;
        for (RateChange change : changes) {
            if (change.isOpen()) {
                last = change;
            }
        }
        return last.rateBps();
    }

    /**
     * The targeted plan's rate: the highest targeted rate once every announced change is in force, what a host
     * joining the plan is offered by default; empty when the schedule targets no host.
     */
    public Optional<Integer> planRateAhead() {
        Map<String, Integer> ahead = new HashMap<>();
        // in effective order, so each host's last change is the rate it ends on
        changes.forEach(c -> c.hostId().ifPresent(host -> ahead.put(host, c.rateBps())));
        return ahead.values().stream().max(Integer::compare);
    }

    /** Hosts with a targeted rate at any time in this schedule. */
    public Set<String> targetedHosts() {
        Set<String> hosts = new LinkedHashSet<>();
        changes.forEach(c -> c.hostId().ifPresent(hosts::add));
        return hosts;
    }

    /** Targeted hosts whose targeted rate is in force at {@code at}, with that rate. */
    public List<TargetedRate> targetedAt(Instant at) {
        List<TargetedRate> rates = new ArrayList<>();
        for (String host : targetedHosts()) {
            inForce(Optional.of(host), at).ifPresent(c -> rates.add(new TargetedRate(host, c.rateBps())));
        }
        return rates;
    }

    /** Changes announced but not yet in force at {@code now}. */
    public List<RateChange> upcoming(Instant now) {
        return changes.stream().filter(c -> c.effectiveFrom().isAfter(now)).toList();
    }

    /**
     * Applies a rate change requested at {@code now}. It takes effect at once only if it is at least
     * every rate the scope's hosts were promised for the coming notice period; otherwise it waits
     * {@code notice}. Changes announced earlier that fall due before it still happen; those due
     * from its own start on are replaced.
     */
    public RateSchedule change(Optional<String> hostId, int rateBps, Instant now, Duration notice) {
        Instant effectiveFrom = rateBps >= highestPromised(hostId, now, now.plus(notice)) ? now : now.plus(notice);
        List<RateChange> kept = new ArrayList<>(changes.stream()
                .filter(c -> !(c.inScope(hostId) && !c.effectiveFrom().isBefore(effectiveFrom)))
                .toList());
        kept.add(new RateChange(hostId, rateBps, effectiveFrom, now));
        return new RateSchedule(kept);
    }

    /** The highest rate the scope pays at any moment of [from, to]: rates only change at change instants. */
    private int highestPromised(Optional<String> hostId, Instant from, Instant to) {
        int highest = rateIn(hostId, from);
        for (RateChange change : changes) {
            Instant at = change.effectiveFrom();
            if (at.isAfter(from) && !at.isAfter(to)) {
                highest = Math.max(highest, rateIn(hostId, at));
            }
        }
        return highest;
    }

    private int rateIn(Optional<String> hostId, Instant at) {
        return hostId.map(h -> rateFor(h, at)).orElseGet(() -> openRate(at));
    }

    private Optional<RateChange> inForce(Optional<String> scope, Instant at) {
        RateChange latest = null;
        for (RateChange change : changes) {
            if (change.inScope(scope) && !change.effectiveFrom().isAfter(at)) {
                latest = change;
            }
        }
        return Optional.ofNullable(latest);
    }

    /** A rate offered to one host. */
    public record TargetedRate(String hostId, int rateBps) {
    }
}
