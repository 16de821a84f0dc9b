package com.alliance.jobs;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Every background job with how it runs ({@link JobSpec}); template.yaml gives each one schedule, one work queue and
 * one alarm to match (a test holds it to this list), and {@code GET /ops/jobs} reports them in this order.
 */
public final class JobCatalog {

    public static final String JBP_CLOSE = "jbp-close";
    public static final String SETTLEMENT_RUNS = "settlement-runs";
    public static final String TRUST = "trust";
    public static final String RISK_REVIEW = "risk-review";
    public static final String LATE_SHIPMENTS = "late-shipments";
    public static final String ORDER_MATURATION = "order-maturation";
    public static final String LEDGER_DAYS = "ledger-days";
    public static final String REPORT_HOURS_BACKFILL = "report-hours-backfill";
    public static final String AUDIENCE_BACKFILL = "audience-backfill";
    public static final String ORDER_LISTS_BACKFILL = "order-lists-backfill";
    public static final String APPLICATION_EXPIRY = "application-expiry";
    public static final String SAMPLE_DEADLINES = "sample-deadlines";

    private static final Duration MINUTE = Duration.ofMinutes(1);

    public static final List<JobSpec> ALL = List.of(
            new JobSpec(JBP_CLOSE, Duration.ofMinutes(5), Duration.ofSeconds(60), 2, Duration.ofHours(1),
                    "posts the rebate of each JBP agreement whose period has closed"),
            new JobSpec(SETTLEMENT_RUNS, MINUTE, Duration.ofSeconds(120), 64, Duration.ofMinutes(30),
                    "builds and releases settlement runs, a payee slice per work item, and closes them"),
            new JobSpec(TRUST, MINUTE, Duration.ofSeconds(60), 16, Duration.ofMinutes(30),
                    "recomputes the trust of hosts and brands whose counters changed"),
            new JobSpec(RISK_REVIEW, MINUTE, Duration.ofSeconds(60), 64, Duration.ofMinutes(30),
                    "decides the deferred fake-order rules once each rule's window has closed"),
            new JobSpec(LATE_SHIPMENTS, MINUTE, Duration.ofSeconds(60), 16, Duration.ofMinutes(30),
                    "records a violation and the buyer's compensation for each order that missed its shipping promise"),
            new JobSpec(ORDER_MATURATION, MINUTE, Duration.ofSeconds(60), 16, Duration.ofMinutes(30),
                    "makes commission settleable once an order's after-sale window has passed"),
            new JobSpec(LEDGER_DAYS, Duration.ofMinutes(5), Duration.ofSeconds(300), 64, Duration.ofHours(6),
                    "checks each ledger day slice by slice once its log is complete, and closes the day"),
            new JobSpec(REPORT_HOURS_BACKFILL, Duration.ofMinutes(10), Duration.ofSeconds(120), 16, Duration.ofDays(1),
                    "brings orders written before the report hours into them, once (an upgrade)"),
            new JobSpec(AUDIENCE_BACKFILL, Duration.ofMinutes(10), Duration.ofSeconds(120), 2, Duration.ofDays(1),
                    "joins orders and sessions written before the brands' audience items, once (an upgrade)"),
            new JobSpec(ORDER_LISTS_BACKFILL, Duration.ofMinutes(10), Duration.ofSeconds(120), 16, Duration.ofDays(1),
                    "brings orders paid before the hosts' order lists into them, once (an upgrade)"),
            new JobSpec(APPLICATION_EXPIRY, Duration.ofMinutes(5), Duration.ofSeconds(60), 4, Duration.ofHours(1),
                    "expires each application to a targeted plan that its brand did not answer in time"),
            new JobSpec(SAMPLE_DEADLINES, Duration.ofMinutes(5), Duration.ofSeconds(60), 16, Duration.ofHours(1),
                    "expires sample requests not reviewed or shipped in time, receives shipped ones, closes lapsed promises"));

    private JobCatalog() {
    }

    public static Optional<JobSpec> find(String name) {
        return ALL.stream().filter(spec -> spec.name().equals(name)).findFirst();
    }

    public static JobSpec get(String name) {
        return find(name).orElseThrow(() -> new IllegalArgumentException("no job " + name));
    }

    /** The longest budget of any job: the worker function's timeout must leave room above it. */
    public static Duration longestBudget() {
        return ALL.stream().map(JobSpec::budget).max(Duration::compareTo).orElseThrow();
    }
}
