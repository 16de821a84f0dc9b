package com.alliance.risk;

import com.alliance.orders.OrderCounts;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The trust rule: how far the marketplace trusts a brand or a host, from its service record (the running
 * counters of {@link OrderCounts}). Each order component is a bad-outcome rate turned into a value from 0 to 1:
 * <pre>
 *   smoothed rate = (bad + prior × zeroAt / 2) / (total + prior)      prior = TRUST_PRIOR_ORDERS
 *   value         = 1 − smoothed rate / zeroAt, clamped to 0..1
 * </pre>
 * so a party without record sits at 0.5 (neutral), a clean record rises towards 1, and a rate at or above
 * {@code zeroAt} falls towards 0, each only as the record grows. Trust is the weighted mean of the components:
 * <ul>
 *   <li>brand: {@code onTime} (late shipments per measured shipment), {@code complaints} (per 1 000 paid
 *       orders), {@code refunds} (refunded orders per paid order);</li>
 *   <li>host: {@code refunds} (refunded orders per paid order), {@code holds} (orders the fake-order rules
 *       held per paid order, a hold an operator voided, i.e. a confirmed fake order, counting twice), and once
 *       the host has closed a sample promise, {@code samples}.</li>
 * </ul>
 * The weights are relative to the sum of the weights of the components present ({@link TrustSettings}), so a
 * host without a closed sample promise has exactly the trust it had before samples counted.
 *
 * <p>A host's {@code samples} component is the share of its closed sample promises it kept, smoothed towards its
 * own other record rather than towards neutral:
 * <pre>
 *   base  = weighted mean of refunds and holds, their weights relative to each other (the trust without samples)
 *   value = (fulfilled × 1 + unfulfilled × 0 + prior × base) / (closed + prior)      prior = TRUST_PRIOR_SAMPLES (2)
 *   trust = weighted mean of refunds, holds and samples (with the default weights 0.4, 0.4, 0.2)
 * </pre>
 * Since trust is then {@code base} plus the samples weight times {@code value − base}, and {@code value} starts at
 * {@code base} (no closed promise) and moves by each promise towards 1 if kept and towards 0 if lapsed, the rule
 * is monotone everywhere: a host without a closed promise has exactly its old trust; a kept promise never lowers
 * trust and a lapse never raises it, the first one included; a lapse never scores above the same promise kept; and
 * more refunds or holds never raise trust with or without samples (they lower {@code base}, which
 * {@code value} follows). The first lapse of a host at base 0.5 gives 0.8 × 0.5 + 0.2 × (2 × 0.5 / 3) ≈ 0.4667.
 *
 * <p>Trust is rounded to 4 decimals. Pure: no I/O. More bad outcomes never raise trust; more clean orders and kept
 * promises never lower it.
 */
public final class TrustScore {

    /** What a brand's trust is computed from: the BRAND_SERVICE counters. */
    public record BrandRecord(long paidOrders, long refundedOrders, long complaints, long shippedOnTime,
                              long shippedLate) {

        public BrandRecord {
            if (paidOrders < 0 || refundedOrders < 0 || complaints < 0 || shippedOnTime < 0 || shippedLate < 0) {
                throw new IllegalArgumentException("counts are never negative");
            }
        }

        public static BrandRecord of(Map<String, Long> counters) {
            return new BrandRecord(get(counters, OrderCounts.PAID_ORDERS), get(counters, OrderCounts.REFUNDED_ORDERS),
                    get(counters, OrderCounts.COMPLAINTS), get(counters, OrderCounts.SHIPPED_ON_TIME),
                    get(counters, OrderCounts.SHIPPED_LATE));
        }
    }

