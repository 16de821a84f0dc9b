package com.alliance.orders;

import com.alliance.orders.OrderCounts.Counter;
import com.alliance.orders.OrderCounts.Scope;
import com.alliance.persistence.SortableTime;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.SortedMap;

/**
 * The aggregates the SLA route and the GMV reports read instead of every order of their period: running counts
 * ({@link Scope#REPORT}) folded from the orders table's stream like the risk windows, one item per party and hour
 * of payment. A report then reads a number of items that grows with its hours (and a brand's selling hosts and
 * recorded violations), never with its orders. Hours are whole hours of UTC, which are whole hours of China
 * Standard Time too, so a day in Beijing is 24 of them; a period is counted in whole hours ({@link #hoursOf}).
 *
 * <table>
 *   <caption>Items (orders table), all written by the stream fold, exactly once like every running count</caption>
 *   <tr><th>pk / sk</th><th>counters</th></tr>
 *   <tr><td>{@code HOST#{h}} and {@code BRAND#{b}} / {@code RPT#{yyyy-MM-ddTHH}} (hour of payment)</td><td>
 *       {@code paidFen}, {@code refundedFen}, {@code orders} of the counted orders (paid, not cancelled, not refunded
 *       in full, neither held nor voided); {@code heldOrders}, {@code heldGmvFen} (net) of the held or voided ones;
 *       {@code u:{hash}} the counted orders of each buyer ({@link BuyerSketch}: a busy hour's buyers become a
 *       {@code hll} sketch). A brand's also its SLA: {@code paidOrders} (every paid order), {@code kept},
 *       {@code missed}, {@code violations} and {@code compensationFen} by promise state
 *       ({@link ShippingPromise.Status}), {@code open:{hour}} its open promises by the hour they fall due in</td></tr>
 *   <tr><td>{@code BRAND#{b}} / {@code REACH#{hour}#{hostId}}</td><td>{@code orders}: the counted orders the host
 *       sold of the brand in that hour (the brand's audience is the sessions of those hosts)</td></tr>
 *   <tr><td>{@code BRAND#{b}} / {@code SLAVIOL#{paidAt}#{orderId}#{promise}}</td><td>{@code violations} 1,
 *       {@code paidFen}, {@code compensationFen}, {@code shippedAt} (epoch nanoseconds, 0 when unshipped): a
 *       recorded late-shipment violation, listed a page at a time</td></tr>
 * </table>
 *
 * <p>A counter id of this scope is {@code {pk}@{sk}}: party ids never hold {@code @}.
 */
public final class ReportHours {

    public static final String PAID_FEN = "paidFen";
    public static final String REFUNDED_FEN = "refundedFen";
    public static final String ORDERS = "orders";
    public static final String HELD_ORDERS = "heldOrders";
    public static final String HELD_GMV_FEN = "heldGmvFen";
    public static final String PAID_ORDERS = "paidOrders";
    public static final String KEPT = "kept";
    public static final String MISSED = "missed";
    public static final String VIOLATIONS = "violations";
    public static final String COMPENSATION_FEN = "compensationFen";
    public static final String SHIPPED_AT = "shippedAt";
    /** The party's own money from its counted orders by posting state (a host's commission, a brand's proceeds). */
    public static final String MONEY_PENDING_FEN = "moneyPendingFen";
    public static final String MONEY_HELD_FEN = "moneyHeldFen";
    public static final String MONEY_SETTLEABLE_FEN = "moneySettleableFen";
    /** Paid orders whose risk review is open (a deferred fake-order rule has not decided yet). */
    public static final String REVIEW_ORDERS = "reviewOrders";
    /** The counters an order adds only once it is on the hosts' order lists (its item has the gsi7 keys). */
    public static final java.util.Set<String> LISTED_COUNTERS =
            java.util.Set.of(MONEY_PENDING_FEN, MONEY_HELD_FEN, MONEY_SETTLEABLE_FEN, REVIEW_ORDERS);
    /** {@code open:{hour}}: open promises falling due in that UTC hour ({@link #hourOf}). */
    public static final String OPEN_PREFIX = "open:";

