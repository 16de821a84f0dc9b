package com.alliance.orders;

/** Other writers kept changing the order: the message should be delivered again later. */
public class ConcurrentOrderUpdateException extends RuntimeException {

    public ConcurrentOrderUpdateException(String orderId, int attempts) {
        super("order " + orderId + " changed under " + attempts + " attempts in a row");
    }
}
