package com.alliance.orders;

import com.alliance.json.Period;
import com.alliance.orders.OrderCounts.Counter;
import com.alliance.orders.OrderCounts.Scope;
import com.alliance.persistence.SortableTime;
import com.alliance.persistence.WriteShards;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;

/**
 * The aggregates the SLA route and the GMV reports read instead of every order of their period: running counts
 * ({@link Scope#REPORT}) folded from the orders table's stream like the risk windows, one item per party and
 * China Standard Time day (the day a period's dates mean), plus two sparse per-order families the SLA needs.
 * A report then reads a number of items that grows with its days, its hosts and its violations, not its orders.
 *
 * <table>
 *   <caption>Items (orders table)</caption>
 *   <tr><th>pk / sk</th><th>counters</th></tr>
 *   <tr><td>{@code HOST#{h}} and {@code BRAND#{b}} / {@code GMVDAY#{day}} (day of payment)</td><td>{@code paidFen},
 *       {@code refundedFen}, {@code orders} of the counted orders (paid, not cancelled, not refunded in full, not
 *       held or voided); {@code heldOrders}, {@code heldGmvFen} (net) of the held or voided ones; {@code hll:{j}:{r}}
 *       counted orders whose buyer falls in register j with rank r (the buyer estimate, {@link BuyerSketch}); a
 *       brand's also {@code host:{hostId}}, counted orders its host sold</td></tr>
 *   <tr><td>{@code GMVBUYERS#HOST#{h}#{0..15}} and {@code GMVBUYERS#BRAND#{b}#{0..15}} / {@code {day}#{buyerId}}
 *       (shard of the buyer)</td><td>{@code orders}: the buyer's counted orders of the party that day</td></tr>
 *   <tr><td>{@code HOST#{h}} / {@code LIVEDAY#{day}} (day the session started)</td><td>{@code sessions},
 *       {@code privateUv}, {@code publicUv}, {@code watchMinutes} of the kept report of each session</td></tr>
 *   <tr><td>{@code BRAND#{b}} / {@code SLADAY#{day}} (day of payment)</td><td>{@code kept}, {@code missed},
 *       {@code none}: its orders in those promise states; {@code open:{hour}}: its open promises by the UTC hour
 *       they fall due in</td></tr>
 *   <tr><td>{@code SLADUE#{b}#{0..15}} / {@code {promise}#{paidAt}#{orderId}} (shard of the order)</td><td>{@code
 *       open}: 1 while the order's promise is open (read only for the hour now is in); at 0 the fold sets
 *       {@code expiresAt} and TTL deletes it</td></tr>
 *   <tr><td>{@code SLAVIOL#{b}#{0..15}} / {@code {paidAt}#{orderId}#{promise}}</td><td>{@code violations} 1,
 *       {@code paidFen}, {@code compensationFen}, {@code shippedAt} (epoch nanoseconds, 0 when unshipped)</td></tr>
 * </table>
 *
 * <p>An order of the SLA is in exactly one place: {@code kept}/{@code missed}/{@code none}/{@code open:{hour}} of
 * its day, or a violation item. A counter id of this scope is {@code {pk}@{sk}}: party ids never hold {@code @}.
 */
public final class ReportDays {

    public static final String PAID_FEN = "paidFen";
    public static final String REFUNDED_FEN = "refundedFen";
    public static final String ORDERS = "orders";
    public static final String HELD_ORDERS = "heldOrders";
    public static final String HELD_GMV_FEN = "heldGmvFen";
    public static final String HOST_PREFIX = "host:";
    public static final String SESSIONS = "sessions";
    public static final String PRIVATE_UV = "privateUv";
    public static final String PUBLIC_UV = "publicUv";
    public static final String WATCH_MINUTES = "watchMinutes";
    public static final String KEPT = "kept";
    public static final String MISSED = "missed";
    public static final String NONE = "none";
    public static final String OPEN = "open";
    /** SLADAY: {@code open:{hour}} open promises paid that day falling due in that UTC hour. */
    public static final String OPEN_PREFIX = "open:";
    public static final String VIOLATIONS = "violations";
    public static final String COMPENSATION_FEN = "compensationFen";
    public static final String SHIPPED_AT = "shippedAt";

    /** Shards of the per-buyer and per-order families: a flash sale writes them once per order. */
    public static final int SHARDS = 16;

    private static final char SEPARATOR = '@';

    private ReportDays() {
    }

    /** The China Standard Time day of an instant: the day a period's dates mean. */
    public static LocalDate dayOf(Instant at) {
        return LocalDate.ofInstant(at, Period.DAY_ZONE);
    }

    /** A stretch of a period that is not whole days: read from the orders (and sessions) themselves. */
    public record Span(Instant from, Instant to) {
    }

    /**
     * A period cut into whole China Standard Time days, read from the day aggregates, and the partial days at
     * its edges (at most two spans, each shorter than a day), read from the orders themselves.
     *
     * @param firstDay the first whole day, empty when the period holds none
     */
    public record Split(Optional<LocalDate> firstDay, Optional<LocalDate> lastDay, java.util.List<Span> edges) {

