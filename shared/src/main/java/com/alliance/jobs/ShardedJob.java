package com.alliance.jobs;

import com.alliance.persistence.ShardReads;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A kind of background work whose work lives in a fixed number of shards (the shards of a due index, the slices of
 * a day, the segments of a scan). The dispatcher asks each shard what is due ({@link #backlog}) and hands every shard
 * with work to a worker as a work item; a worker works one shard from where the last work item stopped until its
 * deadline ({@link #work}), and hands the rest on. One shard is worked by one worker at a time ({@link ShardLeases}),
 * and a job's shards are cut so that no two shards write the same item: that is what lets them run side by side.
 * Everything a shard's work changes is idempotent, so a work item done twice changes nothing the second time.
 */
public interface ShardedJob {

    /** The job's name, as the catalog ({@link JobCatalog}), the template and {@code GET /ops/jobs} give it. */
    String name();

    /** How many shards the work is cut into; shard numbers run from 0. */
    int shards();

    /** What is due in one shard at {@code now}: a query or two, never a walk of the shard. */
    Backlog backlog(int shard, Instant now);

    /**
     * What is due in every shard at {@code now}, in shard order: the shards' {@link #backlog}s, read at once; a job
     * whose shards share what they read (the runs a settlement job's slices build) reads it once here.
     */
    default List<Backlog> backlogs(Instant now) {
        return ShardReads.each(shards(), shard -> backlog(shard, now));
    }

    /**
     * Works one shard at {@code now}, from {@code cursor} (where the previous work item of this shard stopped, if it
     * handed one on) until nothing is due or the deadline has passed.
     */
    Progress work(int shard, Optional<String> cursor, Instant now, Deadline deadline);

    /**
     * What the job finishes across its shards once they are all done (a settlement run's totals, a ledger day's
     * checkpoint), run by the dispatcher once per dispatch before it looks at the shards; answers how many it finished.
     * Only the dispatcher runs it, so it is the one writer of what it writes.
     */
    default int finish(Instant now) {
        return 0;
    }
}
