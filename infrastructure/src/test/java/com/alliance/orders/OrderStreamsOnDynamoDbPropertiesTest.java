package com.alliance.orders;

import static org.assertj.core.api.Assertions.assertThat;

import com.alliance.catalog.ProductRepository;
import com.alliance.hosts.HostRepository;
import com.alliance.matching.MatchScoring;
import com.alliance.matching.MatchingSettings;
import com.alliance.ledger.LedgerRepository;
import com.alliance.ledger.PositionKey;
import com.alliance.ledger.Positions;
import com.alliance.ledger.Posting;
import com.alliance.persistence.CapacityMeter;
import com.alliance.testing.LocalStores;
import com.alliance.testing.Marketplace;
import com.alliance.testing.OrderEvents;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.SortedMap;
import java.util.UUID;
import java.util.stream.Collectors;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Random order streams, each event delivered 1 to 3 times in a shuffled order, through the real
 * service on DynamoDB Local: the ledger ends exactly where one clean in-order delivery would put it.
 */
class OrderStreamsOnDynamoDbPropertiesTest {

    private static LocalStores stores;
    private static String product;
    private static String host;
    private static OrderEventService service;
    /** The same path with every payment flagged, as the fake-order rules would. */
    private static OrderEventService flagging;
    private static LedgerRepository ledger;
    private static final ShippingSettings LATE_SETTINGS = ShippingSettings.defaults();

    @BeforeContainer
    static void catalog() {
        stores = LocalStores.get();
        Clock clock = Clock.systemUTC();
        Marketplace marketplace = new Marketplace(stores.clients(clock));
        String brand = marketplace.brand();
        product = marketplace.product(brand, 2_300);
        host = marketplace.independentHost();
        marketplace.pick(host, product);
        ledger = new LedgerRepository(stores.dynamoDb());
        HostRepository hostRepository = new HostRepository(stores.dynamoDb(),
                new MatchScoring(MatchingSettings.fromEnvironment())::hostStrength);
        HostDirectory hosts = hostId -> hostRepository.find(hostId).map(h -> h.kind().name());
        service = new OrderEventService(new OrderRepository(stores.dynamoDb(), ledger, new CapacityMeter(), AfterSaleWindow.defaults()),
                new CommissionTermsResolver(new ProductRepository(stores.dynamoDb()), hosts, LedgerSettings.defaults()),
                AfterSaleWindow.defaults(), clock);
        flagging = new OrderEventService(new OrderRepository(stores.dynamoDb(), ledger, new CapacityMeter(), AfterSaleWindow.defaults()),
                new CommissionTermsResolver(new ProductRepository(stores.dynamoDb()), hosts, LedgerSettings.defaults()),
                AfterSaleWindow.defaults(), clock,
                RiskScreen.atPaymentOnly(paid -> new java.util.TreeMap<>(java.util.Map.of("SELF_PURCHASE", "test"))));
    }

