package com.alliance.orders;

import static com.alliance.orders.Events.ORDER;
import static org.assertj.core.api.Assertions.assertThat;

import com.alliance.ledger.AccountType;
import com.alliance.ledger.PositionKey;
import com.alliance.ledger.Positions;
import com.alliance.ledger.Posting;
import com.alliance.ledger.PostingSet;
import com.alliance.ledger.PostingState;
import com.alliance.money.Bps;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** At-least-once, any-order delivery must leave the ledger as one in-order delivery would. */
class OrderStreamPropertiesTest {

    /** One order's events in the order they occurred, the terms of its payment, and its risk hold. */
    record Scenario(List<OrderEvent> events, CommissionTerms terms, boolean riskHold) {
    }

    /** What a consumer ends with after a delivery: the state, what it posted, and each event's postings. */
    record Run(OrderState state, Map<PositionKey, Long> posted, List<PostingSet> postingSets) {
    }

    @Property(tries = 1_000)
    void duplicatedShuffledDeliveryEndsInTheSameStateAndPostsTheSameMoney(
            @ForAll("scenarios") Scenario scenario, @ForAll long seed) {
        Run clean = deliver(scenario.events(), scenario);
        Run messy = deliver(duplicatedAndShuffled(scenario.events(), new Random(seed)), scenario);

        assertThat(messy.state()).isEqualTo(clean.state());
        assertThat(messy.posted()).isEqualTo(clean.posted());
        assertThat(messy.posted()).isEqualTo(OrderLedger.targetPosition(messy.state()));
    }

    @Property(tries = 1_000)
    void everyPostingSetBalancesAndTheWholeLedgerSumsToZero(
            @ForAll("scenarios") Scenario scenario, @ForAll long seed) {
        Run run = deliver(duplicatedAndShuffled(scenario.events(), new Random(seed)), scenario);

        for (PostingSet set : run.postingSets()) {
            assertThat(set.postings().stream().mapToLong(Posting::amountFen).sum()).isZero();
        }
        assertThat(Positions.total(run.posted())).isZero();
        List<String> ids = run.postingSets().stream()
                .flatMap(set -> set.postings().stream()).map(Posting::postingId).toList();
        assertThat(ids).doesNotHaveDuplicates();
    }

    @Property(tries = 1_000)
    void refundsNeverExceedPaidAndNoShareGoesNegativeOrGrows(@ForAll("scenarios") Scenario scenario) {
        // the compensation of a late shipment is the subject of its own property below
        Run run = deliver(withoutLateShipment(scenario.events()), scenario);
        OrderState state = run.state();
        Payment payment = state.payment().orElseThrow();
        CommissionSplit original = payment.split();

        assertThat(state.refundedFen()).isBetween(0L, payment.paid().paidFen());
        run.posted().forEach((key, amount) -> {
            if (key.account().type() == AccountType.ORDER_CLEARING) {
                assertThat(amount).isEqualTo(state.refundedFen() - payment.paid().paidFen());
            } else {
                assertThat(amount).isPositive().isLessThanOrEqualTo(original.paidFen());
            }
        });
        if (state.isCancelled()) {
            assertThat(run.posted()).isEmpty();
        }
    }

