package com.alliance.bench;

import com.alliance.catalog.Category;
import com.alliance.json.Json;
import com.alliance.ledger.Account;
import com.alliance.ledger.LedgerRepository;
import com.alliance.money.Bps;
import com.alliance.orderlists.OrderFlagsFold;
import com.alliance.orderlists.OrderListRepository;
import com.alliance.orders.AfterSaleWindow;
import com.alliance.orders.CommissionTerms;
import com.alliance.orders.OrderLedger;
import com.alliance.orders.OrderPaid;
import com.alliance.orders.OrderReceived;
import com.alliance.orders.OrderRepository;
import com.alliance.orders.OrderShipped;
import com.alliance.orders.OrderState;
import com.alliance.orders.ReportHours;
import com.alliance.orders.RiskReview;
import com.alliance.orders.ShippingPromise;
import com.alliance.orders.StoredOrder;
import com.alliance.persistence.CapacityMeter;
import com.alliance.persistence.Items;
import com.alliance.persistence.Tables;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/** How {@link OrderListReadBenchmark} seeds DynamoDB Local: real order items, their flag items and report hours, by batch writes. */
final class OrderListSeeding {

    /** Orders a seeding worker takes at a time. */
    static final int CHUNK = 500;

    private OrderListSeeding() {
    }

    /** Orders {@code count} of one host, selling {@code products} of {@code brandId}, paid evenly over [from, to). */
    record Segment(String name, String prefix, String hostId, String brandId, List<String> products, int count,
                   Instant from, Instant to) {

        Instant paidAt(int i) {
            long span = Duration.between(from, to).toMillis();
            return from.plusMillis(span * i / count);
        }

        String orderId(int i) {
            return String.format("%s%s%08d", prefix, hostId.substring(hostId.length() - 6), i);
        }

        /** Every 100th order is held at payment (1 %). */
        static boolean held(int i) {
            return i % 100 == 37;
        }

        /** A new buyer per order but every fifth, who bought the order before too. */
        String buyerOf(int i) {
            return "u_" + prefix + (i % 5 == 4 ? i - 1 : i);
        }

        StoredOrder order(int i, Instant now) {
            String orderId = orderId(i);
            Instant paidAt = paidAt(i);
            String product = products.get(i % products.size());
            long paidFen = 9_900L + (i % 7) * 1_000L;
            OrderPaid paid = new OrderPaid("pay-" + orderId, orderId, paidAt, product, hostId, buyerOf(i), 1, paidFen,
                    Optional.empty());
            CommissionTerms terms = CommissionTerms.distribution(brandId, Bps.of(1_000 + (i % products.size()) * 50))
                    .withShipWithinHours(48);
            OrderState state = OrderState.empty(orderId).applyPayment(paid, terms);
            TreeMap<String, String> raw = new TreeMap<>();
            raw.put(paid.eventId(), Json.write(Json.object().put("eventId", paid.eventId()).put("type", "ORDER_PAID")
                    .put("orderId", orderId).put("occurredAt", paidAt.toString()).put("productId", product)
                    .put("hostId", hostId).put("buyerId", paid.buyerId()).put("quantity", 1).put("paidFen", paidFen)));
            Duration age = Duration.between(paidAt, now);
            if (age.compareTo(Duration.ofDays(1)) > 0) {
                Instant shipped = paidAt.plus(Duration.ofHours(20));
                state = state.apply(new OrderShipped("ship-" + orderId, orderId, shipped));
                raw.put("ship-" + orderId, milestone("ship-" + orderId, "ORDER_SHIPPED", orderId, shipped));
            }
            if (age.compareTo(Duration.ofDays(5)) > 0) {
                Instant received = paidAt.plus(Duration.ofDays(3));
                state = state.apply(new OrderReceived("receive-" + orderId, orderId, received));
                raw.put("receive-" + orderId, milestone("receive-" + orderId, "ORDER_RECEIVED", orderId, received));
            }
            TreeSet<String> rules = new TreeSet<>();
            if (held(i)) {
                state = state.withRiskHold(true);
                rules.add("NOT_PICKED");
            }
            return new StoredOrder(state, raw, OrderLedger.targetPosition(state), 0, Optional.of(Category.FOOD), rules,
                    Optional.of(paidAt), i % 5 != 4, RiskReview.NONE);
        }

        private static String milestone(String eventId, String type, String orderId, Instant at) {
            return Json.write(Json.object().put("eventId", eventId).put("type", type).put("orderId", orderId)
                    .put("occurredAt", at.toString()));
        }
    }

