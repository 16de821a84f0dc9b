package com.alliance.risk;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Decides which fake-order rules an order fires, each with its reason in words, from facts read through indexes
 * and the risk windows (see {@link FakeOrderScreen}). Pure: the same facts and settings give the same reasons.
 */
public final class FakeOrderRules {

    /**
     * What the deferred rules know about one order once its windows have closed. Counts include the order itself.
     *
     * @param buyerOrdersOfProduct the buyer's orders of this product in the 24 h up to this one
     * @param hostPaidOrders       the host's orders paid in the refund window (whole UTC days)
     * @param hostRefundedOrders   the host's orders whose first refund occurred in that window
     * @param room                 the live room the order came from: its window, audience and the host's usual
     * @param unitPriceFen         what the buyer paid per unit
     */
    public record Facts(String buyerId, String productId, int buyerOrdersOfProduct, long hostPaidOrders,
                        long hostRefundedOrders, LocalDate refundFrom, LocalDate refundTo, RoomFacts room,
                        long unitPriceFen) {
    }

    /**
     * The room window around an order ({@code orders.RiskWindows#around}) and what explains its buyers.
     *
     * @param classifiedOrders this host's orders of the product in the window, buyers classified
     * @param newBuyerOrders   of those, from first-time buyers (their first paid order within the hour before)
     * @param uv               viewers of the host's live sessions overlapping the window (private + public UV)
     * @param watchMinutes     their watch minutes
     * @param usualPaidOrders  the host's orders paid in the 30 whole days before the payment's day
     * @param usualUv          its sessions' viewers over those days
     * @param usualClassified  its classified orders over those days
     * @param usualNewBuyers   of those, from first-time buyers
     */
    public record RoomFacts(Instant from, Instant to, long classifiedOrders, long newBuyerOrders, long uv,
                            long watchMinutes, long usualPaidOrders, long usualUv, long usualClassified,
                            long usualNewBuyers) {
    }

    private FakeOrderRules() {
    }

    /** The rules a payment fires alone, if on: a host buying from itself, a product it never picked. */
    public static SortedMap<String, String> atPayment(String buyerId, String hostId, String productId, boolean picked,
                                                      RiskSettings settings) {
        SortedMap<String, String> fired = new TreeMap<>();
        if (buyerId.equals(hostId) && settings.enabled().contains(FakeOrderRule.SELF_PURCHASE)) {
            fired.put(FakeOrderRule.SELF_PURCHASE.name(), "the buyer is the selling host " + hostId);
        }
        if (!picked && settings.enabled().contains(FakeOrderRule.NOT_PICKED)) {
            fired.put(FakeOrderRule.NOT_PICKED.name(), "host " + hostId + " never picked product " + productId
                    + " into its showcase");
        }
        return Collections.unmodifiableSortedMap(fired);
    }

    /** The deferred rules an order fires, if on, once their windows have closed. */
    public static SortedMap<String, String> atReview(Facts facts, RiskSettings settings) {
        return atReview(facts, settings, settings.enabled().stream().map(FakeOrderRule::name)
                .collect(java.util.stream.Collectors.toSet()));
    }

    /** Those of {@code deciding} (codes) an order fires, if on, once their windows have closed. */
    public static SortedMap<String, String> atReview(Facts facts, RiskSettings settings, java.util.Set<String> deciding) {
        SortedMap<String, String> fired = new TreeMap<>();
        java.util.function.Predicate<FakeOrderRule> on = rule -> settings.enabled().contains(rule)
                && deciding.contains(rule.name());
        if (on.test(FakeOrderRule.REPEAT_BUYER) && facts.buyerOrdersOfProduct() > settings.repeatBuyerMax()) {
            fired.put(FakeOrderRule.REPEAT_BUYER.name(), "buyer " + facts.buyerId() + " paid for product "
                    + facts.productId() + " " + facts.buyerOrdersOfProduct() + " times within "
                    + settings.repeatWindow().toHours() + " h, more than " + settings.repeatBuyerMax());
        }
        if (on.test(FakeOrderRule.HIGH_REFUND_RATE) && facts.hostPaidOrders() >= settings.refundMinOrders()
                && facts.hostRefundedOrders() * 10_000 > (long) settings.refundRateBps() * facts.hostPaidOrders()) {
            fired.put(FakeOrderRule.HIGH_REFUND_RATE.name(), "the host refunded " + facts.hostRefundedOrders()
                    + " orders against " + facts.hostPaidOrders() + " paid from " + facts.refundFrom() + " to "
                    + facts.refundTo() + " (" + percent(facts.hostRefundedOrders() * 10_000 / facts.hostPaidOrders())
                    + ", above " + percent(settings.refundRateBps()) + ")");
        }
        if (on.test(FakeOrderRule.NEW_BUYER_BURST)) {
            burst(facts, settings).ifPresent(reason -> fired.put(FakeOrderRule.NEW_BUYER_BURST.name(), reason));
        }
        return Collections.unmodifiableSortedMap(fired);
    }

    /**
     * The burst rule: first-time buyers of the product in the room window, at least {@code burstMinOrders} of them
     * and at least the usual share of the window's orders, more than the room's audience explains at the conversion
     * the host may reach.
     */
    private static java.util.Optional<String> burst(Facts facts, RiskSettings settings) {
        RoomFacts room = facts.room();
        RiskSettings.Room s = settings.room();
        long fresh = room.newBuyerOrders();
        if (fresh < settings.burstMinOrders() || room.classifiedOrders() == 0) {
            return java.util.Optional.empty();
        }
        long audience = s.watchMinutesPerViewer() == 0 ? room.uv()
                : Math.min(room.uv(), room.watchMinutes() / s.watchMinutesPerViewer());
        long conversionBps = s.conversionBps();
        if (room.usualUv() > 0 && room.usualPaidOrders() >= s.usualMinOrders()) {
            long usualBps = room.usualPaidOrders() * 10_000 / room.usualUv();
            conversionBps = Math.max(conversionBps, Math.min(usualBps * s.usualMultiple(), s.conversionCapBps()));
        }
        if (facts.unitPriceFen() < s.impulsePriceFen()) {
            conversionBps = Math.min(10_000, conversionBps * 2);
        }
        long explained = audience * conversionBps / 10_000;
        long shareBps = fresh * 10_000 / room.classifiedOrders();
        long shareFloor = s.newShareBps();
        if (room.usualClassified() >= s.usualMinOrders()) {
            shareFloor = Math.min(10_000, Math.max(shareFloor, room.usualNewBuyers() * 10_000 / room.usualClassified()
                    + s.shareMarginBps()));
        }
        if (fresh <= explained || shareBps < shareFloor) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(fresh + " of " + room.classifiedOrders() + " orders of product " + facts.productId()
                + " from " + room.from() + " to " + room.to() + " came from first-time buyers (" + percent(shareBps)
                + ", at least " + percent(shareFloor) + "); the room's audience of " + audience + " (" + room.uv()
                + " UV, " + room.watchMinutes() + " watch minutes) explains at most " + explained + " at "
                + percent(conversionBps) + " conversion");
    }

    /** 3636 → "36.36%". */
    static String percent(long bps) {
        return bps / 100 + "." + String.format("%02d", bps % 100) + "%";
    }
}