    /**
     * What a host's trust is computed from: the HOST_STATS counters, its sample promises kept
     * ({@code samplesFulfilled}) and lapsed unsold ({@code samplesUnfulfilled}) among them.
     */
    public record HostRecord(long paidOrders, long refundedOrders, long riskHolds, long voidedOrders,
                             long samplesFulfilled, long samplesUnfulfilled) {

        public HostRecord {
            if (paidOrders < 0 || refundedOrders < 0 || riskHolds < 0 || voidedOrders < 0 || samplesFulfilled < 0
                    || samplesUnfulfilled < 0) {
                throw new IllegalArgumentException("counts are never negative");
            }
        }

        /** A host that has closed no sample promise. */
        public HostRecord(long paidOrders, long refundedOrders, long riskHolds, long voidedOrders) {
            this(paidOrders, refundedOrders, riskHolds, voidedOrders, 0, 0);
        }

        public static HostRecord of(Map<String, Long> counters) {
            return new HostRecord(get(counters, OrderCounts.PAID_ORDERS), get(counters, OrderCounts.REFUNDED_ORDERS),
                    get(counters, OrderCounts.RISK_HOLDS), get(counters, OrderCounts.VOIDED_ORDERS),
                    get(counters, OrderCounts.SAMPLES_FULFILLED), get(counters, OrderCounts.SAMPLES_UNFULFILLED));
        }

        /** Sample promises closed either way. */
        public long samplesClosed() {
            return samplesFulfilled + samplesUnfulfilled;
        }
    }

    /** A trust and the components it is the weighted mean of. */
    public record Breakdown(Trust trust, List<TrustComponent> components) {

        public Breakdown {
            components = List.copyOf(components);
        }

        public TrustComponent component(String name) {
            return components.stream().filter(c -> c.name().equals(name)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no component " + name));
        }
    }

    private final TrustSettings settings;

    public TrustScore(TrustSettings settings) {
        this.settings = settings;
    }

    public TrustSettings settings() {
        return settings;
    }

    public Breakdown brand(BrandRecord record) {
        long shipped = record.shippedOnTime() + record.shippedLate();
        double lateZero = settings.zeroAtLateRateBps() / 10_000.0;
        double complaintZero = settings.zeroAtComplaintsPerThousand() / 1_000.0;
        double refundZero = settings.zeroAtRefundRateBps() / 10_000.0;
        TrustComponent onTime = new TrustComponent(TrustSettings.ON_TIME,
                value(record.shippedLate(), shipped, lateZero), settings.brandWeight(TrustSettings.ON_TIME),
                shipped == 0 ? "no shipment measured against its promise yet: neutral"
                        : String.format(Locale.ROOT, "%,d of %,d shipments late (%s; %s late scores 0)",
                        record.shippedLate(), shipped, percent(record.shippedLate(), shipped), percent(lateZero)));
        TrustComponent complaints = new TrustComponent(TrustSettings.COMPLAINTS,
                value(record.complaints(), record.paidOrders(), complaintZero), settings.brandWeight(TrustSettings.COMPLAINTS),
                String.format(Locale.ROOT, "%,d complaints in %,d paid orders (%s per 1 000; %d per 1 000 scores 0)",
                        record.complaints(), record.paidOrders(), perThousand(record.complaints(), record.paidOrders()),
                        settings.zeroAtComplaintsPerThousand()));
        TrustComponent refunds = refunds(record.refundedOrders(), record.paidOrders(), refundZero,
                settings.brandWeight(TrustSettings.REFUNDS));
        return breakdown(List.of(onTime, complaints, refunds));
    }

