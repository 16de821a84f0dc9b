package com.alliance.orders;

import static org.assertj.core.api.Assertions.assertThat;

import com.alliance.analytics.GmvReport;
import com.alliance.money.Bps;
import com.alliance.orders.OrderCounts.Counter;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * The report hours answer what reading every order answered: for any orders, the GMV tally and the SLA of a period
 * of whole hours, from the counters their final states add ({@link ReportHours#addOrder}), equal the figures
 * computed from the orders themselves.
 */
class ReportHoursTest {

    private static final Instant T0 = Instant.parse("2026-11-29T10:17:00Z");
    private static final CommissionTerms TERMS = CommissionTerms.distribution("brand-1", Bps.of(2_000));

    enum Fate { PAID, SHIPPED_EARLY, SHIPPED_LATE, CANCELLED, REFUNDED_PART, REFUNDED_FULL }

    record Sale(int host, int buyer, int paidMinute, long paidFen, Fate fate) {
    }

    @Provide
    Arbitrary<List<Sale>> sales() {
        return Combinators.combine(Arbitraries.integers().between(0, 2), Arbitraries.integers().between(0, 5),
                Arbitraries.integers().between(0, 3_000), Arbitraries.longs().between(100, 10_000),
                Arbitraries.of(Fate.class)).as(Sale::new).list().ofMinSize(1).ofMaxSize(25);
    }

    @Property(tries = 300)
    void theHoursOfAPeriodTallyWhatItsOrdersDo(@ForAll("sales") List<Sale> sales,
                                                @ForAll @IntRange(min = 0, max = 60) int firstHour,
                                                @ForAll @IntRange(min = 1, max = 60) int hoursLong,
                                                @ForAll @IntRange(min = 0, max = 6_000) int asOfMinute) {
        List<OrderState> states = states(sales);
        SortedMap<Counter, Long> counts = new TreeMap<>();
        states.forEach(state -> ReportHours.addOrder(new StoredOrder(state, new TreeMap<>(), Map.of(), 1), counts));
        ReportHours.Hours period = ReportHours.hoursOf(T0.plus(Duration.ofHours(firstHour)),
                T0.plus(Duration.ofHours(firstHour + hoursLong)));
        Instant asOf = T0.plus(Duration.ofMinutes(asOfMinute));

        for (String host : List.of("host-0", "host-1", "host-2")) {
            GmvReport.Tally tally = GmvReport.tally(hours(counts, ReportHours.party(true, host), period).values(),
                    period.from(), period.to(), List.of(host));
            assertThat(tally).isEqualTo(expected(states, period, Optional.of(host), List.of(host)));
        }
        Set<String> reach = new TreeSet<>();
        counts.forEach((counter, value) -> {
            String sk = ReportHours.sortKeyOf(counter.id());
            if (sk.startsWith(ReportHours.REACH_PREFIX) && value > 0
                    && sk.compareTo(ReportHours.reachKey(period.firstKey(), "")) >= 0
                    && sk.compareTo(ReportHours.reachKey(period.lastKey(), "") + "~") < 0) {
                reach.add(sk.substring(sk.lastIndexOf('#') + 1));
            }
        });
        var brandHours = hours(counts, ReportHours.party(false, "brand-1"), period);
        GmvReport.Tally brand = GmvReport.tally(brandHours.values(), period.from(), period.to(), List.copyOf(reach));
        assertThat(brand).isEqualTo(expected(states, period, Optional.empty(), List.copyOf(reach)));
        assertThat(reach).isEqualTo(sellers(states, period));

        ShippingSla sla = ShippingSla.of("brand-1", period.from(), period.to(), asOf,
                brandHours.values().stream().map(ReportHoursRepository.Hour::counters).toList(), List.of(), Optional.empty());
        int onTime = 0;
        int late = 0;
        int open = 0;
        int paid = 0;
        for (OrderState state : inPeriod(states, period)) {
            paid++;
            Instant promise = ShippingPromise.promise(state).orElseThrow();
            switch (ShippingPromise.status(state)) {
                case KEPT -> onTime++;
                case MISSED, VIOLATION -> late++;
                case OPEN -> {
                    if (promise.truncatedTo(java.time.temporal.ChronoUnit.HOURS).plus(Duration.ofHours(1)).isAfter(asOf)) {
                        open++;
                    } else {
                        late++;
                    }
                }
                case NONE -> { }
            }
        }
        assertThat(List.of(sla.paidOrders(), sla.shippedOnTime(), sla.late(), sla.open()))
                .isEqualTo(List.of(paid, onTime, late, open));
    }

    /** The hour items of one party in the period, as the repository reads them. */
    private static SortedMap<String, ReportHoursRepository.Hour> hours(SortedMap<Counter, Long> counts, String party,
                                                                       ReportHours.Hours period) {
        SortedMap<String, Map<String, Long>> items = new TreeMap<>();
        counts.forEach((counter, value) -> {
            String sk = ReportHours.sortKeyOf(counter.id());
            if (ReportHours.partitionOf(counter.id()).equals(party) && sk.startsWith(ReportHours.HOUR_PREFIX)) {
                String hour = sk.substring(ReportHours.HOUR_PREFIX.length());
                if (hour.compareTo(period.firstKey()) >= 0 && hour.compareTo(period.lastKey()) <= 0) {
                    items.computeIfAbsent(hour, h -> new TreeMap<>()).merge(counter.name(), value, Long::sum);
                }
            }
        });
        SortedMap<String, ReportHoursRepository.Hour> hours = new TreeMap<>();
        items.forEach((hour, counters) -> hours.put(hour, new ReportHoursRepository.Hour(hour, counters, Optional.empty())));
        return hours;
    }

    /** What reading every order of the period tallies: the figures the reports gave before the hours. */
    private static GmvReport.Tally expected(List<OrderState> states, ReportHours.Hours period, Optional<String> host,
                                            List<String> hosts) {
        long paid = 0;
        long refunded = 0;
        long counted = 0;
        Set<String> buyers = new HashSet<>();
        SortedMap<java.time.LocalDate, long[]> days = new TreeMap<>();
        for (OrderState state : inPeriod(states, period)) {
            OrderPaid order = state.payment().orElseThrow().paid();
            long net = order.paidFen() - state.refundedFen();
            if (host.isPresent() && !host.get().equals(order.hostId()) || state.isCancelled() || net <= 0) {
                continue;
            }
            counted++;
            paid += order.paidFen();
            refunded += state.refundedFen();
            buyers.add(order.buyerId());
            long[] day = days.computeIfAbsent(java.time.LocalDate.ofInstant(order.occurredAt(),
                    com.alliance.json.Period.DAY_ZONE), d -> new long[2]);
            day[0] += net;
            day[1]++;
        }
        List<GmvReport.Day> daily = GmvReport.tally(List.of(), period.from(), period.to(), List.of()).daily().stream()
                .map(day -> new GmvReport.Day(day.date(), days.getOrDefault(day.date(), new long[2])[0],
                        days.getOrDefault(day.date(), new long[2])[1])).toList();
        return new GmvReport.Tally(paid, refunded, counted, buyers.size(), false, 0, 0, hosts, daily);
    }

    private static Set<String> sellers(List<OrderState> states, ReportHours.Hours period) {
        Set<String> sellers = new TreeSet<>();
        for (OrderState state : inPeriod(states, period)) {
            OrderPaid order = state.payment().orElseThrow().paid();
            if (!state.isCancelled() && order.paidFen() > state.refundedFen()) {
                sellers.add(order.hostId());
            }
        }
        return sellers;
    }

    private static List<OrderState> inPeriod(List<OrderState> states, ReportHours.Hours period) {
        return states.stream().filter(state -> {
            Instant paidAt = state.payment().orElseThrow().paid().occurredAt();
            return !paidAt.isBefore(period.from()) && paidAt.isBefore(period.to());
        }).toList();
    }

    @Property(tries = 200)
    void theHoursHoldEachPartysMoneyByStateAsItsOrdersPostingsDo(@ForAll("sales") List<Sale> sales,
                                                                 @ForAll boolean matured) {
        List<OrderState> states = states(sales).stream()
                .map(s -> matured && s.payment().isPresent() ? s.apply(new OrderMatured(
                        com.alliance.ledger.SystemEvents.maturation(s.orderId()), s.orderId(), T0.plus(Duration.ofDays(20))))
                        : s).toList();
        SortedMap<Counter, Long> counts = new TreeMap<>();
        states.forEach(state -> ReportHours.addOrder(new StoredOrder(state, new TreeMap<>(), Map.of(), 1), counts));
        for (String host : List.of("host-0", "host-1", "host-2")) {
            Map<com.alliance.ledger.PostingState, Long> expected = new java.util.EnumMap<>(com.alliance.ledger.PostingState.class);
            states.forEach(state -> OrderLedger.targetPosition(state).forEach((key, fen) -> {
                if (key.account().equals(com.alliance.ledger.Account.host(host))) {
                    expected.merge(key.state(), fen, Long::sum);
                }
            }));
            long pending = sum(counts, ReportHours.party(true, host), ReportHours.MONEY_PENDING_FEN);
            long settleable = sum(counts, ReportHours.party(true, host), ReportHours.MONEY_SETTLEABLE_FEN);
            assertThat(pending).isEqualTo(expected.getOrDefault(com.alliance.ledger.PostingState.PENDING, 0L));
            assertThat(settleable).isEqualTo(expected.getOrDefault(com.alliance.ledger.PostingState.SETTLEABLE, 0L));
        }
    }

    private static long sum(SortedMap<Counter, Long> counts, String party, String name) {
        return counts.entrySet().stream().filter(e -> ReportHours.partitionOf(e.getKey().id()).equals(party)
                && e.getKey().name().equals(name)).mapToLong(Map.Entry::getValue).sum();
    }

    private static List<OrderState> states(List<Sale> sales) {
        List<OrderState> states = new java.util.ArrayList<>();
        for (int i = 0; i < sales.size(); i++) {
            Sale sale = sales.get(i);
            String id = "o-" + i;
            Instant paidAt = T0.plus(Duration.ofMinutes(sale.paidMinute()));
            OrderState state = OrderState.empty(id).applyPayment(new OrderPaid(id + "-paid", id, paidAt, "product-1",
                    "host-" + sale.host(), "buyer-" + sale.buyer(), 1, sale.paidFen(), Optional.empty()), TERMS);
            Instant promise = ShippingPromise.promise(state).orElseThrow();
            state = switch (sale.fate()) {
                case PAID -> state;
                case SHIPPED_EARLY -> state.apply(new OrderShipped(id + "-s", id, paidAt.plusSeconds(60)));
                case SHIPPED_LATE -> state.apply(new OrderShipped(id + "-s", id, promise.plusSeconds(60)));
                case CANCELLED -> state.apply(new OrderCancelled(id + "-c", id, paidAt.plusSeconds(60)));
                case REFUNDED_PART -> state.apply(new OrderRefunded(id + "-r", id, paidAt.plusSeconds(60), sale.paidFen() / 2));
                case REFUNDED_FULL -> state.apply(new OrderRefunded(id + "-r", id, paidAt.plusSeconds(60), sale.paidFen()));
            };
            states.add(state);
        }
        return states;
    }

    @Test
    void aPeriodWidensToWholeHoursAndDatesStayAsTheyAre() {
        ReportHours.Hours instants = ReportHours.hoursOf(Instant.parse("2026-11-02T00:10:00Z"),
                Instant.parse("2026-11-09T00:00:00.5Z"));
        assertThat(instants).isEqualTo(new ReportHours.Hours(Instant.parse("2026-11-02T00:00:00Z"),
                Instant.parse("2026-11-09T01:00:00Z")));
        assertThat(instants.firstKey()).isEqualTo("2026-11-02T00");
        assertThat(instants.lastKey()).isEqualTo("2026-11-09T00");
        Instant dayStart = Instant.parse("2026-11-01T16:00:00Z");   // 2 November in Beijing
        assertThat(ReportHours.hoursOf(dayStart, dayStart.plus(Duration.ofDays(1))))
                .isEqualTo(new ReportHours.Hours(dayStart, dayStart.plus(Duration.ofDays(1))));
    }

    @Test
    void theBuyerSketchEstimatesManyBuyersWithinItsErrorAndMergesHours() {
        ReportHours.BuyerSketch one = new ReportHours.BuyerSketch();
        ReportHours.BuyerSketch two = new ReportHours.BuyerSketch();
        for (int i = 0; i < 20_000; i++) {
            one.addCounterName(ReportHours.BuyerSketch.counterName("u_" + i));
            two.addCounterName(ReportHours.BuyerSketch.counterName("u_" + (i + 10_000)));
        }
        // three standard errors of 1.04 / sqrt(1024)
        assertThat((double) one.estimate()).isBetween(20_000 * 0.9, 20_000 * 1.1);
        one.merge(ReportHours.BuyerSketch.of(two.bytes()));
        assertThat((double) one.estimate()).as("the union: 30 000 buyers").isBetween(30_000 * 0.9, 30_000 * 1.1);

        ReportHours.BuyerSketch small = new ReportHours.BuyerSketch();
        for (String buyer : List.of("a", "b", "c")) {
            small.addCounterName(ReportHours.BuyerSketch.counterName(buyer));
        }
        assertThat(small.estimate()).isEqualTo(3);
    }

    @Test
    void aViolationKeyNamesItsOrderPaymentAndPromise() {
        Instant paidAt = Instant.parse("2026-11-24T22:00:00.123456789Z");
        ReportHours.ViolationKey key = ReportHours.ViolationKey.parse(
                ReportHours.violationKey(paidAt, "o#1", paidAt.plusSeconds(5)));
        assertThat(key).isEqualTo(new ReportHours.ViolationKey(paidAt, "o#1", paidAt.plusSeconds(5)));
        assertThat(ReportHours.instantOfNanos(ReportHours.nanosOf(paidAt))).isEqualTo(paidAt);
    }
}
