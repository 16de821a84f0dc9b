package com.alliance.analytics;

import com.alliance.jobs.Deadline;
import com.alliance.jobs.ScanPass;
import com.alliance.jobs.ScheduledJob;
import com.alliance.persistence.Items;
import com.alliance.persistence.Tables;
import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Brings the orders and live sessions written before the brands' audience items into them, once: it scans the
 * orders table a page at a time ({@link ScanPass}, cursor {@code JOB#audience-backfill} / {@code CURSOR}) for order
 * and session items and joins each page as the stream consumer joins a batch ({@link AudienceJoin}), every order as
 * if it had just been paid. What the stream joins meanwhile is joined again here, which changes nothing; once done,
 * a run costs one read.
 */
public final class AudienceBackfillJob implements ScheduledJob {

    private final ScanPass pass;
    private final AudienceJoin join;

    public AudienceBackfillJob(DynamoDbClient dynamoDb, AudienceJoin join) {
        this.join = join;
        this.pass = new ScanPass(dynamoDb, Tables.ORDERS.tableName(), name(),
                "(begins_with(pk, :order) AND sk = :state) OR (begins_with(pk, :host) AND begins_with(sk, :session))",
                Map.of(), Map.of(":order", Items.s("ORDER#"), ":state", Items.s("STATE"), ":host", Items.s("HOST#"),
                        ":session", Items.s("SESSION#")));
    }

    @Override
    public String name() {
        return "audience-backfill";
    }

    /** Joins the next pages: answers the audience items written. */
    @Override
    public int runOnce(Instant now, Deadline deadline) {
        return pass.run(now, deadline, items -> join.join(items.stream()
                .map(item -> new AudienceJoin.Change(Map.of(), item)).toList()).written());
    }
}