    @Property(tries = 1_000)
    void aLateShipmentChargesTheBrandItsCompensationOnceWhateverElseHappens(
            @ForAll("scenarios") Scenario scenario, @ForAll long seed) {
        Run run = deliver(duplicatedAndShuffled(scenario.events(), new Random(seed)), scenario);
        Run onTime = deliver(withoutLateShipment(scenario.events()), scenario);
        Optional<ShipmentLate> late = scenario.events().stream()
                .filter(ShipmentLate.class::isInstance).map(ShipmentLate.class::cast).findFirst();

        Map<com.alliance.ledger.Account, Long> difference = new TreeMap<>(perAccount(run.posted()));
        perAccount(onTime.posted()).forEach((account, fen) -> difference.merge(account, -fen, Math::addExact));
        difference.values().removeIf(fen -> fen == 0);
        if (late.isEmpty()) {
            assertThat(difference).isEmpty();
        } else {
            long fen = late.get().compensationFen();
            Map<com.alliance.ledger.Account, Long> expected = new TreeMap<>();
            if (fen != 0) {
                expected.put(com.alliance.ledger.Account.brand("brand-1"), -fen);
                expected.put(com.alliance.ledger.Account.buyerCompensation("buyer-1"), fen);
            }
            // neither refunds nor a cancellation touch it: it is exactly the compensation, posted once
            assertThat(difference).isEqualTo(expected);
            assertThat(run.posted().entrySet().stream()
                    .filter(e -> e.getKey().account().type() == AccountType.BUYER_COMPENSATION)
                    .map(e -> e.getKey().state())).allMatch(state ->
                    state == (run.state().isMatured() || run.state().isCancelled() || run.state().remainingFen() == 0
                            ? PostingState.SETTLEABLE : PostingState.PENDING));
            assertThat(run.postingSets().stream().filter(set -> set.eventId().equals(late.get().eventId()))
                    .filter(set -> !set.isEmpty())).hasSizeLessThanOrEqualTo(1);
        }
    }

    @Property(tries = 1_000)
    void maturationOnlyMovesEachShareFromPendingToSettleable(@ForAll("scenarios") Scenario scenario) {
        // an order that never matures has its compensation settleable at once: see the property above
        Run run = deliver(withoutLateShipment(scenario.events()), scenario);
        OrderState unmatured = deliver(withoutLateShipment(scenario.events()).stream()
                .filter(event -> !(event instanceof OrderMatured)).toList(), scenario).state();

        assertThat(perAccount(run.posted())).isEqualTo(perAccount(OrderLedger.targetPosition(unmatured)));
        if (run.state().isMatured()) {
            assertThat(run.posted().keySet()).noneMatch(key -> key.state() == PostingState.PENDING);
            assertThat(run.posted().keySet()).allMatch(key -> key.state() == PostingState.SETTLEABLE
                    || key.state() == PostingState.HELD && scenario.riskHold());
        } else {
            assertThat(run.posted().keySet()).noneMatch(key -> key.state() == PostingState.SETTLEABLE);
        }
    }

    @Property(tries = 1_000)
    void aReleaseUnholdsTheCommissionAndAVoidGivesItToTheBrand(@ForAll("scenarios") Scenario scenario) {
        Run run = deliver(scenario.events(), scenario);
        Optional<RiskDecision> decision = run.state().riskDecision();
        OrderState undecided = deliver(scenario.events().stream()
                .filter(event -> !(event instanceof RiskDecision)).toList(), scenario).state();
        Map<com.alliance.ledger.Account, Long> before = perAccount(OrderLedger.targetPosition(undecided));

        assertThat(run.posted().keySet()).noneMatch(key -> key.state() == PostingState.HELD && decision.isPresent());
        if (decision.isEmpty() || !decision.get().voided()) {
            assertThat(perAccount(run.posted())).isEqualTo(before);
        } else {
            Map<com.alliance.ledger.Account, Long> after = perAccount(run.posted());
            long commission = before.entrySet().stream()
                    .filter(e -> e.getKey().type() == AccountType.HOST || e.getKey().type() == AccountType.LEAD)
                    .mapToLong(Map.Entry::getValue).sum();
            assertThat(after.keySet()).noneMatch(a -> a.type() == AccountType.HOST || a.type() == AccountType.LEAD);
            com.alliance.ledger.Account brand = com.alliance.ledger.Account.brand("brand-1");
            assertThat(after.getOrDefault(brand, 0L)).isEqualTo(before.getOrDefault(brand, 0L) + commission);
        }
    }

