package com.alliance.settlement;

import com.alliance.json.Period;
import com.alliance.ledger.LedgerEntry;
import com.alliance.ledger.LedgerRepository;
import com.alliance.persistence.ChangeRecord;
import com.alliance.persistence.WriteShards;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The ledger's day log: the ledger table's change stream cut into parts, one per (China Standard Time day of
 * posting, slice), so a day can be reconciled by reading that day's postings and nothing older.
 *
 * <p>The slice of a posting is that of its cause ({@code WriteShards.of(cause, SLICES)}): every posting of an
 * order, run or agreement on one day sits in one slice, so a slice alone proves that each of its causes and
 * events nets to zero. A posting's day is its {@code postedAt}, which all postings of one transaction share.
 * Parts are written at least once (a retried batch writes some again); readers keep one posting per
 * {@code postingId}.
 */
public final class LedgerDayLog {

    /** Slices of a day: parallel, bounded pieces of a day's check, and the log's write shards. */
    public static final int SLICES = 64;

    /** One part of a batch: the postings of one day and slice, and the first stream record they came from. */
    public record Part(LocalDate day, int slice, String firstSequence, List<LoggedPosting> postings) {

        public Part {
            postings = List.copyOf(postings);
            if (postings.isEmpty()) {
                throw new IllegalArgumentException("a part holds at least one posting");
            }
        }

        /** A key that a retried batch starting at the same record writes again, and no other batch does. */
        public String key() {
            return postings.get(0).postingId();
        }
    }

    private LedgerDayLog() {
    }

    public static LocalDate dayOf(Instant postedAt) {
        return postedAt.atZone(Period.DAY_ZONE).toLocalDate();
    }

    public static int sliceOf(String cause) {
        return WriteShards.of(cause, SLICES);
    }

    /** The parts of a batch, by day and slice; records that are not a new posting (a balance checkpoint) are left out. */
    public static List<Part> of(List<ChangeRecord> batch) {
        // per day and slice: the sequence of the first record, then the postings in stream order
        Map<LocalDate, Map<Integer, String>> firsts = new TreeMap<>();
        Map<LocalDate, Map<Integer, List<LoggedPosting>>> grouped = new TreeMap<>();
        for (ChangeRecord record : batch) {
            if (!record.oldImage().isEmpty() || !LedgerRepository.isPosting(record.newImage())) {
                continue;
            }
            LedgerEntry entry = LedgerRepository.entryOf(record.newImage());
            LoggedPosting posting = LoggedPosting.of(entry);
            LocalDate day = dayOf(entry.postedAt());
            int slice = sliceOf(posting.cause());
            firsts.computeIfAbsent(day, d -> new TreeMap<>()).putIfAbsent(slice, record.sortableSequence());
            grouped.computeIfAbsent(day, d -> new TreeMap<>()).computeIfAbsent(slice, s -> new ArrayList<>()).add(posting);
        }
        List<Part> parts = new ArrayList<>();
        grouped.forEach((day, slices) -> slices.forEach((slice, postings) ->
                parts.add(new Part(day, slice, firsts.get(day).get(slice), postings))));
        return parts;
    }
}
