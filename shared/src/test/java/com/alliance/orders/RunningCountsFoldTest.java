package com.alliance.orders;

import static org.assertj.core.api.Assertions.assertThat;

import com.alliance.catalog.Category;
import com.alliance.money.Bps;
import com.alliance.orders.OrderCounts.Counter;
import com.alliance.persistence.CapacityMeter;
import com.alliance.persistence.ChangeRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The running counts folded from the orders table's stream: what a batch adds, and that it adds it once. */
class RunningCountsFoldTest {

    private static final CommissionTerms TERMS = CommissionTerms.distribution("brand-1", Bps.of(2_000));
    private static final OrderRepository ITEMS = new OrderRepository(null, null, new CapacityMeter(),
            AfterSaleWindow.ofDays(7));
    private static final Instant NOW = Instant.parse("2026-11-30T00:00:00Z");

    @Test
    void aBatchAddsToEachCountersItemWhatItsOrdersCountNowLessWhatTheyCountedBefore() {
        List<ChangeRecord> batch = new ArrayList<>();
        batch.addAll(lifecycle("o-1", "shard-a", 1, "host-1", paid("o-1", "host-1", 2), shipped("o-1")));
        batch.addAll(lifecycle("o-2", "shard-a", 10, "host-1", paid("o-2", "host-1", 1), cancelled("o-2")));

        List<RunningCountsFold.Part> parts = RunningCountsFold.of(batch);

        assertThat(parts).extracting(p -> p.scope() + " " + p.id()).startsWith(
                "HOST_STATS host-1", "PRODUCT_SALES product-1", "BRAND_SERVICE brand-1", "HOST_DAY host-1@2026-11-29");
        Map<String, SortedMap<String, Long>> reports = new HashMap<>();
        parts.stream().filter(p -> p.scope() == OrderCounts.Scope.REPORT).forEach(p -> reports.put(p.id(), p.total()));
        assertThat(reports.get("HOST#host-1@RPT#2026-11-29T10")).as("the cancelled order left the GMV hour again")
                .containsEntry("orders", 1L).containsEntry("paidFen", 10_000L).doesNotContainKey("refundedFen")
                .containsEntry(ReportHours.BuyerSketch.counterName("buyer-o-1"), 1L)
                .doesNotContainKey(ReportHours.BuyerSketch.counterName("buyer-o-2"));
        assertThat(reports.get("BRAND#brand-1@REACH#2026-11-29T10#host-1")).containsExactlyEntriesOf(
                new TreeMap<>(Map.of("orders", 1L)));
        assertThat(reports.get("BRAND#brand-1@RPT#2026-11-29T10")).as("kept; cancelled in time: nothing promised; "
                        + "open while unshipped, closed again within the batch")
                .containsEntry("paidOrders", 2L).containsEntry("kept", 1L).containsEntry("orders", 1L)
                .doesNotContainKeys("missed", "violations", "open:2026-12-02T10");
        RunningCountsFold.Part product = parts.get(1);
        assertThat(product.total()).as("the cancelled order left the sales counts again")
                .containsExactlyEntriesOf(new TreeMap<>(Map.of("ordersCount", 1L, "unitsSold", 2L)));
        assertThat(parts.get(0).total()).containsEntry("paidOrders", 2L).containsEntry("ordersCount", 1L);
        assertThat(parts.get(2).total()).containsEntry("paidOrders", 2L);
        assertThat(parts.get(3).total()).as("the refund-rate window counts a cancelled order too")
                .containsExactlyEntriesOf(new TreeMap<>(Map.of("paidOrders", 2L)));
        assertThat(product.steps()).extracting(RunningCountsFold.Step::sequence).isSorted();
    }

    @Test
    void recordsThatCountNothingAddNoPart() {
        Map<String, AttributeValue> marker = Map.of("pk", s("EVENT#e-1"), "sk", s("EVENT"), "orderId", s("o-1"));
        Map<String, AttributeValue> posting = Map.of("pk", s("PARTY#host-1"), "sk", s("POST#x"));
        assertThat(RunningCountsFold.of(List.of(record("shard-a", 1, Map.of(), marker),
                record("shard-a", 2, Map.of(), posting)))).isEmpty();
    }

