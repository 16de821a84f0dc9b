package com.alliance.ledger;

/**
 * Ids of the events the marketplace causes itself (maturation, settlement claims, releases, payouts).
 * They live under a prefix producers may not use, so a producer's event can never collide with one,
 * and each is derived from what it acts on, so a retry finds the first attempt's marker or postings.
 */
public final class SystemEvents {

    /** Producers' event ids must not start with this. */
    public static final String PREFIX = "alliance:";

    private static final String CLAIM = PREFIX + "claim:";
    private static final String RELEASE = PREFIX + "release:";
    private static final String PAYOUT = PREFIX + "payout:";

    private SystemEvents() {
    }

    public static boolean isReserved(String eventId) {
        return eventId.startsWith(PREFIX);
    }

    /** The maturation of an order: one per order, ever. */
    public static String maturation(String orderId) {
        return PREFIX + "mature:" + orderId;
    }

    /** An operator's decision (release or void) on a risk-held order: one per order, ever. */
    public static String riskDecision(String orderId) {
        return PREFIX + "risk:" + orderId;
    }

    /** The fake-order rules' deferred review of an order, once its windows have closed: one per order, ever. */
    public static String riskReview(String orderId) {
        return PREFIX + "review:" + orderId;
    }

    /** A late shipment of an order: one violation and one buyer compensation per order, ever. */
    public static String lateShipment(String orderId) {
        return PREFIX + "late:" + orderId;
    }

    /** A settlement run claiming a payee's settleable postings: moves them to SETTLED. */
    public static String claim(String runId, String party) {
        return CLAIM + runId + ":" + party;
    }

    /** A cancelled run giving a payee's claimed amount back to SETTLEABLE, for the next run to claim. */
    public static String release(String runId, String party) {
        return RELEASE + runId + ":" + party;
    }

    /** Finance recorded the payment of a run line: SETTLED becomes PAID_OUT. */
    public static String payout(String runId, String party) {
        return PAYOUT + runId + ":" + party;
    }

    /** Whether an event is a settlement run's own: a claim, a release or a payout of one of its lines. */
    public static boolean isRunEvent(String eventId) {
        return eventId.startsWith(CLAIM) || eventId.startsWith(RELEASE) || eventId.startsWith(PAYOUT);
    }

    /** Whether a posting's event is a run's claim, whose SETTLEABLE leg a later run must never claim again. */
    public static boolean isClaim(String eventId) {
        return eventId.startsWith(CLAIM);
    }
}
