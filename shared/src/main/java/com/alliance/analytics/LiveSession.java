package com.alliance.analytics;

import java.time.Instant;

/** One live session's audience as its LIVE_SESSION_STATS event reported it. */
public record LiveSession(String hostId, String sessionId, long privateUv, long publicUv, long watchMinutes,
                          Instant startedAt, Instant endedAt) {
}
