package com.alliance.analytics;

import com.alliance.jobs.Backlog;
import com.alliance.jobs.Deadline;
import com.alliance.jobs.JobCatalog;
import com.alliance.jobs.Progress;
import com.alliance.jobs.ScanPass;
import com.alliance.jobs.ShardedJob;
import com.alliance.persistence.Items;
import com.alliance.persistence.Tables;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Brings the orders and live sessions written before the brands' audience items into them, once: it scans the
 * orders table a page at a time ({@link ScanPass}, cursor {@code JOB#audience-backfill} / {@code CURSOR#0}) for order
 * and session items and joins each page as the stream consumer joins a batch ({@link AudienceJoin}), every order as
 * if it had just been paid. What the stream joins meanwhile is joined again here, which changes nothing; once done,
 * a work item costs one read. It is one segment, one shard: orders of one host and hour sit in any segment, and
 * the join of two segments would put the same {@code ORDERED#} item from two workers.
 */
public final class AudienceBackfillJob implements ShardedJob {

    private final ScanPass pass;
    private final AudienceJoin join;

    public AudienceBackfillJob(DynamoDbClient dynamoDb, AudienceJoin join) {
        this.join = join;
        this.pass = new ScanPass(dynamoDb, Tables.ORDERS.tableName(), name(), 1,
                "(begins_with(pk, :order) AND sk = :state) OR (begins_with(pk, :host) AND begins_with(sk, :session))",
                Map.of(), Map.of(":order", Items.s("ORDER#"), ":state", Items.s("STATE"), ":host", Items.s("HOST#"),
                        ":session", Items.s("SESSION#")));
    }

    @Override
    public String name() {
        return JobCatalog.AUDIENCE_BACKFILL;
    }

    @Override
    public int shards() {
        return 1;
    }

    @Override
    public Backlog backlog(int segment, Instant now) {
        return pass.backlog(segment);
    }

    /** Joins the next pages: answers the audience items written. */
    @Override
    public Progress work(int segment, Optional<String> cursor, Instant now, Deadline deadline) {
        return pass.run(segment, now, deadline, items -> join.join(items.stream()
                .map(item -> new AudienceJoin.Change(Map.of(), item)).toList()).written());
    }
}
