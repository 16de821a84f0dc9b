package com.alliance.settlement;

import static org.assertj.core.api.Assertions.assertThat;

import com.alliance.jobs.JobDrain;
import com.alliance.jobs.ShardLeases;
import com.alliance.json.Period;
import com.alliance.ledger.LedgerRepository;
import com.alliance.persistence.CapacityMeter;
import com.alliance.persistence.Items;
import com.alliance.persistence.Tables;
import com.alliance.testing.FinanceDesk;
import com.alliance.testing.LocalStores;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

/**
 * A day's claim ranges checked a page at a time: a job run that stops between pages saves where it stands, and the
 * next goes on from there to the same checkpoint as one run reading every range at once. On stores of its own.
 */
class ClaimRangePagesTest {

    private final LocalStores stores = LocalStores.isolated();
    private final FinanceDesk desk = new FinanceDesk(stores);
    private final LedgerRepository ledger = new LedgerRepository(stores.dynamoDb());
    private final DayLogRepository log = new DayLogRepository(stores.dynamoDb());
    private final SettlementRepository runs = new SettlementRepository(stores.dynamoDb(), ledger, new CapacityMeter());

    @Test
    void aDayCheckedOneRangeAPageAndResumedFromItsSavedPlaceClosesAsInOnePage() {
        String brandId = desk.marketplace.brand();
        String productId = desk.marketplace.product(brandId, 2_000);
        String hostId = desk.marketplace.independentHost();
        LocalDate day = LocalDate.ofInstant(desk.clock.instant(), Period.DAY_ZONE);
        for (int run = 0; run < 3; run++) {
            // each run claims the brand and the host again: three ranges in each of their slices
            desk.maturedOrder(productId, hostId, 10_000 + run * 1_000);
            desk.draftRun();
        }
        assertThat(LocalDate.ofInstant(desk.clock.instant(), Period.DAY_ZONE)).as("the runs share a day").isEqualTo(day);
        stores.writeLedgerDayLog();
        ReconciliationJob onePerPage = new ReconciliationJob(log, runs, ledger, ReconciliationJob.DEFAULT_LATENESS, 1);

        DayCheck.Checkpoint paged = close(onePerPage, day);
        assertThat(paged.balanced()).as(paged.toString()).isTrue();
        assertThat(paged.claims().rangesChecked()).as("every range of the day, each once").isEqualTo(rangesOf(day));
        assertThat(paged.claims().posted().claims()).isEqualTo(6);
        List<Map<String, AttributeValue>> saved = items("RECONDAY#" + day, "CLAIMS#");
        assertThat(saved).as("where the paged slices stood, saved after each page with more after it").isNotEmpty();

        // as if a run had stopped after those pages: the day reopened, its slices to check again from the saved places
        forget(items("RECONCILED", "DAY#" + day));
        forget(items("RECONDAY#" + day, "SLICE#"));
        DayCheck.Checkpoint resumed = close(onePerPage, day);
        assertThat(resumed.claims()).isEqualTo(paged.claims());

        forget(items("RECONCILED", "DAY#" + day));
        forget(items("RECONDAY#" + day, "SLICE#"));
        forget(saved);
        DayCheck.Checkpoint whole = close(new ReconciliationJob(log, runs, ledger, ReconciliationJob.DEFAULT_LATENESS), day);
        assertThat(whole.claims()).isEqualTo(paged.claims());
        assertThat(whole.postings()).isEqualTo(paged.postings());
    }

    private DayCheck.Checkpoint close(ReconciliationJob job, LocalDate day) {
        while (log.checkpoints(day, day).isEmpty()) {
            assertThat(JobDrain.run(job, new ShardLeases(stores.dynamoDb()), job.closesAt(day))).isPositive();
        }
        return log.checkpoints(day, day).get(0);
    }

    private long rangesOf(LocalDate day) {
        return stores.dynamoDb().scanPaginator(ScanRequest.builder().tableName(Tables.SETTLEMENT.tableName())
                        .filterExpression("begins_with(gsi1pk, :day)")
                        .expressionAttributeValues(Map.of(":day", Items.s("CLAIMRANGES#" + day + "#"))).build())
                .items().stream().count();
    }

    private List<Map<String, AttributeValue>> items(String pk, String skPrefix) {
        return stores.dynamoDb().scanPaginator(ScanRequest.builder().tableName(Tables.SETTLEMENT.tableName())
                        .filterExpression("pk = :pk AND begins_with(sk, :sk)")
                        .expressionAttributeValues(Map.of(":pk", Items.s(pk), ":sk", Items.s(skPrefix))).build())
                .items().stream().toList();
    }

    private void forget(List<Map<String, AttributeValue>> items) {
        items.forEach(item -> stores.dynamoDb().deleteItem(DeleteItemRequest.builder()
                .tableName(Tables.SETTLEMENT.tableName()).key(Map.of("pk", item.get("pk"), "sk", item.get("sk"))).build()));
    }
}
