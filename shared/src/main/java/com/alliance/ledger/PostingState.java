package com.alliance.ledger;

/**
 * Where an amount stands on its way to being paid. Moving an amount from one state to another is
 * itself a balanced pair of postings on the same account, never an update in place.
 */
public enum PostingState {
    /** From payment until the after-sale window after receipt has passed. */
    PENDING,
    /** Under a risk hold: not settleable until an operator releases it, or reversed if voided. */
    HELD,
    /** The after-sale window has passed; the next settlement run picks it up. */
    SETTLEABLE,
    /** Included in an approved settlement run, not yet paid. */
    SETTLED,
    /** Finance has recorded the payment. */
    PAID_OUT
}