    @Test
    void aComplaintAddsOneAndALaterReportOfASessionAddsOnlyItsDifference() {
        ComplaintFiled complaint = new ComplaintFiled("c-1", "o-1", NOW, "brand-1", "late");
        LiveSessionStats first = session("s-report-1", 300, NOW.plusSeconds(3_600));
        LiveSessionStats later = session("s-report-2", 500, NOW.plusSeconds(7_200));
        List<ChangeRecord> batch = List.of(
                record("shard-a", 1, Map.of(), OrderRepository.complaintItem(complaint)),
                record("shard-a", 2, Map.of(), OrderRepository.sessionItem(first)),
                record("shard-a", 3, OrderRepository.sessionItem(first), OrderRepository.sessionItem(later)));

        Map<String, SortedMap<String, Long>> totals = new HashMap<>();
        RunningCountsFold.of(batch).forEach(p -> totals.put(p.scope() + " " + p.id(), p.total()));

        assertThat(totals.get("BRAND_SERVICE brand-1")).containsExactlyEntriesOf(new TreeMap<>(Map.of("complaints", 1L)));
        assertThat(totals.get("HOST_STATS host-1")).containsExactlyEntriesOf(
                new TreeMap<>(Map.of("sessions", 1L, "watchMinutes", 500L)));
    }

    @Test
    void aSampleRequestCountsForItsHostOnlyWhileClosedFulfilledOrUnfulfilled() {
        for (String open : List.of("REQUESTED", "APPROVED", "SHIPPED", "RECEIVED", "REJECTED", "EXPIRED")) {
            assertThat(RunningCountsFold.countsOf(sample("r-1", "host-1", open))).as(open).isEmpty();
        }
        Counter fulfilled = new Counter(OrderCounts.Scope.HOST_STATS, "host-1", OrderCounts.SAMPLES_FULFILLED);
        Counter unfulfilled = new Counter(OrderCounts.Scope.HOST_STATS, "host-1", OrderCounts.SAMPLES_UNFULFILLED);
        assertThat(RunningCountsFold.countsOf(sample("r-1", "host-1", "FULFILLED")))
                .containsExactlyEntriesOf(new TreeMap<>(Map.of(fulfilled, 1L)));
        assertThat(RunningCountsFold.countsOf(sample("r-1", "host-1", "UNFULFILLED")))
                .containsExactlyEntriesOf(new TreeMap<>(Map.of(unfulfilled, 1L)));
        Map<String, AttributeValue> noHost = new HashMap<>(sample("r-1", "host-1", "FULFILLED"));
        noHost.remove("hostId");
        assertThat(RunningCountsFold.countsOf(noHost)).as("an item without its host counts nothing").isEmpty();
        Map<String, AttributeValue> otherItem = new HashMap<>(sample("r-1", "host-1", "FULFILLED"));
        otherItem.put("sk", s("SAMPLE#NOTE"));
        assertThat(RunningCountsFold.countsOf(otherItem)).as("only the request's own item counts").isEmpty();
    }

    @Test
    void aLapsedSampleCountsUnfulfilledAndALateOrderMovesItToFulfilledByTheDifferenceAlone() {
        List<ChangeRecord> lapsing = sampleLifecycle("r-1", "shard-a", 1, "host-1",
                "REQUESTED", "APPROVED", "SHIPPED", "RECEIVED", "UNFULFILLED");
        List<ChangeRecord> kept = sampleLifecycle("r-2", "shard-a", 10, "host-1",
                "REQUESTED", "APPROVED", "SHIPPED", "RECEIVED", "FULFILLED");
        List<ChangeRecord> refused = sampleLifecycle("r-3", "shard-a", 20, "host-2", "REQUESTED", "REJECTED");
        List<ChangeRecord> batch = new ArrayList<>(lapsing);
        batch.addAll(kept);
        batch.addAll(refused);

        List<RunningCountsFold.Part> parts = RunningCountsFold.of(batch);

        assertThat(parts).as("a rejected request counts nothing").hasSize(1);
        assertThat(parts.get(0).scope()).isEqualTo(OrderCounts.Scope.HOST_STATS);
        assertThat(RunningCountsFold.feedsTrust(parts.get(0).scope())).as("the host is marked for the trust job")
                .isTrue();
        assertThat(parts.get(0).id()).isEqualTo("host-1");
        assertThat(parts.get(0).total()).containsExactlyEntriesOf(new TreeMap<>(Map.of(
                OrderCounts.SAMPLES_FULFILLED, 1L, OrderCounts.SAMPLES_UNFULFILLED, 1L)));
        assertThat(parts.get(0).steps()).extracting(RunningCountsFold.Step::sequence).isSorted();

        Map<String, AttributeValue> lapsed = lapsing.get(lapsing.size() - 1).newImage();
        Map<String, AttributeValue> fulfilledLate = new HashMap<>(lapsed);
        fulfilledLate.put("status", s("FULFILLED"));
        fulfilledLate.put("orderId", s("o-late"));
        List<RunningCountsFold.Part> correction = RunningCountsFold.of(
                List.of(record("shard-a", 30, lapsed, fulfilledLate)));

        assertThat(correction).hasSize(1);
        assertThat(correction.get(0).total()).as("the 1 moves from unfulfilled to fulfilled")
                .containsExactlyEntriesOf(new TreeMap<>(Map.of(
                        OrderCounts.SAMPLES_FULFILLED, 1L, OrderCounts.SAMPLES_UNFULFILLED, -1L)));
        assertThat(RunningCountsFold.of(List.of(record("shard-a", 31, fulfilledLate, fulfilledLate))))
                .as("the same status again counts nothing").isEmpty();
    }