    /** A host's trust: {@code refunds} and {@code holds}, and {@code samples} once it has closed a sample promise. */
    public Breakdown host(HostRecord record) {
        double refundZero = settings.zeroAtRefundRateBps() / 10_000.0;
        double holdZero = settings.zeroAtHoldRateBps() / 10_000.0;
        long weightedHolds = record.riskHolds() + record.voidedOrders();
        List<String> orderComponents = List.of(TrustSettings.REFUNDS, TrustSettings.HOLDS);
        List<String> present = record.samplesClosed() > 0
                ? List.of(TrustSettings.REFUNDS, TrustSettings.HOLDS, TrustSettings.SAMPLES)
                : orderComponents;
        List<TrustComponent> components = new ArrayList<>();
        TrustComponent refunds = refunds(record.refundedOrders(), record.paidOrders(), refundZero,
                settings.hostWeight(TrustSettings.REFUNDS, present));
        TrustComponent holds = new TrustComponent(TrustSettings.HOLDS,
                value(weightedHolds, record.paidOrders(), holdZero), settings.hostWeight(TrustSettings.HOLDS, present),
                String.format(Locale.ROOT, "%,d of %,d paid orders held by the fake-order rules, %,d of them voided "
                                + "(voided count twice; %s held scores 0)", record.riskHolds(), record.paidOrders(),
                        record.voidedOrders(), percent(holdZero)));
        components.add(refunds);
        components.add(holds);
        if (present.contains(TrustSettings.SAMPLES)) {
            // the host's trust from its other record, weighted as a host without samples is scored
            double base = Math.max(0.0, Math.min(1.0,
                    refunds.value() * settings.hostWeight(TrustSettings.REFUNDS, orderComponents)
                            + holds.value() * settings.hostWeight(TrustSettings.HOLDS, orderComponents)));
            components.add(samples(record, base, settings.hostWeight(TrustSettings.SAMPLES, present)));
        }
        return breakdown(components);
    }

    /**
     * The {@code samples} component: kept promises score 1, lapsed 0, smoothed with {@code TRUST_PRIOR_SAMPLES}
     * promises at {@code base}, the host's trust from its refunds and holds alone.
     */
    private TrustComponent samples(HostRecord record, double base, double weight) {
        double prior = settings.priorSamples();
        long closed = record.samplesClosed();
        double value = (record.samplesFulfilled() + prior * base) / (closed + prior);
        return new TrustComponent(TrustSettings.SAMPLES, Math.max(0.0, Math.min(1.0, value)), weight,
                String.format(Locale.ROOT, "%,d of %,d sample promises lapsed unsold; kept promises score 1, lapsed 0, "
                                + "smoothed with %s promises at the host's other record (%.2f)",
                        record.samplesUnfulfilled(), closed, number(prior), base));
    }

    private TrustComponent refunds(long refunded, long paid, double zeroAt, double weight) {
        return new TrustComponent(TrustSettings.REFUNDS, value(refunded, paid, zeroAt), weight,
                String.format(Locale.ROOT, "%,d of %,d paid orders refunded (%s; %s refunded scores 0)",
                        refunded, paid, percent(refunded, paid), percent(zeroAt)));
    }

    /** 1 − smoothed bad rate / zeroAt, clamped to 0..1, with {@code TRUST_PRIOR_ORDERS}; 0.5 without any record. */
    double value(long bad, long total, double zeroAt) {
        double prior = settings.priorOrders();
        double smoothed = (bad + prior * zeroAt / 2) / (total + prior);
        return Math.max(0.0, Math.min(1.0, 1.0 - smoothed / zeroAt));
    }

    private static Breakdown breakdown(List<TrustComponent> components) {
        double sum = components.stream().mapToDouble(c -> c.value() * c.weight()).sum();
        // to 4 decimals: a stable figure to store and show, and rounding keeps the rule monotone
        return new Breakdown(new Trust(Math.max(0.0, Math.min(1.0, Math.round(sum * 10_000) / 10_000.0))), components);
    }

    private static String percent(long part, long whole) {
        return whole == 0 ? "no orders yet" : percent((double) part / whole);
    }

    private static String percent(double rate) {
        return String.format(Locale.ROOT, "%.1f%%", rate * 100);
    }

    /** A setting as written: 2, not 2.0; 1.5 as 1.5. */
    private static String number(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    private static String perThousand(long part, long whole) {
        return whole == 0 ? "no orders yet" : String.format(Locale.ROOT, "%.1f", part * 1_000.0 / whole);
    }

    private static long get(Map<String, Long> counters, String name) {
        return Math.max(0, counters.getOrDefault(name, 0L));
    }
}