    record Seeded(long orders, long held, long flagItems, double seconds) {
    }

    /**
     * Every segment's orders, in chunks of {@link #CHUNK} taken by {@code threads} workers: the order items with
     * BatchWriteItem (25 a request), the held orders' flag items as {@link OrderFlagsFold} derives them from the item,
     * written by {@link OrderListRepository#applyFlags}, and each order added to the report hours.
     */
    static Seeded seed(DynamoDbClient client, List<Segment> segments, int threads, HourSums hours, Instant now)
            throws InterruptedException {
        long total = segments.stream().mapToLong(Segment::count).sum();
        long[] starts = new long[segments.size()];
        for (int s = 1; s < segments.size(); s++) {
            starts[s] = starts[s - 1] + segments.get(s - 1).count();
        }
        AtomicLong next = new AtomicLong();
        LongAdder done = new LongAdder();
        LongAdder held = new LongAdder();
        LongAdder flagItems = new LongAdder();
        long begin = System.nanoTime();
        List<Thread> workers = new ArrayList<>();
        List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int t = 0; t < threads; t++) {
            Thread worker = new Thread(() -> {
                try {
                    OrderRepository orders = new OrderRepository(client, new LedgerRepository(client), new CapacityMeter(),
                            AfterSaleWindow.defaults());
                    OrderListRepository lists = new OrderListRepository(client, new CapacityMeter());
                    List<WriteRequest> batch = new ArrayList<>();
                    List<OrderListRepository.FlagWrite> flagWrites = new ArrayList<>();
                    while (true) {
                        long from = next.getAndAdd(CHUNK);
                        if (from >= total) {
                            break;
                        }
                        long to = Math.min(total, from + CHUNK);
                        for (long g = from; g < to; g++) {
                            int s = segmentOf(starts, g);
                            Segment segment = segments.get(s);
                            int i = (int) (g - starts[s]);
                            StoredOrder order = segment.order(i, now);
                            Map<String, AttributeValue> item = orders.itemOf(order, now);
                            batch.add(WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build());
                            if (batch.size() == 25) {
                                write(client, batch);
                            }
                            if (Segment.held(i)) {
                                held.increment();
                                flagWrites.addAll(OrderFlagsFold.writes(Map.of(), item));
                            }
                            hours.add(order);
                        }
                        write(client, batch);
                        lists.applyFlags(flagWrites);
                        flagItems.add(flagWrites.size());
                        flagWrites.clear();
                        long before = done.sum();
                        done.add(to - from);
                        if ((before * 10 / total) != ((before + to - from) * 10 / total)) {
                            double seconds = (System.nanoTime() - begin) / 1e9;
                            System.out.printf("  seeding: %,d of %,d orders in %.0f s (%,.0f/s)%n", before + to - from, total,
                                    seconds, (before + to - from) / seconds);
                        }
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            }, "seed-" + t);
            worker.start();
            workers.add(worker);
        }
        for (Thread worker : workers) {
            worker.join();
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException("seeding failed", failures.get(0));
        }
        return new Seeded(total, held.sum(), flagItems.sum(), (System.nanoTime() - begin) / 1e9);
    }

    static int segmentOf(long[] starts, long g) {
        int s = starts.length - 1;
        while (starts[s] > g) {
            s--;
        }
        return s;
    }

    static void write(DynamoDbClient client, List<WriteRequest> batch) {
        if (batch.isEmpty()) {
            return;
        }
        Map<String, List<WriteRequest>> requests = Map.of(Tables.ORDERS.tableName(), List.copyOf(batch));
        batch.clear();
        int attempt = 0;
        while (!requests.isEmpty()) {
            if (attempt++ > 0) {
                pause(Math.min(200, 10L * attempt));
            }
            BatchWriteItemResponse response = client.batchWriteItem(BatchWriteItemRequest.builder().requestItems(requests).build());
            requests = response.hasUnprocessedItems() ? response.unprocessedItems() : Map.of();
        }
    }

    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * The report-hour items the stream fold would have written from the seeded orders (the rules of
     * {@code ReportHours.addOrder} for paid orders, held or not, nothing refunded or cancelled): per party and hour of
     * payment the counted orders, their paid and refunded fen and a counter per buyer, or the held orders and their
     * fen; a brand's every paid order and its promises (kept, or open by the hour they fall due); the party's money by
     * posting state; each with one stream shard's fold mark. Buyers move into the sketch once an hour counts more than
     * 64 of them, as the fold moves them.
     */
    static final class HourSums {

        private final Map<String, Hour> hours = new ConcurrentHashMap<>();

        private static final class Hour {
            final String pk;
            final String sk;
            final Map<String, Long> counters = new TreeMap<>();
            final Map<String, Long> buyers = new LinkedHashMap<>();
            ReportHours.BuyerSketch sketch;

            Hour(String pk, String sk) {
                this.pk = pk;
                this.sk = sk;
            }

            synchronized void add(String counter, long amount) {
                counters.merge(counter, amount, Long::sum);
            }

            synchronized void buyer(String counter) {
                buyers.merge(counter, 1L, Long::sum);
                if (buyers.size() > ReportHours.BuyerSketch.EXACT_UP_TO) {
                    if (sketch == null) {
                        sketch = new ReportHours.BuyerSketch();
                    }
                    buyers.keySet().forEach(sketch::addCounterName);
                    buyers.clear();
                }
            }

            synchronized Map<String, AttributeValue> item(Instant now) {
                Items.Builder item = Items.builder().s("pk", pk).s("sk", sk);
                counters.forEach((name, value) -> item.n(name, value));
                buyers.forEach((name, value) -> item.n(name, value));
                if (sketch != null) {
                    item.attr(ReportHours.BuyerSketch.SKETCH, AttributeValue.fromB(SdkBytes.fromByteArray(sketch.bytes())));
                }
                item.s("fold:shardId-00000001764000000000-" + String.format("%08x", Math.abs(pk.hashCode())),
                        String.format("%021d|%d", Math.abs((long) sk.hashCode()) * 1_000L, now.getEpochSecond()));
                return item.build();
            }
        }

        private Hour hour(String pk, String hourKey) {
            String sk = ReportHours.HOUR_PREFIX + hourKey;
            return hours.computeIfAbsent(pk + "|" + sk, k -> new Hour(pk, sk));
        }

        void add(StoredOrder order) {
            OrderState state = order.state();
            OrderPaid paid = state.payment().orElseThrow().paid();
            String brandId = state.payment().get().terms().brandId();
            String hourKey = ReportHours.hourOf(paid.occurredAt());
            Hour host = hour(ReportHours.party(true, paid.hostId()), hourKey);
            Hour brand = hour(ReportHours.party(false, brandId), hourKey);
            long net = paid.paidFen() - state.refundedFen();
            for (Hour party : List.of(host, brand)) {
                if (state.held() || state.voided()) {
                    party.add(ReportHours.HELD_ORDERS, 1);
                    party.add(ReportHours.HELD_GMV_FEN, net);
                } else {
                    party.add(ReportHours.ORDERS, 1);
                    party.add(ReportHours.PAID_FEN, paid.paidFen());
                    party.add(ReportHours.REFUNDED_FEN, state.refundedFen());
                    party.buyer(ReportHours.BuyerSketch.counterName(paid.buyerId()));
                }
            }
            brand.add(ReportHours.PAID_ORDERS, 1);
            switch (ShippingPromise.status(state)) {
                case KEPT -> brand.add(ReportHours.KEPT, 1);
                case MISSED -> brand.add(ReportHours.MISSED, 1);
                case OPEN -> brand.add(ReportHours.OPEN_PREFIX + ReportHours.hourOf(ShippingPromise.promise(state).orElseThrow()), 1);
                default -> {
                    // no violation is seeded
                }
            }
            OrderLedger.targetPosition(state).forEach((key, fen) -> {
                Hour owner = key.account().equals(Account.host(paid.hostId())) ? host
                        : key.account().equals(Account.brand(brandId)) ? brand : null;
                if (owner != null) {
                    switch (key.state()) {
                        case PENDING -> owner.add(ReportHours.MONEY_PENDING_FEN, fen);
                        case HELD -> owner.add(ReportHours.MONEY_HELD_FEN, fen);
                        case SETTLEABLE -> owner.add(ReportHours.MONEY_SETTLEABLE_FEN, fen);
                        default -> {
                            // an order's own postings are never SETTLED or PAID_OUT
                        }
                    }
                }
            });
        }

        /** Writes every hour item (BatchWriteItem of 25); how many. */
        long write(DynamoDbClient client, Instant now) {
            List<WriteRequest> batch = new ArrayList<>();
            for (Hour hour : hours.values()) {
                batch.add(WriteRequest.builder().putRequest(PutRequest.builder().item(hour.item(now)).build()).build());
                if (batch.size() == 25) {
                    OrderListSeeding.write(client, batch);
                }
            }
            OrderListSeeding.write(client, batch);
            return hours.size();
        }
    }

    // ---------------------------------------------------------------------------------------------------- measuring

}
