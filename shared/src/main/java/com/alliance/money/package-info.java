/**
 * Money is {@code long} fen and rates are {@link com.alliance.money.Bps}; no fractional types touch money.
 * Rounding is half-even ({@link com.alliance.money.Money#percentOf}); splits are exact
 * ({@link com.alliance.money.ProRata}), with leftover fen going by largest remainder, then party order.
 */
package com.alliance.money;
