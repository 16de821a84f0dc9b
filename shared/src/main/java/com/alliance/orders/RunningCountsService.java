package com.alliance.orders;

import com.alliance.persistence.ChangeRecord;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Folds a batch of the orders table's change stream into the running counts ({@link RunningCountsFold}):
 * one write per counters item and stream shard, each exactly once. A part that fails (throttling, an outage)
 * leaves the batch to be read again from its first record; the parts already folded skip what they hold.
 */
public final class RunningCountsService {

    private static final Logger LOG = LogManager.getLogger(RunningCountsService.class);

    /**
     * What a batch did: counters items written, parts found already folded (a retried batch), and the
     * sortable sequence number to read the stream again from, if a part failed.
     */
    public record Outcome(int added, int alreadyThere, Optional<String> retryFrom) {
    }

    private final CountersRepository counters;
    private final Clock clock;

    public RunningCountsService(CountersRepository counters, Clock clock) {
        this.counters = counters;
        this.clock = clock;
    }

    public Outcome fold(List<ChangeRecord> batch) {
        int added = 0;
        int alreadyThere = 0;
        Optional<String> retryFrom = Optional.empty();
        for (RunningCountsFold.Part part : RunningCountsFold.of(batch)) {
            try {
                if (counters.fold(part, clock.instant()) == CountersRepository.Folded.ADDED) {
                    added++;
                } else {
                    alreadyThere++;
                }
            } catch (RuntimeException e) {
                LOG.warn("running counts of {} {} not folded now, the batch is read again from {}: {}",
                        part.scope(), part.id(), part.firstSequence(), e.toString());
                String first = part.firstSequence();
                retryFrom = Optional.of(retryFrom.filter(r -> r.compareTo(first) <= 0).orElse(first));
            }
        }
        return new Outcome(added, alreadyThere, retryFrom);
    }
}
