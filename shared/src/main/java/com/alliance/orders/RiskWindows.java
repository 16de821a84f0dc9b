package com.alliance.orders;

import com.alliance.orders.OrderCounts.Counter;
import com.alliance.orders.OrderCounts.Scope;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The time buckets the fake-order rules read instead of a host's whole order history: a host's paid and
 * refunded orders per UTC day ({@link Scope#HOST_DAY}), and its orders of one product from new buyers per
 * {@link #SLOT} ({@link Scope#HOST_PRODUCT_SLOT}). They are running counts like any other, folded from the
 * orders table's stream ({@link OrderCounts#of(StoredOrder)}), so a payment reads a fixed number of small
 * items however many orders the host has sold: 31 days for a 30-day refund window, 7 slots for an hour's
 * burst. A window is thus counted in whole buckets: the days from the one the window starts in to the
 * payment's own, the slots likewise.
 */
public final class RiskWindows {

    /** The burst buckets' width. */
    public static final Duration SLOT = Duration.ofMinutes(10);

    private static final char SEPARATOR = '@';

    private RiskWindows() {
    }

    /** The day bucket of the host's orders paid at {@code at}. */
    public static Counter day(String hostId, Instant at, String name) {
        return new Counter(Scope.HOST_DAY, hostId + SEPARATOR + LocalDate.ofInstant(at, ZoneOffset.UTC), name);
    }

    /** The slot bucket of the host's orders of {@code productId} paid at {@code at}. */
    public static Counter slot(String hostId, String productId, Instant at, String name) {
        return new Counter(Scope.HOST_PRODUCT_SLOT, hostId + SEPARATOR + productId + SEPARATOR + slotStart(at), name);
    }

    /** The day buckets covering [{@code at − window}, {@code at}], oldest first. */
    public static List<Counter> days(String hostId, Instant at, Duration window, String name) {
        List<Counter> days = new ArrayList<>();
        for (LocalDate d = LocalDate.ofInstant(at.minus(window), ZoneOffset.UTC);
             !d.isAfter(LocalDate.ofInstant(at, ZoneOffset.UTC)); d = d.plusDays(1)) {
            days.add(new Counter(Scope.HOST_DAY, hostId + SEPARATOR + d, name));
        }
        return days;
    }

    /** The slot buckets covering [{@code at − window}, {@code at}], oldest first. */
    public static List<Counter> slots(String hostId, String productId, Instant at, Duration window, String name) {
        List<Counter> slots = new ArrayList<>();
        for (Instant s = slotStart(at.minus(window)); !s.isAfter(at); s = s.plus(SLOT)) {
            slots.add(new Counter(Scope.HOST_PRODUCT_SLOT, hostId + SEPARATOR + productId + SEPARATOR + s, name));
        }
        return slots;
    }

    /**
     * The slot buckets of the room window around {@code at}: from {@code window} before the start of its slot to
     * {@code window} after it, whole slots (13 for an hour either side), oldest first. Every order of one slot
     * is weighed in the same window.
     */
    public static List<Counter> around(String hostId, String productId, Instant at, Duration window, String name) {
        List<Counter> slots = new ArrayList<>();
        for (Instant s = windowStart(at, window); s.isBefore(windowEnd(at, window)); s = s.plus(SLOT)) {
            slots.add(new Counter(Scope.HOST_PRODUCT_SLOT, hostId + SEPARATOR + productId + SEPARATOR + s, name));
        }
        return slots;
    }

    /** Where the room window around {@code at} starts: {@code window} before the start of its slot. */
    public static Instant windowStart(Instant at, Duration window) {
        return slotStart(slotStart(at).minus(window));
    }

    /** Where the room window around {@code at} ends (exclusive): {@code window} after the end of its slot. */
    public static Instant windowEnd(Instant at, Duration window) {
        return slotStart(slotStart(at).plus(window)).plus(SLOT);
    }

    /** The day buckets of the {@code days} whole UTC days before the one {@code at} is in, oldest first. */
    public static List<Counter> daysBefore(String hostId, Instant at, int days, String name) {
        List<Counter> buckets = new ArrayList<>();
        LocalDate day = LocalDate.ofInstant(at, ZoneOffset.UTC);
        for (LocalDate d = day.minusDays(days); d.isBefore(day); d = d.plusDays(1)) {
            buckets.add(new Counter(Scope.HOST_DAY, hostId + SEPARATOR + d, name));
        }
        return buckets;
    }

    /** The end (exclusive) of the UTC day {@code at} is in. */
    public static Instant endOfDay(Instant at) {
        return LocalDate.ofInstant(at, ZoneOffset.UTC).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    private static Instant slotStart(Instant at) {
        long width = SLOT.getSeconds();
        return Instant.ofEpochSecond(Math.floorDiv(at.getEpochSecond(), width) * width);
    }

    /** The host an id of either bucket scope belongs to. */
    static String hostOf(String id) {
        return id.substring(0, id.indexOf(SEPARATOR));
    }

    /** The sort key under {@code HOST#{hostId}} (orders table) that a bucket's id names. */
    static String sortKeyOf(Scope scope, String id) {
        String rest = id.substring(id.indexOf(SEPARATOR) + 1);
        return switch (scope) {
            case HOST_DAY -> "RISKDAY#" + rest;
            case HOST_PRODUCT_SLOT -> "BURST#" + rest.replace(SEPARATOR, '#');
            default -> throw new IllegalArgumentException(scope + " is not a risk window");
        };
    }
}