    @Test
    void aPartKeepsOnlyTheStepsAfterWhatTheItemHasFoldedFromItsShard() {
        RunningCountsFold.Part part = RunningCountsFold.of(
                lifecycle("o-1", "shard-a", 1, "host-1", paid("o-1", "host-1", 1), refunded("o-1"))).get(0);
        String afterFirst = part.steps().get(0).sequence();

        assertThat(part.after("")).contains(part);
        assertThat(part.after(afterFirst).orElseThrow().steps()).hasSize(1);
        assertThat(part.after(part.lastSequence())).isEmpty();
    }

    /**
     * Any delivery of a shard's records as Lambda makes it (batches of any size, a batch read again from any
     * of its records after a failure, as often as it fails) folds each record into each item exactly once.
     */
    @Property(tries = 200)
    void batchesReadAgainFromAnyRecordFoldEachRecordOnce(@ForAll @IntRange(min = 1, max = 7) int batchSize,
                                                         @ForAll("failures") List<Integer> failAt) {
        List<ChangeRecord> shard = new ArrayList<>();
        shard.addAll(lifecycle("o-1", "shard-a", 1, "host-1", paid("o-1", "host-1", 2), shipped("o-1"), refunded("o-1")));
        shard.addAll(lifecycle("o-2", "shard-a", 10, "host-2", paid("o-2", "host-2", 1), cancelled("o-2")));
        shard.addAll(lifecycle("o-3", "shard-a", 20, "host-1", paid("o-3", "host-1", 3), shipped("o-3")));
        shard.addAll(sampleLifecycle("r-1", "shard-a", 30, "host-1", "REQUESTED", "APPROVED", "SHIPPED", "RECEIVED",
                "UNFULFILLED", "FULFILLED"));
        shard.addAll(sampleLifecycle("r-2", "shard-a", 40, "host-2", "REQUESTED", "APPROVED", "SHIPPED", "RECEIVED",
                "UNFULFILLED"));

        Map<String, SortedMap<String, Long>> items = new HashMap<>();
        Map<String, String> foldedThrough = new HashMap<>();
        int from = 0;
        int failures = 0;
        while (from < shard.size()) {
            List<ChangeRecord> batch = shard.subList(from, Math.min(shard.size(), from + batchSize));
            Optional<Integer> failed = failures < failAt.size() ? Optional.of(failAt.get(failures) % batch.size())
                    : Optional.empty();
            List<RunningCountsFold.Part> parts = RunningCountsFold.of(batch);
            // a failure stops the batch part-way: the parts before the failed one were written
            int written = failed.map(f -> Math.min(f, parts.size())).orElse(parts.size());
            for (RunningCountsFold.Part part : parts.subList(0, written)) {
                String key = part.scope() + " " + part.id();
                part.after(foldedThrough.getOrDefault(key, "")).ifPresent(left -> {
                    left.total().forEach((name, value) -> items.computeIfAbsent(key, k -> new TreeMap<>()).merge(name, value, Long::sum));
                    foldedThrough.put(key, left.lastSequence());
                });
            }
            if (failed.isPresent() && written < parts.size()) {
                failures++;
                String first = parts.get(written).firstSequence();
                int index = 0;
                while (batch.get(index).sortableSequence().compareTo(first) < 0) {
                    index++;
                }
                from += index;
            } else {
                from += batch.size();
            }
        }

        items.values().forEach(m -> m.values().removeIf(v -> v == 0));
        items.values().removeIf(Map::isEmpty);
        assertThat(items).isEqualTo(expected(shard));
    }

    @Provide
    Arbitrary<List<Integer>> failures() {
        return Arbitraries.integers().between(0, 6).list().ofMaxSize(5);
    }

