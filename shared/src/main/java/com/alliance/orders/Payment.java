package com.alliance.orders;

import java.util.Comparator;
import java.util.Objects;

/**
 * An order's payment with the commission terms resolved for it. Constructing one checks that the terms
 * can split the amount paid.
 */
public record Payment(OrderPaid paid, CommissionTerms terms) {

    /** Earliest first; the tie-break on event id makes the order total. */
    static final Comparator<Payment> EARLIEST_FIRST = Comparator
            .comparing((Payment payment) -> payment.paid().occurredAt())
            .thenComparing(payment -> payment.paid().eventId());

    public Payment {
        Objects.requireNonNull(paid, "paid");
        Objects.requireNonNull(terms, "terms");
        terms.leadId().ifPresent(lead -> {
            if (!paid.activityLeadId().equals(terms.leadId())) {
                throw new IllegalArgumentException("terms pay lead " + lead + " but the order came through "
                        + paid.activityLeadId().orElse("no lead"));
            }
        });
        CommissionSplit.of(paid.paidFen(), terms);
    }

    public CommissionSplit split() {
        return CommissionSplit.of(paid.paidFen(), terms);
    }
}
