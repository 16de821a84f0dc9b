package com.alliance.orders;

import java.time.Instant;

/** Audience figures of one live session of a host, for GMV analytics; it moves no money. */
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

    @Override
    public OrderEventType type() {
        return OrderEventType.LIVE_SESSION_STATS;
    }
}