    @Property(tries = 1_000)
    void runningCountsAddUpToTheCountsOfTheFinalStateWhateverTheDelivery(
            @ForAll("scenarios") Scenario scenario, @ForAll long seed) {
        List<OrderEvent> deliveries = duplicatedAndShuffled(scenario.events(), new Random(seed));
        OrderState state = OrderState.empty(ORDER).withRiskHold(scenario.riskHold());
        Map<OrderCounts.Counter, Long> counters = new TreeMap<>();
        for (OrderEvent event : deliveries) {
            OrderState next = event instanceof OrderPaid paid
                    ? state.applyPayment(paid, scenario.terms()) : state.apply(event);
            OrderCounts.difference(state, next).forEach((counter, delta) -> counters.merge(counter, delta, Long::sum));
            state = next;
        }
        counters.values().removeIf(value -> value == 0);

        assertThat(counters).isEqualTo(OrderCounts.of(deliver(scenario.events(), scenario).state()));
    }

    @Property(tries = 1_000)
    void aHeldOrVoidedOrderIsLeftOutOfTheSalesCounts(@ForAll("scenarios") Scenario scenario) {
        OrderState state = deliver(scenario.events(), scenario).state();
        OrderCounts.Counter hostSales = new OrderCounts.Counter(OrderCounts.Scope.HOST_STATS, "host-1",
                OrderCounts.ORDERS_COUNT);
        OrderCounts.Counter productUnits = new OrderCounts.Counter(OrderCounts.Scope.PRODUCT_SALES, "product-1",
                OrderCounts.UNITS_SOLD);
        boolean counted = !state.isCancelled() && (!scenario.riskHold()
                || state.riskDecision().filter(decision -> !decision.voided()).isPresent());

        assertThat(OrderCounts.of(state).containsKey(hostSales)).isEqualTo(counted);
        assertThat(OrderCounts.of(state).containsKey(productUnits)).isEqualTo(counted);
        assertThat(OrderCounts.of(state)).containsEntry(
                new OrderCounts.Counter(OrderCounts.Scope.BRAND_SERVICE, "brand-1", OrderCounts.PAID_ORDERS), 1L);
    }

    private static List<OrderEvent> withoutLateShipment(List<OrderEvent> events) {
        return events.stream().filter(event -> !(event instanceof ShipmentLate)).toList();
    }

    private static Map<com.alliance.ledger.Account, Long> perAccount(Map<PositionKey, Long> position) {
        Map<com.alliance.ledger.Account, Long> sums = new TreeMap<>();
        position.forEach((key, fen) -> sums.merge(key.account(), fen, Math::addExact));
        sums.values().removeIf(fen -> fen == 0);
        return sums;
    }

    static Run deliver(List<OrderEvent> deliveries, Scenario scenario) {
        OrderState state = OrderState.empty(ORDER).withRiskHold(scenario.riskHold());
        Map<PositionKey, Long> posted = new TreeMap<>();
        List<PostingSet> sets = new ArrayList<>();
        for (OrderEvent event : deliveries) {
            state = event instanceof OrderPaid paid ? state.applyPayment(paid, scenario.terms()) : state.apply(event);
            PostingSet set = OrderLedger.postingsFor(event, posted, state);
            set.postings().forEach(p -> posted.merge(p.key(), p.amountFen(), Math::addExact));
            posted.values().removeIf(amount -> amount == 0);
            sets.add(set);
        }
        return new Run(state, posted, sets);
    }

    static List<OrderEvent> duplicatedAndShuffled(List<OrderEvent> events, Random random) {
        List<OrderEvent> deliveries = new ArrayList<>();
        for (OrderEvent event : events) {
            for (int copies = 1 + random.nextInt(3); copies > 0; copies--) {
                deliveries.add(event);
            }
        }
        Collections.shuffle(deliveries, random);
        return deliveries;
    }

