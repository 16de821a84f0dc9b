package com.alliance.risk;

import com.alliance.analytics.LiveSession;
import com.alliance.analytics.LiveSessionRepository;
import com.alliance.orders.CountersRepository;
import com.alliance.orders.OrderCounts;
import com.alliance.orders.OrderCounts.Counter;
import com.alliance.orders.OrderPaid;
import com.alliance.orders.OrderRepository;
import com.alliance.orders.RiskScreen;
import com.alliance.orders.RiskWindows;
import com.alliance.orders.StoredOrder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The fake-order rules over the stores. At payment only the rules that need the payment alone fire (a host
 * buying from itself, a product it never picked: one GetItem). The others are decided by the order's review
 * ({@code orders.RiskReview}) once the windows they count have closed and the allowed lateness has passed, so
 * every event that occurred in them has arrived and been folded, whatever order they arrived in:
 * <ul>
 *   <li>the classification ({@code paidAt + lateness}): is the buyer a first-time buyer, its first paid order
 *       (gsi3, one item) within the burst window before this one?</li>
 *   <li>the decision (the last window's end + lateness): the buyer's orders of the product in the 24 h before
 *       (gsi3); the host's paid and refunded orders per day over the refund window; the room window around the
 *       order (its product's classified and first-time-buyer orders per ten minutes, an hour either side), the
 *       host's live sessions overlapping it (one Query) and its usual figures over the 30 days before (per day):
 *       a fixed number of small items however many orders the host has sold ({@link RiskWindows}, one or two
 *       BatchGetItems, reused for {@code windowCache}).</li>
 * </ul>
 */
public final class FakeOrderScreen implements RiskScreen {

    /** The days before the payment's whole UTC day that the host's usual figures cover. */
    static final int USUAL_DAYS = 30;

    private final OrderRepository orders;
    private final LiveSessionRepository sessions;
    private final PickedBefore picked;

    /** Whether a host had picked a product into its showcase by a given time (the {@code NOT_PICKED} rule). */
    @FunctionalInterface
    public interface PickedBefore {
        boolean test(String hostId, String productId, java.time.Instant at);
    }
    private final RiskSettings settings;
    private final RiskWindowReader windows;
    private final Clock clock;
    private final Map<String, CachedSessions> sessionCache = new java.util.concurrent.ConcurrentHashMap<>();

    /** @param picked (hostId, productId, paidAt) → whether the host had picked the product when it was paid for */
    public FakeOrderScreen(OrderRepository orders, CountersRepository counters, LiveSessionRepository sessions,
                           PickedBefore picked, RiskSettings settings, Clock clock) {
        this.orders = orders;
        this.sessions = sessions;
        this.picked = picked;
        this.settings = settings;
        this.windows = new RiskWindowReader(counters, clock, settings.windowCache());
        this.clock = clock;
    }

    @Override
    public Screening screen(OrderPaid paid) {
        if (settings.enabled().isEmpty()) {
            return new Screening(new TreeMap<>(), Optional.empty());
        }
        boolean isPicked = !settings.enabled().contains(FakeOrderRule.NOT_PICKED)
                || picked.test(paid.hostId(), paid.productId(), paid.occurredAt());
        SortedMap<String, String> reasons = FakeOrderRules.atPayment(paid.buyerId(), paid.hostId(), paid.productId(),
                isPicked, settings);
        return new Screening(reasons, settings.anyDeferred()
                ? Optional.of(paid.occurredAt().plus(settings.lateness())) : Optional.empty());
    }

    @Override
    public boolean firstTimeBuyer(OrderPaid paid) {
        Optional<Instant> first = orders.firstPaidAt(paid.buyerId());
        return first.isEmpty() || !first.get().isBefore(paid.occurredAt().minus(settings.burstWindow()));
    }

    /**
     * Each deferred rule decides once the window it reads has closed, plus the lateness: the repeat-buyer rule reads
     * the buyer's 24 h up to the payment, so at once; the burst rule the room window around it (its ten minutes, an
     * hour either side); the refund-rate rule the host's whole days up to the payment's, so after that day.
     */
    @Override
    public SortedMap<Instant, SortedSet<String>> decisions(OrderPaid paid) {
        Instant at = paid.occurredAt();
        SortedMap<Instant, SortedSet<String>> decisions = new TreeMap<>();
        for (FakeOrderRule rule : settings.enabled()) {
            Optional<Instant> closes = switch (rule) {
                case REPEAT_BUYER -> Optional.of(at);
                case NEW_BUYER_BURST -> Optional.of(RiskWindows.windowEnd(at, settings.burstWindow()));
                case HIGH_REFUND_RATE -> Optional.of(RiskWindows.endOfDay(at));
                case SELF_PURCHASE, NOT_PICKED -> Optional.empty();
            };
            closes.ifPresent(close -> decisions.computeIfAbsent(close.plus(settings.lateness()), c -> new TreeSet<>())
                    .add(rule.name()));
        }
        return decisions;
    }

    @Override
    public Optional<Verdict> review(StoredOrder order, java.util.Set<String> rules, Instant now) {
        OrderPaid paid = order.state().payment().orElseThrow().paid();
        Instant at = paid.occurredAt();
        String host = paid.hostId();
        boolean repeat = deciding(FakeOrderRule.REPEAT_BUYER, rules);
        boolean refund = deciding(FakeOrderRule.HIGH_REFUND_RATE, rules);
        boolean burst = deciding(FakeOrderRule.NEW_BUYER_BURST, rules);

        int buyerOrders = !repeat ? 0 : 1 + (int) orders.paidByBuyer(paid.buyerId(), at.minus(settings.repeatWindow()), at)
                .stream().filter(o -> !o.orderId().equals(paid.orderId()) && o.productId().equals(paid.productId())).count();

        List<Counter> paidDays = RiskWindows.days(host, at, settings.refundWindow(), OrderCounts.PAID_ORDERS);
        List<Counter> refundedDays = RiskWindows.days(host, at, settings.refundWindow(), OrderCounts.REFUNDED_ORDERS);
        List<Counter> screened = RiskWindows.around(host, paid.productId(), at, settings.burstWindow(), OrderCounts.SCREENED_ORDERS);
        List<Counter> classified = RiskWindows.around(host, paid.productId(), at, settings.burstWindow(), OrderCounts.CLASSIFIED_ORDERS);
        List<Counter> fresh = RiskWindows.around(host, paid.productId(), at, settings.burstWindow(), OrderCounts.NEW_BUYER_ORDERS);
        List<Counter> usualPaid = RiskWindows.daysBefore(host, at, USUAL_DAYS, OrderCounts.PAID_ORDERS);
        List<Counter> usualUv = RiskWindows.daysBefore(host, at, USUAL_DAYS, OrderCounts.UV);
        List<Counter> usualClassified = RiskWindows.daysBefore(host, at, USUAL_DAYS, OrderCounts.CLASSIFIED_ORDERS);
        List<Counter> usualNew = RiskWindows.daysBefore(host, at, USUAL_DAYS, OrderCounts.NEW_BUYER_ORDERS);
        List<Counter> buckets = new ArrayList<>();
        if (refund) {
            buckets.addAll(paidDays);
            buckets.addAll(refundedDays);
        }
        if (burst) {
            List.of(screened, classified, fresh, usualPaid, usualUv, usualClassified, usualNew).forEach(buckets::addAll);
        }
        Map<Counter, Long> values = windows.values(buckets);
        if (burst && sum(values, screened) > sum(values, classified)) {
            // an order of the room is not classified, or not folded yet: decide on the whole room, later. Every
            // screened order is in the review index until classified, so the wait ends; a catch-up run that finds
            // everything due at once must not decide on half a room; the next attempt reads the room again, not
            // what this one found wanting
            windows.forget(screened);
            windows.forget(classified);
            windows.forget(fresh);
            return Optional.empty();
        }

        Instant from = RiskWindows.windowStart(at, settings.burstWindow());
        Instant to = RiskWindows.windowEnd(at, settings.burstWindow());
        long uv = 0;
        long watchMinutes = 0;
        if (burst) {
            for (LiveSession session : sessionsOf(host, from.minus(Duration.ofDays(1)), to)) {
                if (session.endedAt().isAfter(from)) {
                    uv += session.privateUv() + session.publicUv();
                    watchMinutes += session.watchMinutes();
                }
            }
        }
        FakeOrderRules.RoomFacts room = new FakeOrderRules.RoomFacts(from, to, sum(values, classified),
                sum(values, fresh), uv, watchMinutes, sum(values, usualPaid), sum(values, usualUv),
                sum(values, usualClassified), sum(values, usualNew));
        FakeOrderRules.Facts facts = new FakeOrderRules.Facts(paid.buyerId(), paid.productId(), buyerOrders,
                sum(values, paidDays), sum(values, refundedDays),
                LocalDate.ofInstant(at.minus(settings.refundWindow()), ZoneOffset.UTC), LocalDate.ofInstant(at, ZoneOffset.UTC),
                room, paid.paidFen() / paid.quantity());
        return Optional.of(new Verdict(FakeOrderRules.atReview(facts, settings, rules)));
    }

    /** A host's sessions in a range, reused for {@code windowCache} as the windows are: a room's reviews share them. */
    private List<LiveSession> sessionsOf(String host, Instant from, Instant to) {
        Instant now = clock.instant();
        String key = host + "|" + from + "|" + to;
        CachedSessions cached = sessionCache.get(key);
        if (cached != null && now.isBefore(cached.at().plus(settings.windowCache()))) {
            return cached.sessions();
        }
        List<LiveSession> read = sessions.sessions(host, from, to);
        if (sessionCache.size() > 1_000) {
            sessionCache.clear();      // a long-lived container forgets old rooms rather than grow
        }
        sessionCache.put(key, new CachedSessions(read, now));
        return read;
    }

    private record CachedSessions(List<LiveSession> sessions, Instant at) {
    }

    /** Whether a rule is on and among those deciding now. */
    private boolean deciding(FakeOrderRule rule, java.util.Set<String> rules) {
        return settings.enabled().contains(rule) && rules.contains(rule.name());
    }

    private static long sum(Map<Counter, Long> values, List<Counter> buckets) {
        return buckets.stream().mapToLong(bucket -> values.getOrDefault(bucket, 0L)).sum();
    }
}
