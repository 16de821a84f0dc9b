package com.alliance.analytics;

import com.alliance.orders.LiveSessionStats;
import com.alliance.orders.ReportHours;
import com.alliance.persistence.SortableTime;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Which live sessions are a brand's audience: a session of a host reaches a brand when the host took an order of
 * the brand's goods in an hour the session ran in, whatever became of the order later (a cancelled or held order
 * was still ordered in that room). A brand's UV and watch minutes are then the sums over its reached sessions, one
 * item each ({@code BRAND#{b} / AUDIENCE#…}), read with one Query however many hosts sold it.
 *
 * <p>The hours a session runs in are whole UTC hours (as the report hours are), from the hour it started in to the
 * hour holding its last instant, at most its first {@link #MAX_SPAN}: an order paid at 13:40 reaches a session of
 * 12:00–13:30, one paid at 14:05 does not. The cap bounds what an order's side of the join reads: the sessions of
 * its host that started in the {@link #MAX_SPAN} before its hour ends.
 */
public final class SessionReach {

    /** A session reaches the orders of its first 24 hours. */
    public static final Duration MAX_SPAN = Duration.ofHours(24);

    private SessionReach() {
    }

    /** The first hour a session runs in, as a report-hour key. */
    public static String firstHour(Instant startedAt) {
        return ReportHours.hourOf(startedAt);
    }

    /** The last hour a session runs in (its end is exclusive, a session of no length runs in its first hour). */
    public static String lastHour(Instant startedAt, Instant endedAt) {
        Instant end = endedAt.isAfter(startedAt.plus(MAX_SPAN)) ? startedAt.plus(MAX_SPAN) : endedAt;
        return ReportHours.hourOf(end.isAfter(startedAt) ? end.minusNanos(1) : startedAt);
    }

    /** Whether an order paid in {@code hourKey} was taken while the session ran. */
    public static boolean reaches(Instant startedAt, Instant endedAt, String hourKey) {
        return hourKey.compareTo(firstHour(startedAt)) >= 0 && hourKey.compareTo(lastHour(startedAt, endedAt)) <= 0;
    }

    /** The earliest start of a session that may run in {@code hourKey}: where an order's side of the join looks from. */
    public static Instant earliestStartReaching(String hourKey) {
        return ReportHours.hourStart(hourKey).minus(MAX_SPAN);
    }

    /** The end of the hour {@code hourKey}: no session that started at or after it runs in that hour. */
    public static Instant hourEnd(String hourKey) {
        return ReportHours.hourStart(hourKey).plus(1, ChronoUnit.HOURS);
    }

    /**
     * A report's place among the reports of its session, as a string: one report's version is greater than
     * another's exactly when it {@link LiveSessionStats#supersedes} it (later end, then later report, then greater
     * event id), so a conditional write keeps the figures of the report that stands whatever order they arrive in.
     */
    public static String version(LiveSessionStats report) {
        return SortableTime.of(report.endedAt()) + "#" + SortableTime.of(report.occurredAt()) + "#" + report.eventId();
    }
}
