package com.alliance.samples;

import java.util.ArrayList;
import java.util.List;

/**
 * How many sample requests a host may have open at once. Its tier comes from its GMV of the last 30 days (counted
 * orders, net of refunds), by a table of {@code minimum GMV in fen : cap} rows, {@code SAMPLE_TIERS}, by default
 * {@value #DEFAULT_TIERS}: below ¥10 000 a host has 5, below ¥100 000 20, from ¥100 000 on 50. A host that let
 * promises lapse gets fewer: {@code cap = max(1, ⌊tier cap × (1 − unfulfilled ÷ (fulfilled + unfulfilled))⌋)}, so it
 * can always ask for one and earn its record back. Pure: no I/O.
 */
public record SampleQuota(List<Tier> tiers) {

    public static final String DEFAULT_TIERS = "0:5,1000000:20,10000000:50";

    /** A tier: from this 30-day GMV on, this many open requests. Tiers are numbered from 1. */
    public record Tier(long minGmvFen, int cap) {
    }

    /** A host's quota as the API shows it. */
    public record Standing(int tier, long gmv30dFen, int tierCap, int cap, int open) {

        public boolean isFull() {
            return open >= cap;
        }
    }

    public SampleQuota {
        tiers = List.copyOf(tiers);
        if (tiers.isEmpty() || tiers.get(0).minGmvFen() != 0) {
            throw new IllegalArgumentException("SAMPLE_TIERS starts at GMV 0: " + tiers);
        }
        for (int i = 0; i < tiers.size(); i++) {
            if (tiers.get(i).cap() < 1 || (i > 0 && (tiers.get(i).minGmvFen() <= tiers.get(i - 1).minGmvFen()
                    || tiers.get(i).cap() < tiers.get(i - 1).cap()))) {
                throw new IllegalArgumentException("SAMPLE_TIERS rises in GMV and never lowers the cap: " + tiers);
            }
        }
    }

    public static SampleQuota parse(String spec) {
        List<Tier> tiers = new ArrayList<>();
        for (String row : spec.split(",")) {
            String[] parts = row.strip().split(":");
            if (parts.length != 2) {
                throw new IllegalArgumentException("SAMPLE_TIERS rows are gmvFen:cap, got " + row);
            }
            tiers.add(new Tier(Long.parseLong(parts[0].strip()), Integer.parseInt(parts[1].strip())));
        }
        return new SampleQuota(tiers);
    }

    /** The tier (from 1) of a 30-day GMV. */
    public int tierOf(long gmv30dFen) {
        int tier = 1;
        for (int i = 0; i < tiers.size(); i++) {
            if (gmv30dFen >= tiers.get(i).minGmvFen()) {
                tier = i + 1;
            }
        }
        return tier;
    }

    /** The host's standing: its tier's cap lowered by its unfulfilled share, and how many it has open. */
    public Standing standing(long gmv30dFen, SampleRecord record, int open) {
        int tier = tierOf(gmv30dFen);
        int tierCap = tiers.get(tier - 1).cap();
        int cap = tierCap;
        if (record.closed() > 0) {
            // ⌊tierCap × fulfilled ÷ closed⌋ in integers: the same as ⌊tierCap × (1 − unfulfilled share)⌋
            cap = (int) Math.max(1, (long) tierCap * record.fulfilled() / record.closed());
        }
        return new Standing(tier, gmv30dFen, tierCap, cap, open);
    }
}
