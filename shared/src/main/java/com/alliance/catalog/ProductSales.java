package com.alliance.catalog;

/**
 * What a product has sold, as shown to everyone: orders and units of the orders that count as a sale
 * (paid, not cancelled, commission neither held nor voided; a released hold counts from its release).
 */
public record ProductSales(long ordersCount, long unitsSold) {
}