        /** The start of the whole days (inclusive), or empty. */
        public Optional<Instant> wholeFrom() {
            return firstDay.map(day -> day.atStartOfDay(Period.DAY_ZONE).toInstant());
        }

        /** The end of the whole days (exclusive), or empty. */
        public Optional<Instant> wholeTo() {
            return lastDay.map(day -> day.plusDays(1).atStartOfDay(Period.DAY_ZONE).toInstant());
        }
    }

    /** Splits [from, to) into its whole days and its partial edges. */
    public static Split split(Instant from, Instant to) {
        Instant fromDayStart = dayOf(from).atStartOfDay(Period.DAY_ZONE).toInstant();
        Instant firstStart = fromDayStart.equals(from) ? from : dayOf(from).plusDays(1).atStartOfDay(Period.DAY_ZONE).toInstant();
        Instant lastEnd = dayOf(to).atStartOfDay(Period.DAY_ZONE).toInstant();
        if (!firstStart.isBefore(lastEnd)) {
            return new Split(Optional.empty(), Optional.empty(), java.util.List.of(new Span(from, to)));
        }
        java.util.List<Span> edges = new java.util.ArrayList<>();
        if (from.isBefore(firstStart)) {
            edges.add(new Span(from, firstStart));
        }
        if (lastEnd.isBefore(to)) {
            edges.add(new Span(lastEnd, to));
        }
        return new Split(Optional.of(dayOf(firstStart)), Optional.of(dayOf(lastEnd).minusDays(1)), edges);
    }

    /** {@code HOST#{h}} or {@code BRAND#{b}}. */
    public static String party(boolean host, String id) {
        return (host ? "HOST#" : "BRAND#") + id;
    }

    public static String gmvDay(LocalDate day) {
        return "GMVDAY#" + day;
    }

    public static String liveDay(LocalDate day) {
        return "LIVEDAY#" + day;
    }

    public static String slaDay(LocalDate day) {
        return "SLADAY#" + day;
    }

    public static String buyersPartition(boolean host, String id, int shard) {
        return "GMVBUYERS#" + party(host, id) + "#" + shard;
    }

    public static String duePartition(String brandId, int shard) {
        return "SLADUE#" + brandId + "#" + shard;
    }

    /** {@code {promise}#{paidAt}#{orderId}}: an open promise by when it falls due. */
    public static String dueSortKey(Instant promise, Instant paidAt, String orderId) {
        return SortableTime.of(promise) + "#" + SortableTime.of(paidAt) + "#" + orderId;
    }

    /** The UTC hour a promise falls due in, as the name of its {@code open:} counter. */
    public static String openCounter(Instant promise) {
        return OPEN_PREFIX + promise.truncatedTo(java.time.temporal.ChronoUnit.HOURS);
    }

    public static String violationPartition(String brandId, int shard) {
        return "SLAVIOL#" + brandId + "#" + shard;
    }

    /** {@code {paidAt}#{orderId}#{promise}}: in payment order, as the brand's paid-orders index. */
    public static String promiseSortKey(Instant paidAt, String orderId, Instant promise) {
        return SortableTime.of(paidAt) + "#" + orderId + "#" + SortableTime.of(promise);
    }

    /** The order id in a {@link #promiseSortKey}. */
    public static String orderIdOf(String sortKey) {
        return sortKey.substring(sortKey.indexOf('#') + 1, sortKey.lastIndexOf('#'));
    }

    static Counter counter(String pk, String sk, String name) {
        return new Counter(Scope.REPORT, pk + SEPARATOR + sk, name);
    }

    /** The table key of a {@link Scope#REPORT} counter id. */
    static String partitionOf(String id) {
        return id.substring(0, id.indexOf(SEPARATOR));
    }

    static String sortKeyOf(String id) {
        return id.substring(id.indexOf(SEPARATOR) + 1);
    }

    /**
     * The group a report counter is written in: 0 for the few fixed counters, 1–16 for the buyer sketch's
     * registers (8 registers each), 17–32 for a brand's selling hosts (by hash): at most a few hundred names each.
     */
    static int groupOf(String name) {
        if (name.startsWith(BuyerSketch.PREFIX)) {
            int register = Integer.parseInt(name.substring(BuyerSketch.PREFIX.length(), name.indexOf(':', BuyerSketch.PREFIX.length())));
            return 1 + register % 16;
        }
        if (name.startsWith(HOST_PREFIX)) {
            return 17 + Math.floorMod(name.hashCode(), 16);
        }
        return 0;
    }

    /** Whether the id names an SLA due item: the fold lets TTL remove it once it is 0. */
    static boolean isOpenItem(String id) {
        return id.startsWith("SLADUE#");
    }

