package com.alliance.orders;

/** Commission terms that, applied to an order, would charge more than the buyer paid. */
public final class ChargesExceedPaidException extends IllegalArgumentException {

    public ChargesExceedPaidException(long paidFen, long chargedFen) {
        super("commission terms charge " + chargedFen + " fen of an order paid " + paidFen + " fen");
    }
}