    @Provide
    Arbitrary<Scenario> scenarios() {
        Arbitrary<Long> paid = Arbitraries.longs().between(100, 10_000_000_000L);
        Arbitrary<Leg> leg = Arbitraries.of(Leg.class);
        Arbitrary<Integer> hostBps = Arbitraries.integers().between(0, 5_000);
        Arbitrary<Integer> leadBps = Arbitraries.integers().between(0, 1_000);
        Arbitrary<List<Integer>> refundBps = Arbitraries.integers().between(1, 10_000).list().ofMaxSize(3);
        Arbitrary<List<Long>> minutes = Arbitraries.longs().between(0, 1_000).list().ofSize(8);
        // bits: cancel, ship, receive, complaint, risk hold, an overshooting full refund, maturation,
        // an operator's decision on the hold, whether that decision is a void, and a late shipment
        Arbitrary<Integer> flags = Arbitraries.integers().between(0, 1023);
        return Combinators.combine(paid, leg, hostBps, leadBps, refundBps, minutes, flags)
                .as(OrderStreamPropertiesTest::scenario);
    }

    private static Scenario scenario(long paidFen, Leg leg, int hostBps, int leadBps, List<Integer> refundBps,
            List<Long> minutes, int flags) {
        CommissionTerms terms = leg == Leg.DISTRIBUTION
                ? CommissionTerms.distribution("brand-1", Bps.of(hostBps))
                : CommissionTerms.selfBroadcast("brand-1", Bps.of(hostBps));
        Optional<String> lead = leadBps > 0 ? Optional.of("lead-1") : Optional.empty();
        if (lead.isPresent()) {
            terms = terms.withLead("lead-1", Bps.of(leadBps));
        }
        List<OrderEvent> events = new ArrayList<>();
        events.add(new OrderPaid("pay", ORDER, Events.at(minutes.get(0)), "product-1", "host-1", "buyer-1", 1,
                paidFen, lead));
        long refunded = 0;
        for (int i = 0; i < refundBps.size(); i++) {
            long refundFen = Math.max(1, paidFen / 10_000 * refundBps.get(i));
            if (refunded + refundFen <= paidFen) {
                refunded += refundFen;
                events.add(Events.refunded("refund-" + i, minutes.get(1 + i), refundFen));
            }
        }
        if ((flags & 1) != 0) {
            events.add(Events.cancelled("cancel", minutes.get(4)));
        }
        if ((flags & 2) != 0) {
            events.add(Events.shipped("ship", minutes.get(5)));
        }
        if ((flags & 4) != 0) {
            events.add(Events.received("receive", Math.max(minutes.get(5), minutes.get(6))));
        }
        if ((flags & 8) != 0) {
            events.add(new ComplaintFiled("complaint", ORDER, Events.at(minutes.get(7)), "brand-1", "late"));
        }
        if ((flags & 32) != 0) {
            events.add(Events.refunded("refund-all", minutes.get(7), paidFen));
        }
        if ((flags & 64) != 0) {
            // the job matures an order once its window has passed; later refunds then claw back
            events.add(OrderMatured.of(ORDER, Events.at(minutes.get(3))));
        }
        if ((flags & 16) != 0 && (flags & 128) != 0) {
            Instant decidedAt = Events.at(minutes.get(2));
            events.add((flags & 256) != 0 ? RiskDecision.voiding(ORDER, decidedAt, "ops", "fake order")
                    : RiskDecision.release(ORDER, decidedAt, "ops", "verified"));
        }
        if ((flags & 512) != 0) {
            // the job records the violation with the compensation the settings give at that moment
            long compensation = ShippingSettings.defaults().compensationFen(paidFen);
            events.add(ShipmentLate.of(ORDER, terms.shipBy(Events.at(minutes.get(0))), compensation));
        }
        events.sort(Comparator.comparing(OrderEvent::occurredAt));
        return new Scenario(List.copyOf(events), terms, (flags & 16) != 0);
    }
}
