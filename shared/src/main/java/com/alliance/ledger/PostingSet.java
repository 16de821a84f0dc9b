package com.alliance.ledger;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The postings one event causes, written together or not at all. Always balanced: the amounts sum to
 * exactly zero, so every fen credited to someone is debited from someone else.
 *
 * <p>Empty when the event changes no money; the caller still records the event as processed.
 */
public record PostingSet(String eventId, String orderId, List<Posting> postings) {

    public PostingSet {
        if (eventId == null || eventId.isBlank() || orderId == null || orderId.isBlank()) {
            throw new IllegalArgumentException("a posting set needs its eventId and orderId");
        }
        postings = List.copyOf(postings);
        long sum = 0;
        Set<PositionKey> keys = new HashSet<>();
        for (int i = 0; i < postings.size(); i++) {
            Posting posting = postings.get(i);
            if (!posting.eventId().equals(eventId) || !posting.orderId().equals(orderId)) {
                throw new IllegalArgumentException("posting " + posting.postingId()
                        + " belongs to another event or order than " + eventId + " / " + orderId);
            }
            if (!posting.postingId().equals(Posting.idOf(eventId, i))) {
                throw new IllegalArgumentException("postings must be numbered " + eventId + "#0.. in order, found "
                        + posting.postingId() + " at " + i);
            }
            if (!keys.add(posting.key())) {
                throw new IllegalArgumentException("two postings of " + eventId + " to " + posting.key());
            }
            sum = Math.addExact(sum, posting.amountFen());
        }
        if (sum != 0) {
            throw new UnbalancedPostingsException(eventId, sum);
        }
    }

    public static PostingSet empty(String eventId, String orderId) {
        return new PostingSet(eventId, orderId, List.of());
    }

    public boolean isEmpty() {
        return postings.isEmpty();
    }
}
