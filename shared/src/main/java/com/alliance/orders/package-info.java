/**
 * Turning {@code order-events} messages into ledger postings, with no I/O. A consumer, per message:
 * <ol>
 *   <li>{@link com.alliance.orders.OrderEventParser#parse} it; an
 *       {@link com.alliance.orders.InvalidEventException} is permanent (batch item failure, DLQ);</li>
 *   <li>load the order's {@link com.alliance.orders.OrderState} (or {@code OrderState.empty}) and the
 *       position of its postings ({@code Positions.of});</li>
 *   <li>merge the event: {@code applyPayment(paid, terms)} with terms resolved at the payment's
 *       occurredAt, or {@code apply(event)} for anything else;</li>
 *   <li>{@link com.alliance.orders.OrderLedger#postingsFor} the event, then write the postings, the new
 *       state (conditional on the old {@code version()}) and the processed marker together.</li>
 * </ol>
 */
package com.alliance.orders;