    /**
     * An order item counts in the report hours once it carries this attribute ({@code true}): every order written
     * by this code does, and {@link ReportHoursBackfillJob} sets it on the orders written before, whose stream
     * record then adds their whole contribution, exactly once like any change.
     */
    public static final String COUNTED = "reportHours";

    public static final String HOUR_PREFIX = "RPT#";
    public static final String REACH_PREFIX = "REACH#";
    public static final String VIOLATION_PREFIX = "SLAVIOL#";

    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH").withZone(ZoneOffset.UTC);
    private static final char SEPARATOR = '@';

    private ReportHours() {
    }

    /** A period widened to whole hours: {@code from} down to its hour's start, {@code to} up to its hour's end. */
    public record Hours(Instant from, Instant to) {

        /** The first hour's key and the last hour's key (inclusive). */
        public String firstKey() {
            return hourOf(from);
        }

        public String lastKey() {
            return hourOf(to.minus(1, ChronoUnit.HOURS));
        }
    }

    /** [from, to) widened to whole hours; a period already on whole hours (dates are) stays as it is. */
    public static Hours hoursOf(Instant from, Instant to) {
        Instant start = from.truncatedTo(ChronoUnit.HOURS);
        Instant end = to.truncatedTo(ChronoUnit.HOURS);
        return new Hours(start, end.equals(to) ? end : end.plus(1, ChronoUnit.HOURS));
    }

    /** The UTC hour an instant is in, as its key: {@code 2026-11-30T09}. */
    public static String hourOf(Instant at) {
        return HOUR.format(at);
    }

    /** The start of the hour a key names. */
    public static Instant hourStart(String hourKey) {
        return Instant.parse(hourKey + ":00:00Z");
    }

    /** {@code HOST#{h}} or {@code BRAND#{b}}. */
    public static String party(boolean host, String id) {
        return (host ? "HOST#" : "BRAND#") + id;
    }

    public static String reachKey(String hourKey, String hostId) {
        return REACH_PREFIX + hourKey + "#" + hostId;
    }

    /** {@code SLAVIOL#{paidAt}#{orderId}#{promise}}: in payment order, as the violations are listed. */
    public static String violationKey(Instant paidAt, String orderId, Instant promise) {
        return VIOLATION_PREFIX + SortableTime.of(paidAt) + "#" + orderId + "#" + SortableTime.of(promise);
    }

    /** The parts of a {@link #violationKey}: payment time, order id, promise. */
    public record ViolationKey(Instant paidAt, String orderId, Instant promise) {

        public static ViolationKey parse(String sortKey) {
            String rest = sortKey.substring(VIOLATION_PREFIX.length());
            int first = rest.indexOf('#');
            int last = rest.lastIndexOf('#');
            return new ViolationKey(Instant.parse(rest.substring(0, first)), rest.substring(first + 1, last),
                    Instant.parse(rest.substring(last + 1)));
        }
    }

    static Counter counter(String pk, String sk, String name) {
        return new Counter(Scope.REPORT, pk + SEPARATOR + sk, name);
    }

    /** The table key of a {@link Scope#REPORT} counter id. */
    public static String partitionOf(String id) {
        return id.substring(0, id.indexOf(SEPARATOR));
    }

    public static String sortKeyOf(String id) {
        return id.substring(id.indexOf(SEPARATOR) + 1);
    }

    /** Whether a counter id names an hour item, whose buyers the fold turns into a sketch when they grow many. */
    static boolean isHourItem(String id) {
        return sortKeyOf(id).startsWith(HOUR_PREFIX);
    }

