package com.alliance.analytics;

import com.alliance.orders.LiveSessionStats;
import com.alliance.orders.OrderRepository;
import com.alliance.orders.ReportHours;
import com.alliance.persistence.ChangeRecord;
import com.alliance.persistence.ShardReads;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Keeps each brand's audience items ({@link SessionReach}) from the orders table's changes, whatever order orders
 * and session reports arrive in. Two sides meet:
 * <ol>
 *   <li>an order, when it becomes paid (its change's old image had no payment): its host's {@code ORDERED} item for
 *       the hour and the brand is put first, then the host's sessions that ran in that hour are read and each is put
 *       as the brand's audience; its later changes add nothing, as what it ordered where stays the same;</li>
 *   <li>a session report: the brands its host took orders of in the hours it ran are read, and the report is put as
 *       the audience of each.</li>
 * </ol>
 * Each side writes its own fact before it reads the other's (a session's fact is its item, written before its change
 * reaches the stream), and the reads are consistent, so when an order and a session meet, at least one of the two
 * sides sees the other. Both may: every put only keeps the report that stands ({@link AudienceRepository#putAudience}),
 * so doing it twice, or again on a retried batch, changes nothing.
 */
public final class AudienceJoin {

    /** What a batch did: orders that became paid, session reports seen, audience items written. */
    public record Outcome(int paidOrders, int sessionReports, int written) {
    }

    private static final Logger LOG = LogManager.getLogger(AudienceJoin.class);

    private final AudienceRepository audience;
    private final LiveSessionRepository sessions;

    public AudienceJoin(AudienceRepository audience, LiveSessionRepository sessions) {
        this.audience = audience;
        this.sessions = sessions;
    }

    /** An item of the table before and after a change: an insert has no {@code before}, a backfill's read neither. */
    public record Change(Map<String, AttributeValue> before, Map<String, AttributeValue> after) {
    }

    /**
     * Joins a batch of the orders table's stream; if that fails (throttling, an outage), answers the sortable sequence
     * number of its first record, to read the whole batch again from: the puts keep what stands, so redoing the
     * records already joined changes nothing.
     */
    public Optional<String> joinStream(List<ChangeRecord> records) {
        try {
            join(records.stream().map(record -> new Change(record.oldImage(), record.newImage())).toList());
            return Optional.empty();
        } catch (RuntimeException e) {
            LOG.warn("the brands' audience not joined now, the batch is read again: {}", e.toString());
            return records.stream().map(ChangeRecord::sortableSequence).min(String::compareTo);
        }
    }

    /** A host's hour: where an order's side of the join looks for sessions. */
    private record HostHour(String hostId, String hour) {
    }

    /** What a session is known by. */
    private record SessionKey(String hostId, Instant startedAt, String sessionId) {
    }

    /**
     * Joins the orders that became paid in these changes (their {@code before} had no payment) and the session reports
     * in them (the latest of each session): the order side for each, then the session side for each.
     */
    public Outcome join(List<Change> changes) {
        Set<AudienceRepository.Ordered> ordered = new LinkedHashSet<>();
        Map<SessionKey, LiveSessionStats> reports = new LinkedHashMap<>();
        for (Change change : changes) {
            OrderRepository.paidByOfImage(change.after())
                    .filter(paid -> OrderRepository.paidByOfImage(change.before()).isEmpty())
                    .ifPresent(paid -> ordered.add(new AudienceRepository.Ordered(paid.hostId(),
                            ReportHours.hourOf(paid.paidAt()), paid.brandId())));
            OrderRepository.sessionOfImage(change.after()).ifPresent(report -> reports.merge(
                    new SessionKey(report.hostId(), report.startedAt(), report.sessionId()), report,
                    (kept, other) -> other.supersedes(kept) ? other : kept));
        }
        // the orders' facts first, every one of them, then the reads: each request of a step in flight at once
        List<AudienceRepository.Ordered> facts = List.copyOf(ordered);
        ShardReads.each(facts.size(), i -> {
            audience.putOrdered(facts.get(i));
            return i;
        });
        Map<HostHour, Set<String>> brandsByHostHour = new LinkedHashMap<>();
        ordered.forEach(o -> brandsByHostHour.computeIfAbsent(new HostHour(o.hostId(), o.hourKey()), k -> new TreeSet<>())
                .add(o.brandId()));
        List<Map.Entry<HostHour, Set<String>>> hostHours = List.copyOf(brandsByHostHour.entrySet());
        int written = ShardReads.each(hostHours.size(), i -> {
            String hour = hostHours.get(i).getKey().hour();
            int put = 0;
            for (LiveSessionStats report : sessions.reports(hostHours.get(i).getKey().hostId(),
                    SessionReach.earliestStartReaching(hour), SessionReach.hourEnd(hour))) {
                if (SessionReach.reaches(report.startedAt(), report.endedAt(), hour)) {
                    put += putAll(hostHours.get(i).getValue(), report);
                }
            }
            return put;
        }).stream().mapToInt(Integer::intValue).sum();
        List<LiveSessionStats> sessions = List.copyOf(reports.values());
        written += ShardReads.each(sessions.size(), i -> {
            LiveSessionStats report = sessions.get(i);
            Instant start = report.startedAt();
            Set<String> brands = new TreeSet<>();
            audience.ordered(report.hostId(), SessionReach.firstHour(start), SessionReach.lastHour(start, report.endedAt()))
                    .forEach(o -> brands.add(o.brandId()));
            return putAll(brands, report);
        }).stream().mapToInt(Integer::intValue).sum();
        return new Outcome(ordered.size(), reports.size(), written);
    }

    private int putAll(Set<String> brands, LiveSessionStats report) {
        int written = 0;
        for (String brandId : brands) {
            written += audience.putAudience(brandId, report) ? 1 : 0;
        }
        return written;
    }
}
