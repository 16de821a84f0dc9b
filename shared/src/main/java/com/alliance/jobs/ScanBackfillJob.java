package com.alliance.jobs;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * An upgrade's backfill: a parallel scan ({@link ScanPass}) whose segments are the job's shards, marking each item
 * the scan's filter finds ({@link #mark}, 1 when it changed the item, 0 when another write got there first). Each
 * work item goes on from where its segment stands; once done, a segment costs one read a dispatch.
 */
public abstract class ScanBackfillJob implements ShardedJob {

    private final ScanPass pass;

    protected ScanBackfillJob(ScanPass pass) {
        this.pass = pass;
    }

    /** Brings one item the scan found up to date: 1 if this changed it, 0 if it needed nothing. */
    protected abstract int mark(Map<String, AttributeValue> item);

    @Override
    public String name() {
        return pass.name();
    }

    @Override
    public int shards() {
        return pass.segments();
    }

    @Override
    public Backlog backlog(int segment, Instant now) {
        return pass.backlog(segment);
    }

    @Override
    public Progress work(int segment, Optional<String> cursor, Instant now, Deadline deadline) {
        return pass.run(segment, now, deadline, items -> {
            int marked = 0;
            for (Map<String, AttributeValue> item : items) {
                marked += mark(item);
            }
            return marked;
        });
    }
}