    /** What one pass over the records adds, summed per item: the counts of each image's final state. */
    private static Map<String, SortedMap<String, Long>> expected(List<ChangeRecord> records) {
        SortedMap<Counter, Long> sum = new TreeMap<>();
        for (ChangeRecord r : records) {
            OrderCounts.difference(RunningCountsFold.countsOf(r.oldImage()), RunningCountsFold.countsOf(r.newImage()))
                    .forEach((counter, value) -> sum.merge(counter, value, Long::sum));
        }
        Map<String, SortedMap<String, Long>> items = new HashMap<>();
        sum.forEach((counter, value) -> {
            if (value != 0) {
                items.computeIfAbsent(counter.scope() + " " + counter.id(), k -> new TreeMap<>()).put(counter.name(), value);
            }
        });
        return items;
    }

    /** The stream records of one order's item as its events are committed one by one. */
    private static List<ChangeRecord> lifecycle(String orderId, String shardId, int firstSequence, String hostId,
                                                String... messages) {
        List<ChangeRecord> records = new ArrayList<>();
        Map<String, AttributeValue> before = Map.of();
        OrderState state = OrderState.empty(orderId);
        TreeMap<String, String> raw = new TreeMap<>();
        for (int i = 0; i < messages.length; i++) {
            OrderEvent event = parse(messages[i]);
            state = event instanceof OrderPaid p ? state.applyPayment(p, TERMS) : state.apply(event);
            raw.put(event.eventId(), messages[i]);
            StoredOrder order = new StoredOrder(state, raw, Map.of(), i, Optional.of(Category.FOOD),
                    new TreeSet<>(), Optional.of(NOW));
            Map<String, AttributeValue> after = ITEMS.toItem(order, NOW);
            records.add(record(shardId, firstSequence + i, before, after));
            before = after;
        }
        return records;
    }

    /** The stream records of one sample request's item as its status changes one by one. */
    private static List<ChangeRecord> sampleLifecycle(String requestId, String shardId, int firstSequence,
                                                      String hostId, String... statuses) {
        List<ChangeRecord> records = new ArrayList<>();
        Map<String, AttributeValue> before = Map.of();
        for (int i = 0; i < statuses.length; i++) {
            Map<String, AttributeValue> after = sample(requestId, hostId, statuses[i]);
            records.add(record(shardId, firstSequence + i, before, after));
            before = after;
        }
        return records;
    }

    /** A sample request's item in the orders table, with the attributes the fold reads. */
    private static Map<String, AttributeValue> sample(String requestId, String hostId, String status) {
        return Map.of("pk", s("SAMPLE#" + requestId), "sk", s("SAMPLE"), "requestId", s(requestId),
                "hostId", s(hostId), "productId", s("product-1"), "status", s(status));
    }

    private static ChangeRecord record(String shardId, long sequence, Map<String, AttributeValue> before,
                                       Map<String, AttributeValue> after) {
        return new ChangeRecord(shardId, Long.toString(sequence), NOW, before, after);
    }

    private static OrderEvent parse(String json) {
        try {
            return OrderEventParser.parse(json);
        } catch (InvalidEventException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static String paid(String orderId, String hostId, int quantity) {
        return "{\"eventId\":\"" + orderId + "-paid\",\"type\":\"ORDER_PAID\",\"orderId\":\"" + orderId
                + "\",\"occurredAt\":\"2026-11-29T10:00:00Z\",\"productId\":\"product-1\",\"hostId\":\"" + hostId
                + "\",\"buyerId\":\"buyer-" + orderId + "\",\"quantity\":" + quantity + ",\"paidFen\":10000}";
    }

    private static String shipped(String orderId) {
        return simple(orderId, "ORDER_SHIPPED", "shipped", "");
    }

    private static String cancelled(String orderId) {
        return simple(orderId, "ORDER_CANCELLED", "cancelled", "");
    }

    private static String refunded(String orderId) {
        return simple(orderId, "ORDER_REFUNDED", "refunded", ",\"refundFen\":2000");
    }

    private static String simple(String orderId, String type, String suffix, String more) {
        return "{\"eventId\":\"" + orderId + "-" + suffix + "\",\"type\":\"" + type + "\",\"orderId\":\"" + orderId
                + "\",\"occurredAt\":\"2026-11-29T11:00:00Z\"" + more + "}";
    }

    private static LiveSessionStats session(String eventId, long watchMinutes, Instant endedAt) {
        return new LiveSessionStats(eventId, "session-1", endedAt, "host-1", "session-1", 100, 200, watchMinutes,
                NOW, endedAt);
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }
}
