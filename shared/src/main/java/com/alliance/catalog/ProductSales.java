package com.alliance.catalog;

/**
 * What a product has sold, as shown to everyone: orders and units of the orders that count as a sale
 * (paid, not cancelled, commission neither held nor voided; a released hold counts from its release), and how
 * many of those orders are still under review by the fake-order rules (they leave the count if held).
 */
public record ProductSales(long ordersCount, long unitsSold, long underReview) {
}
