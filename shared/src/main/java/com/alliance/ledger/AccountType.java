package com.alliance.ledger;

/**
 * The chart of accounts. Every posting is to one account of one of these types, held by one party.
 * A positive amount is a credit: money the ledger owes to the account's holder; a negative amount is a
 * debit. The postings of one event always sum to zero.
 *
 * <table>
 *   <caption>Chart of accounts</caption>
 *   <tr><th>Type</th><th>Party</th><th>Holds</th><th>Normal sign</th></tr>
 *   <tr><td>ORDER_CLEARING</td><td>order id</td><td>buyer money received for the order, net of
 *       refunds; the offset of every share of that order</td><td>debit (−)</td></tr>
 *   <tr><td>BRAND</td><td>brand id</td><td>brand payable: paid minus everything charged to the
 *       brand</td><td>credit (+)</td></tr>
 *   <tr><td>HOST</td><td>host id</td><td>host commission payable, after the platform's technical
 *       service fee</td><td>credit (+)</td></tr>
 *   <tr><td>LEAD</td><td>activity lead id</td><td>activity lead fee payable, after the platform's
 *       technical service fee</td><td>credit (+)</td></tr>
 *   <tr><td>PLATFORM_SALES_FEE</td><td>{@value Account#PLATFORM}</td><td>platform revenue: sales fee
 *       on every order</td><td>credit (+)</td></tr>
 *   <tr><td>PLATFORM_SERVICE_FEE</td><td>{@value Account#PLATFORM}</td><td>platform revenue:
 *       technical service fee taken from host commission and lead fees</td><td>credit (+)</td></tr>
 *   <tr><td>BUYER_COMPENSATION</td><td>buyer id</td><td>compensation owed to a buyer for a late
 *       shipment, charged to the brand: posted with the order's late-shipment violation
 *       ({@code alliance:late:{orderId}}), PENDING or SETTLEABLE with the brand's share; refunded to the
 *       buyer, never settled</td><td>credit (+)</td></tr>
 *   <tr><td>JBP_REBATE</td><td>brand id</td><td>rebate of platform fees under a JBP agreement,
 *       posted when a period closes (`JbpCloseJob`)</td><td>credit (+)</td></tr>
 * </table>
 */
public enum AccountType {
    ORDER_CLEARING,
    BRAND,
    HOST,
    LEAD,
    PLATFORM_SALES_FEE,
    PLATFORM_SERVICE_FEE,
    BUYER_COMPENSATION,
    JBP_REBATE;

    /**
     * Whether settlement runs pay out this account's settleable balance to its holder: brands (their
     * proceeds and JBP rebates), hosts and activity leads. Platform revenue stays with the platform,
     * an order's clearing account is no one's, and buyer compensation is refunded to buyers, not settled.
     */
    public boolean isPayee() {
        return this == BRAND || this == HOST || this == LEAD || this == JBP_REBATE;
    }

    /** Whether the platform itself holds the one account of this type. */
    public boolean isPlatformRevenue() {
        return this == PLATFORM_SALES_FEE || this == PLATFORM_SERVICE_FEE;
    }
}
