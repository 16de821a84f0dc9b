package com.alliance.orders;

/**
 * One paid order as period reports need it: the leg, GMV net of refunds (0 when cancelled) and the
 * platform sales fee its postings carry; held orders are reported apart.
 */
public record PaidOrderSummary(String orderId, Leg leg, long netGmvFen, long salesFeeFen, boolean held) {
}
