package com.alliance.orderlists;

/**
 * Where the party's own money from one order stands, in the order it usually moves.
 *
 * <ul>
 *   <li>{@link #ESTIMATED}: the order's after-sale window runs; the amount may still fall with a refund.</li>
 *   <li>{@link #HELD}: a risk hold keeps the host's commission until an operator decides.</li>
 *   <li>{@link #SETTLEABLE}: the order matured; the next settlement run takes it.</li>
 *   <li>{@link #SETTLED}: a settlement run took it (its {@code runId}); the payout is owed.</li>
 *   <li>{@link #PAID_OUT}: the run's line of the party is paid.</li>
 *   <li>{@link #CLAWED_BACK}: it had become settleable and a refund took it back to nothing.</li>
 *   <li>{@link #NONE}: the order earns the party nothing: cancelled, refunded in full before it matured, or (for a
 *       host) voided by an operator.</li>
 * </ul>
 */
public enum CommissionState {
    ESTIMATED, HELD, SETTLEABLE, SETTLED, PAID_OUT, CLAWED_BACK, NONE
}
