package com.alliance.hosts;

import com.alliance.catalog.Product;
import com.alliance.catalog.RateChange;
import com.alliance.catalog.RateSchedule;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The commission rate a host earns on a product, now and ahead. An independent host earns the
 * product's rate for it (a targeted rate beats the open rate); a self-broadcast account earns no
 * distribution commission, only its brand's internal rate, which is 0 until JBP agreements set one.
 */
public final class EarnedRate {

    public static final int SELF_BROADCAST_INTERNAL_RATE_BPS = 0;

    private EarnedRate() {
    }

    /** From {@code effectiveFrom} on, the host earns {@code rateBps}. */
    public record RateStep(Instant effectiveFrom, int rateBps) {
        public RateStep {
            Objects.requireNonNull(effectiveFrom);
        }
    }

    public static int now(Host host, Product product, Instant now) {
        return host.isSelfBroadcast() ? SELF_BROADCAST_INTERNAL_RATE_BPS : product.rates().rateFor(host.hostId(), now);
    }

    /** Each announced moment at which this host's rate will change, with the rate from then on. */
    public static List<RateStep> ahead(Host host, Product product, Instant now) {
        if (host.isSelfBroadcast()) {
            return List.of();
        }
        RateSchedule rates = product.rates();
        TreeSet<Instant> moments = new TreeSet<>();
        for (RateChange change : rates.upcoming(now)) {
            if (change.isOpen() || change.hostId().get().equals(host.hostId())) {
                moments.add(change.effectiveFrom());
            }
        }
        List<RateStep> steps = new ArrayList<>();
        int previous = rates.rateFor(host.hostId(), now);
        for (Instant at : moments) {
            int rate = rates.rateFor(host.hostId(), at);
            if (rate != previous) {
                steps.add(new RateStep(at, rate));
                previous = rate;
            }
        }
        return steps;
    }
}