    /** What a stored order adds to the report aggregates (into {@code counts}). */
    static void addOrder(StoredOrder order, SortedMap<Counter, Long> counts) {
        OrderState state = order.state();
        if (state.payment().isEmpty()) {
            return;
        }
        OrderPaid paid = state.payment().get().paid();
        String brandId = state.payment().get().terms().brandId();
        Instant paidAt = paid.occurredAt();
        LocalDate day = dayOf(paidAt);
        long net = paid.paidFen() - state.refundedFen();
        if (!state.isCancelled() && net > 0) {
            for (boolean host : new boolean[] {true, false}) {
                String party = party(host, host ? paid.hostId() : brandId);
                if (state.held() || state.voided()) {
                    add(counts, counter(party, gmvDay(day), HELD_ORDERS), 1);
                    add(counts, counter(party, gmvDay(day), HELD_GMV_FEN), net);
                    continue;
                }
                add(counts, counter(party, gmvDay(day), ORDERS), 1);
                add(counts, counter(party, gmvDay(day), PAID_FEN), paid.paidFen());
                add(counts, counter(party, gmvDay(day), REFUNDED_FEN), state.refundedFen());
                add(counts, counter(party, gmvDay(day), BuyerSketch.counterName(paid.buyerId())), 1);
                add(counts, counter(buyersPartition(host, host ? paid.hostId() : brandId,
                        WriteShards.of(paid.buyerId(), SHARDS)), day + "#" + paid.buyerId(), ORDERS), 1);
                if (!host) {
                    add(counts, counter(party, gmvDay(day), HOST_PREFIX + paid.hostId()), 1);
                }
            }
        }
        Optional<Instant> promise = ShippingPromise.promise(state);
        if (promise.isEmpty()) {
            return;
        }
        int shard = WriteShards.of(state.orderId(), SHARDS);
        String perOrder = promiseSortKey(paidAt, state.orderId(), promise.get());
        String brand = party(false, brandId);
        switch (ShippingPromise.status(state)) {
            case KEPT -> add(counts, counter(brand, slaDay(day), KEPT), 1);
            case MISSED -> add(counts, counter(brand, slaDay(day), MISSED), 1);
            case NONE -> add(counts, counter(brand, slaDay(day), NONE), 1);
            case OPEN -> {
                add(counts, counter(brand, slaDay(day), openCounter(promise.get())), 1);
                add(counts, counter(duePartition(brandId, shard), dueSortKey(promise.get(), paidAt, state.orderId()), OPEN), 1);
            }
            case VIOLATION -> {
                String pk = violationPartition(brandId, shard);
                add(counts, counter(pk, perOrder, VIOLATIONS), 1);
                add(counts, counter(pk, perOrder, PAID_FEN), paid.paidFen());
                add(counts, counter(pk, perOrder, COMPENSATION_FEN), state.late().orElseThrow().compensationFen());
                ShippingPromise.shippedAt(state).ifPresent(at -> add(counts, counter(pk, perOrder, SHIPPED_AT), nanosOf(at)));
            }
        }
    }

    /** What a live session's kept report adds to its host's day. */
    static void addSession(LiveSessionStats session, SortedMap<Counter, Long> counts) {
        String pk = party(true, session.hostId());
        String sk = liveDay(dayOf(session.startedAt()));
        add(counts, counter(pk, sk, SESSIONS), 1);
        add(counts, counter(pk, sk, PRIVATE_UV), session.privateUv());
        add(counts, counter(pk, sk, PUBLIC_UV), session.publicUv());
        add(counts, counter(pk, sk, WATCH_MINUTES), session.watchMinutes());
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
     * A HyperLogLog of a party's buyers whose registers can also forget: the day item counts, per register and
     * rank, the counted orders whose buyer hashes there ({@code hll:{j}:{r}}), so a refund or a hold takes its
     * order out again, and a register's value is its highest rank with a count above 0. {@link #REGISTERS}
     * registers: a standard error of about 1.04 / √128 ≈ 9 %.
     */
    public static final class BuyerSketch {

        public static final int REGISTERS = 128;
        private static final int INDEX_BITS = 7;
        public static final String PREFIX = "hll:";

        private final int[] registers = new int[REGISTERS];

        /** The counter name a buyer's order adds to. */
        public static String counterName(String buyerId) {
            long hash = hash(buyerId);
            int register = (int) (hash >>> (64 - INDEX_BITS));
            int rank = Long.numberOfLeadingZeros(hash << INDEX_BITS | (1L << (INDEX_BITS - 1))) + 1;
            return PREFIX + register + ":" + rank;
        }

        /** Adds one day item's counter, if it is a sketch counter above 0. */
        public void addCounter(String name, long count) {
            if (!name.startsWith(PREFIX) || count <= 0) {
                return;
            }
            int colon = name.indexOf(':', PREFIX.length());
            int register = Integer.parseInt(name.substring(PREFIX.length(), colon));
            int rank = Integer.parseInt(name.substring(colon + 1));
            registers[register] = Math.max(registers[register], rank);
        }

        public void addBuyer(String buyerId) {
            addCounter(counterName(buyerId), 1);
        }

        /** The estimate of distinct buyers, with the small-range (linear counting) correction. */
        public long estimate() {
            double sum = 0;
            int zeros = 0;
            for (int value : registers) {
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