    /** What a stored order adds to the report aggregates (into {@code counts}). */
    static void addOrder(StoredOrder order, SortedMap<Counter, Long> counts) {
        OrderState state = order.state();
        if (state.payment().isEmpty()) {
            return;
        }
        addMoney(order, counts);
        OrderPaid paid = state.payment().get().paid();
        String brandId = state.payment().get().terms().brandId();
        String hour = HOUR_PREFIX + hourOf(paid.occurredAt());
        String brand = party(false, brandId);
        long net = paid.paidFen() - state.refundedFen();
        if (!state.isCancelled() && net > 0) {
            for (String party : new String[] {party(true, paid.hostId()), brand}) {
                if (state.held() || state.voided()) {
                    add(counts, counter(party, hour, HELD_ORDERS), 1);
                    add(counts, counter(party, hour, HELD_GMV_FEN), net);
                    continue;
                }
                add(counts, counter(party, hour, ORDERS), 1);
                add(counts, counter(party, hour, PAID_FEN), paid.paidFen());
                add(counts, counter(party, hour, REFUNDED_FEN), state.refundedFen());
                add(counts, counter(party, hour, BuyerSketch.counterName(paid.buyerId())), 1);
            }
            if (!state.held() && !state.voided()) {
                add(counts, counter(brand, reachKey(hourOf(paid.occurredAt()), paid.hostId()), ORDERS), 1);
            }
        }
        add(counts, counter(brand, hour, PAID_ORDERS), 1);
        Optional<Instant> promise = ShippingPromise.promise(state);
        switch (ShippingPromise.status(state)) {
            case KEPT -> add(counts, counter(brand, hour, KEPT), 1);
            case MISSED -> add(counts, counter(brand, hour, MISSED), 1);
            case OPEN -> add(counts, counter(brand, hour, OPEN_PREFIX + hourOf(promise.orElseThrow())), 1);
            case VIOLATION -> {
                long compensation = state.late().orElseThrow().compensationFen();
                add(counts, counter(brand, hour, VIOLATIONS), 1);
                add(counts, counter(brand, hour, COMPENSATION_FEN), compensation);
                String item = violationKey(paid.occurredAt(), state.orderId(), promise.orElseThrow());
                add(counts, counter(brand, item, VIOLATIONS), 1);
                add(counts, counter(brand, item, PAID_FEN), paid.paidFen());
                add(counts, counter(brand, item, COMPENSATION_FEN), compensation);
                ShippingPromise.shippedAt(state).ifPresent(at -> add(counts, counter(brand, item, SHIPPED_AT), nanosOf(at)));
            }
            case NONE -> {
                // nothing was promised: a paid order, no more
            }
        }
    }

    /**
     * The host's commission and the brand's proceeds of the order by posting state, on their hour items, and whether
     * its risk review is open: what an order list's summary reads ({@code orderlists.OrderSummary}). Money counts in
     * every state the order's position has it (held and voided orders too: a voided order's brand proceeds are the
     * brand's), so the sums are what the party's orders of the period put on its account.
     */
    private static void addMoney(StoredOrder order, SortedMap<Counter, Long> counts) {
        OrderState state = order.state();
        OrderPaid paid = state.payment().orElseThrow().paid();
        String hour = HOUR_PREFIX + hourOf(paid.occurredAt());
        String host = party(true, paid.hostId());
        String brand = party(false, state.payment().get().terms().brandId());
        OrderLedger.targetPosition(state).forEach((key, fen) -> {
            String owner = key.account().equals(com.alliance.ledger.Account.host(paid.hostId())) ? host
                    : key.account().equals(com.alliance.ledger.Account.brand(state.payment().get().terms().brandId())) ? brand
                    : null;
            if (owner != null) {
                switch (key.state()) {
                    case PENDING -> add(counts, counter(owner, hour, MONEY_PENDING_FEN), fen);
                    case HELD -> add(counts, counter(owner, hour, MONEY_HELD_FEN), fen);
                    case SETTLEABLE -> add(counts, counter(owner, hour, MONEY_SETTLEABLE_FEN), fen);
                    default -> {
                        // an order's own postings are never SETTLED or PAID_OUT: runs post those
                    }
                }
            }
        });
        RiskReview.Stage stage = order.review().stage();
        if (stage == RiskReview.Stage.CLASSIFY || stage == RiskReview.Stage.DECIDE) {
            add(counts, counter(host, hour, REVIEW_ORDERS), 1);
            add(counts, counter(brand, hour, REVIEW_ORDERS), 1);
        }
    }