    @Property(tries = 25)
    void shuffledDuplicatedDeliveryPostsWhatOneCleanDeliveryWould(
            @ForAll @LongRange(min = 1, max = 5_000_000) long paidFen,
            @ForAll @IntRange(min = 0, max = 3) int refunds,
            @ForAll boolean cancelled,
            @ForAll boolean shipped,
            @ForAll boolean held,
            @ForAll @IntRange(min = 0, max = 2) int decision,
            @ForAll boolean lateCheck,
            @ForAll long seed) throws InvalidEventException {
        Random random = new Random(seed);
        String orderId = "o-" + UUID.randomUUID();
        Instant paidAt = Instant.now().minus(Duration.ofDays(2));
        List<String> clean = new ArrayList<>();
        clean.add(OrderEvents.paid(orderId, paidAt, product, host, paidFen));
        if (shipped) {
            clean.add(OrderEvents.milestone("ORDER_SHIPPED", orderId, paidAt.plus(Duration.ofHours(2))));
        }
        if (cancelled) {
            clean.add(OrderEvents.milestone("ORDER_CANCELLED", orderId, paidAt.plus(Duration.ofHours(1))));
        }
        long left = paidFen;
        for (int i = 0; i < refunds && left > 0; i++) {
            long refund = 1 + (long) (random.nextDouble() * left);
            left -= refund;
            clean.add(OrderEvents.refunded(orderId, paidAt.plus(Duration.ofHours(3 + i)), refund));
        }

        List<String> deliveries = new ArrayList<>();
        for (String event : clean) {
            for (int copies = 1 + random.nextInt(3); copies > 0; copies--) {
                deliveries.add(event);
            }
        }
        Collections.shuffle(deliveries, random);
        OrderEventService path = held ? flagging : service;
        Optional<RiskDecision> decided = held && decision > 0
                ? Optional.of(decision == 2 ? RiskDecision.voiding(orderId, paidAt.plus(Duration.ofHours(10)), "ops", "fake")
                        : RiskDecision.release(orderId, paidAt.plus(Duration.ofHours(10)), "ops", "verified"))
                : Optional.empty();
        // an operator decides at some point after the payment has arrived, maybe more than once
        int paymentAt = deliveries.indexOf(clean.get(0));
        int decideAt = paymentAt + 1 + random.nextInt(deliveries.size() - paymentAt);
        // the late-shipment job runs at some point after the payment, past the promise, maybe twice: it
        // records a violation if what has arrived by then shows the promise missed
        int checkAt = paymentAt + 1 + random.nextInt(deliveries.size() - paymentAt);
        Instant jobRunsAt = paidAt.plus(Duration.ofDays(3));
        Optional<ShipmentLate> recorded = Optional.empty();
        for (int i = 0; i <= deliveries.size(); i++) {
            if (i == decideAt && decided.isPresent()) {
                assertThat(path.decide(decided.get())).isEqualTo(OrderEventService.Decision.APPLIED);
                assertThat(path.decide(decided.get())).isEqualTo(OrderEventService.Decision.APPLIED);
            }
            if (i == checkAt && lateCheck) {
                OrderEventService.Result first = path.recordLateShipment(orderId, jobRunsAt, LATE_SETTINGS);
                assertThat(path.recordLateShipment(orderId, jobRunsAt, LATE_SETTINGS))
                        .isNotEqualTo(OrderEventService.Result.APPLIED);
                if (first == OrderEventService.Result.APPLIED) {
                    recorded = Optional.of(ShipmentLate.of(orderId, paidAt.plus(Duration.ofHours(48)),
                            LATE_SETTINGS.compensationFen(paidFen)));
                }
            }
            if (i < deliveries.size()) {
                path.handle(deliveries.get(i));
            }
        }

        List<Posting> postings = ledger.postingsOfOrder(orderId);
        Map<PositionKey, Long> actual = Positions.of(postings);
        assertThat(actual).isEqualTo(cleanPosition(orderId, clean, held, decided, recorded));
        // the job only finds a violation where the events it had seen showed the promise missed
        if (recorded.isPresent()) {
            assertThat(shipped && deliveries.subList(0, checkAt).contains(clean.get(1))
                    || cancelled && deliveries.subList(0, checkAt).contains(clean.get(shipped ? 2 : 1))).isFalse();
        }
        assertThat(Positions.total(actual)).isZero();
        Map<String, Long> perEvent = postings.stream()
                .collect(Collectors.groupingBy(Posting::eventId, Collectors.summingLong(Posting::amountFen)));
        assertThat(perEvent.values()).allMatch(sum -> sum == 0L);
    }

    /** The oracle: the clean stream folded in order, in memory, with the terms the service resolves. */
    private static Map<PositionKey, Long> cleanPosition(String orderId, List<String> clean, boolean held,
            Optional<RiskDecision> decided, Optional<ShipmentLate> late) throws InvalidEventException {
        CommissionTerms terms = new CommissionTermsResolver(new ProductRepository(stores.dynamoDb()),
                id -> Optional.of("INDEPENDENT"), LedgerSettings.defaults())
                .resolve((OrderPaid) OrderEventParser.parse(clean.get(0)));
        OrderState state = OrderState.empty(orderId).withRiskHold(held);
        for (String json : clean) {
            OrderEvent event = OrderEventParser.parse(json);
            state = event instanceof OrderPaid paid ? state.applyPayment(paid, terms) : state.apply(event);
        }
        if (decided.isPresent()) {
            state = state.apply(decided.get());
        }
        if (late.isPresent()) {
            state = state.apply(late.get());
        }
        SortedMap<PositionKey, Long> target = OrderLedger.targetPosition(state);
        return withoutZeros(target);
    }

    private static Map<PositionKey, Long> withoutZeros(Map<PositionKey, Long> position) {
        return position.entrySet().stream().filter(e -> e.getValue() != 0)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }
}
