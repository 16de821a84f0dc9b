/**
 * What a host and a brand see of their orders: the order lists with each order's commission and where that money
 * is now, their period summaries, and the CSV export. Owns the list's rows ({@link com.alliance.orderlists.OrderRows},
 * pure), its query rules ({@link com.alliance.orderlists.OrderListQuery}), the reads of the sharded list indexes
 * ({@link com.alliance.orderlists.OrderListRepository}) and the flagged-order items the orders stream keeps
 * ({@link com.alliance.orderlists.OrderFlagsFold}). May use orders, ledger, settlement, catalog, hosts, brands and
 * parties; nothing there uses it.
 */
package com.alliance.orderlists;
