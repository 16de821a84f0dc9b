package com.alliance.settlement;

/**
 * Where a settlement run stands.
 *
 * <pre>
 *   BUILDING ──► DRAFT ──approve──► APPROVED ──payouts (all lines)──► PAID
 *                  │
 *                  └──cancel──► CANCELLING ──(every line released)──► CANCELLED
 * </pre>
 */
public enum RunStatus {
    /** Lines are being claimed; a request or the settlement job finishes it. */
    BUILDING,
    /** Every line claimed; finance reviews it, then approves or cancels. */
    DRAFT,
    /** Approved for payment; finance records payment references line by line. */
    APPROVED,
    /** Every line paid. */
    PAID,
    /** Cancelled while DRAFT; its lines are being released back to settleable. */
    CANCELLING,
    /** Every line released: the next run claims the amounts again. */
    CANCELLED
}