    public static long nanosOf(Instant at) {
        return Math.addExact(Math.multiplyExact(at.getEpochSecond(), 1_000_000_000L), at.getNano());
    }

    public static Instant instantOfNanos(long nanos) {
        return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
    }

    private static void add(SortedMap<Counter, Long> counts, Counter counter, long value) {
        if (value != 0) {
            counts.merge(counter, value, Long::sum);
        }
    }

    /**
     * A party's distinct buyers. An hour item counts each buyer's counted orders exactly ({@code u:{hash}}, the 64-bit
     * hash of the buyer id in hex); once an item holds more than {@link #EXACT_UP_TO} buyers the fold moves them into
     * a HyperLogLog of {@link #REGISTERS} one-byte registers ({@code hll}, binary: about 3.3 % standard error), so a
     * flash sale's hour stays one small item. A period's buyers are the union of its hours': exact while every hour
     * is, else the sketch of them all. A sketch cannot forget: a buyer whose only order stops counting after their
     * hour became a sketch is still estimated in it.
     */
    public static final class BuyerSketch {

        public static final String PREFIX = "u:";
        public static final String SKETCH = "hll";
        /** An hour item keeps its buyers exact up to this many. */
        public static final int EXACT_UP_TO = 64;
        public static final int REGISTERS = 1024;
        private static final int INDEX_BITS = 10;

        private final byte[] registers;

        public BuyerSketch() {
            this.registers = new byte[REGISTERS];
        }

        /** A sketch from its stored bytes. */
        public static BuyerSketch of(byte[] stored) {
            if (stored.length != REGISTERS) {
                throw new IllegalArgumentException("a buyer sketch has " + REGISTERS + " registers, not " + stored.length);
            }
            BuyerSketch sketch = new BuyerSketch();
            System.arraycopy(stored, 0, sketch.registers, 0, REGISTERS);
            return sketch;
        }

        public byte[] bytes() {
            return registers.clone();
        }

        /** The counter name a buyer's counted order adds to. */
        public static String counterName(String buyerId) {
            return PREFIX + String.format("%016x", hash(buyerId));
        }

        /** Adds the buyer a {@link #counterName} names. */
        public void addCounterName(String name) {
            long hash = Long.parseUnsignedLong(name.substring(PREFIX.length()), 16);
            int register = (int) (hash >>> (64 - INDEX_BITS));
            int rank = Long.numberOfLeadingZeros(hash << INDEX_BITS | (1L << (INDEX_BITS - 1))) + 1;
            registers[register] = (byte) Math.max(registers[register], rank);
        }

        public void merge(BuyerSketch other) {
            for (int i = 0; i < REGISTERS; i++) {
                registers[i] = (byte) Math.max(registers[i], other.registers[i]);
            }
        }

        /** The estimate of distinct buyers, with the small-range (linear counting) correction. */
        public long estimate() {
            double sum = 0;
            int zeros = 0;
            for (byte value : registers) {
                sum += Math.pow(2, -value);
                if (value == 0) {
                    zeros++;
                }
            }
            double alpha = 0.7213 / (1 + 1.079 / REGISTERS);
            double raw = alpha * REGISTERS * REGISTERS / sum;
            if (raw <= 2.5 * REGISTERS && zeros > 0) {
                raw = REGISTERS * Math.log((double) REGISTERS / zeros);
            }
            return Math.round(raw);
        }

        /** FNV-1a 64 of the id, then a 64-bit finalizer (murmur3's), so every bit depends on every byte. */
        static long hash(String id) {
            long h = 0xcbf29ce484222325L;
            for (byte b : id.getBytes(StandardCharsets.UTF_8)) {
                h ^= b & 0xff;
                h *= 0x100000001b3L;
            }
            h ^= h >>> 33;
            h *= 0xff51afd7ed558ccdL;
            h ^= h >>> 33;
            h *= 0xc4ceb9fe1a85ec53L;
            h ^= h >>> 33;
            return h;
        }
    }
}
