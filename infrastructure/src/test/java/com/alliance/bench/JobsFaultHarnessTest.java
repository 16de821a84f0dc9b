package com.alliance.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The jobs fault harness, small: 80 orders in each order backlog, a run of 40 payees, a ledger day of 600
 * postings, 80 sample requests (over 3 hosts) and 80 applications, drained through the jobs' queue with every work item sent twice, workers killed mid-item every 60 or so
 * DynamoDB calls, throttling, lost responses, transaction conflicts and outages injected. Everything the jobs leave
 * must equal the clean drain's, and each kind of fault must really have happened, or the run proves nothing. The big
 * run is a command (docs/benchmarks.md).
 */
class JobsFaultHarnessTest {

    @Test
    void jobsDrainedThroughDuplicatedItemsKilledWorkersAndDynamoDbFaultsLeaveWhatACleanDrainLeaves() throws Exception {
        JobsFaultHarness.Figures figures = JobsFaultHarness.run(JobsFaultHarness.Options.defaults().smaller(80, 40, 600, 60));
        System.out.print(figures.print());

        assertThat(figures.failures()).isEmpty();
        assertThat(figures.differ()).isZero();
        // every seeded order, and the postings, lines and cursors the jobs made, were compared; and every sample
        // request with its guard, each host's slots, every application with its guard
        assertThat(figures.pictured()).isGreaterThan(3 * 80 + 40 + 2 * 80 + SampleBacklogs.hosts(80) + 2 * 80);

        assertThat(figures.workItemsSent()).isGreaterThan(JobsFaultHarness.JOBS.size());
        assertThat(figures.handlerReceives()).isGreaterThanOrEqualTo(figures.workItemsSent());
        assertThat(figures.kills()).isGreaterThan(0).isEqualTo(figures.replacements());
        assertThat(figures.throttles()).isGreaterThan(0);
        assertThat(figures.lostResponses()).isGreaterThan(0);
        assertThat(figures.conflicts()).isGreaterThan(0);
    }
}
