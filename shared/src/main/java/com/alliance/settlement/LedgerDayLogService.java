package com.alliance.settlement;

import com.alliance.persistence.ChangeRecord;
import java.util.List;
import java.util.Optional;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Writes a batch of the ledger table's change stream into the day log ({@link LedgerDayLog}). A part that
 * fails leaves the batch to be read again from its first record; parts written before are written again,
 * which the log's readers absorb (one posting per posting id).
 */
public final class LedgerDayLogService {

    private static final Logger LOG = LogManager.getLogger(LedgerDayLogService.class);

    /** Parts written, and the sortable sequence number to read the stream again from, if a part failed. */
    public record Outcome(int written, Optional<String> retryFrom) {
    }

    private final DayLogRepository log;

    public LedgerDayLogService(DayLogRepository log) {
        this.log = log;
    }

    public Outcome append(List<ChangeRecord> batch) {
        int written = 0;
        Optional<String> retryFrom = Optional.empty();
        for (LedgerDayLog.Part part : LedgerDayLog.of(batch)) {
            try {
                log.append(part);
                written++;
            } catch (RuntimeException e) {
                LOG.warn("day log of {} slice {} not written now, the batch is read again from {}: {}",
                        part.day(), part.slice(), part.firstSequence(), e.toString());
                String first = part.firstSequence();
                retryFrom = Optional.of(retryFrom.filter(r -> r.compareTo(first) <= 0).orElse(first));
            }
        }
        return new Outcome(written, retryFrom);
    }
}
