package com.alliance.orders;

import java.time.Instant;

/**
 * Audience figures of one live session of a host, for GMV analytics; it moves no money. A session may be
 * reported more than once (figures so far while it runs, then the final ones, or a correction): the
 * session is known by its host, start and id, and the report that {@link #supersedes} every other is kept.
 */
public record LiveSessionStats(
        String eventId,
        String orderId,
        Instant occurredAt,
        String hostId,
        String sessionId,
        long privateUv,
        long publicUv,
        long watchMinutes,
        Instant startedAt,
        Instant endedAt) implements OrderEvent {

    public LiveSessionStats {
        Require.common(eventId, orderId, occurredAt);
        Require.nonBlank(hostId, "hostId");
        Require.nonBlank(sessionId, "sessionId");
        Require.nonNegative(privateUv, "privateUv");
        Require.nonNegative(publicUv, "publicUv");
        Require.nonNegative(watchMinutes, "watchMinutes");
        Require.present(startedAt, "startedAt");
        Require.present(endedAt, "endedAt");
        if (endedAt.isBefore(startedAt)) {
            throw new IllegalArgumentException("endedAt " + endedAt + " is before startedAt " + startedAt);
        }
    }

    /**
     * Whether this report replaces {@code other} of the same session: the one reported up to the later
     * {@code endedAt} wins, then the later {@code occurredAt}, then the greater event id. A total order, so
     * whatever order the reports arrive in, the same one is kept; a report never supersedes itself.
     */
    public boolean supersedes(LiveSessionStats other) {
        int byEnd = endedAt.compareTo(other.endedAt);
        if (byEnd != 0) {
            return byEnd > 0;
        }
        int byReport = occurredAt.compareTo(other.occurredAt);
        return byReport != 0 ? byReport > 0 : eventId.compareTo(other.eventId) > 0;
    }

    @Override
    public OrderEventType type() {
        return OrderEventType.LIVE_SESSION_STATS;
    }
}
