package com.alliance.ledger;

import java.util.Objects;

/**
 * One line of the append-only ledger: an amount credited or debited to one account in one state.
 *
 * @param postingId {@code eventId + "#" + index}: derived from the event, so a retried event writes the
 *                  same ids and a conditional write turns the retry into a no-op
 * @param orderId   the order the money belongs to
 * @param eventId   the event that caused it
 * @param account   the account posted to
 * @param amountFen signed, never zero: positive credits the holder (owed to them), negative debits
 * @param state     the state of the amount, see {@link PostingState}
 * @param reason    why, for statements, e.g. "host commission: order paid"
 */
public record Posting(
        String postingId,
        String orderId,
        String eventId,
        Account account,
        long amountFen,
        PostingState state,
        String reason) {

    public Posting {
        requireNonBlank(orderId, "orderId");
        requireNonBlank(eventId, "eventId");
        requireNonBlank(reason, "reason");
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(state, "state");
        if (postingId == null || !postingId.startsWith(eventId + "#")
                || !postingId.substring(eventId.length() + 1).matches("0|[1-9][0-9]{0,8}")) {
            throw new IllegalArgumentException("postingId must be eventId#index, was " + postingId);
        }
        if (amountFen == 0) {
            throw new IllegalArgumentException("a posting moves money: amountFen must not be 0");
        }
    }

    public static String idOf(String eventId, int index) {
        return eventId + "#" + index;
    }

    public PositionKey key() {
        return PositionKey.of(account, state);
    }

    private static void requireNonBlank(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }
}
