package com.alliance.functions;

import static com.alliance.testing.ApiCalls.call;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.alliance.auth.Caller;
import com.alliance.auth.Role;
import com.alliance.errors.ConflictException;
import com.alliance.json.Period;
import com.alliance.ledger.Account;
import com.alliance.ledger.AccountType;
import com.alliance.ledger.BalanceCheckpoints;
import com.alliance.ledger.LedgerRepository;
import com.alliance.ledger.LedgerShards;
import com.alliance.ledger.PostingState;
import com.alliance.persistence.CapacityMeter;
import com.alliance.ledger.PayeeSlices;
import com.alliance.persistence.Items;
import com.alliance.persistence.Tables;
import com.alliance.settlement.DayLogRepository;
import com.alliance.settlement.FinanceReports;
import com.alliance.settlement.LedgerDayLog;
import com.alliance.settlement.LoggedPosting;
import com.alliance.settlement.Reconciliation;
import com.alliance.settlement.SettlementRepository;
import com.alliance.testing.ApiCalls.Answer;
import com.alliance.testing.FinanceDesk;
import com.alliance.testing.LocalStores;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * Reconciliation by day: the ledger's stream written into the day log, the job closing each day from that
 * day's postings alone, and {@code GET /finance/reconciliation/days} answering from the checkpoints what the
 * full reconciliation answers from the whole ledger. On stores of its own: it plants drift.
 */
class ReconciliationDaysTest {

    private final LocalStores stores = LocalStores.isolated();
    private final FinanceDesk desk = new FinanceDesk(stores);

    private JsonNode days(LocalDate from, LocalDate to) {
        Answer answer = call(desk.finance, "GET /finance/reconciliation/days", Map.of(),
                Map.of("from", from.toString(), "to", to.toString()), null, FinanceDesk.FINANCE);
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(200);
        return answer.body();
    }

    private LocalDate today() {
        return LocalDate.ofInstant(desk.clock.instant(), Period.DAY_ZONE);
    }

    @Test
    void closedDaysAnswerWhatTheFullReconciliationAnswersAndAPlantedPostingIsNamedOnItsDay() {
        LocalDate first = today();
        String brandId = desk.marketplace.brand();
        String productId = desk.marketplace.product(brandId, 2_000);
        String hostId = desk.marketplace.independentHost();
        desk.maturedOrder(productId, hostId, 10_000);
        desk.clock.advance(Duration.ofDays(1));
        String order = desk.maturedOrder(productId, hostId, 25_000);
        desk.approve(desk.draftRun().path("runId").asText());
        JsonNode full = desk.reconciliation();
        assertThat(full.path("balanced").asBoolean()).isTrue();

        stores.writeLedgerDayLog();
        assertThat(days(first.minusDays(1), first.plusDays(5)).path("days")).as("no day has closed yet").isEmpty();
        BalanceCheckpoints checkpoints = new BalanceCheckpoints(stores.dynamoDb());
        java.util.Set<Integer> hostShards = new java.util.TreeSet<>();
        new LedgerRepository(stores.dynamoDb()).entriesOf(hostId)
                .forEach(entry -> hostShards.add(LedgerShards.of(entry.posting())));
        assertThat(hostShards).isNotEmpty().allSatisfy(shard -> assertThat(checkpoints.latest(hostId, shard))
                .as("the host's balance was never read").isEqualTo(BalanceCheckpoints.Checkpoint.NONE));
        desk.clock.advance(Duration.ofDays(1).plusHours(2));
        desk.runJobs();
        assertThat(hostShards).as("closing the days checkpointed every shard the host's postings are on")
                .allSatisfy(shard -> assertThat(checkpoints.latest(hostId, shard).postings()).isPositive());

        JsonNode report = days(first.minusDays(1), first.plusDays(5));
        assertThat(report.path("balanced").asBoolean()).as(report.toString()).isTrue();
        List<JsonNode> closed = StreamSupport.stream(report.path("days").spliterator(), false).toList();
        assertThat(closed).hasSizeGreaterThanOrEqualTo(2);
        assertThat(closed).allSatisfy(day -> {
            assertThat(day.path("balanced").asBoolean()).isTrue();
            assertThat(day.path("debitsFen").asLong()).isEqualTo(day.path("creditsFen").asLong());
            assertThat(day.path("unbalancedCauseCount").asLong()).isZero();
        });
        assertThat(closed.stream().mapToLong(d -> d.path("postings").asLong()).sum()).isEqualTo(full.path("postings").asLong());
        assertThat(closed.stream().mapToLong(d -> d.path("debitsFen").asLong()).sum()).isEqualTo(full.path("debitsFen").asLong());
        JsonNode last = closed.get(closed.size() - 1);
        assertThat(nonZero(last.path("closingTotalsByState"))).isEqualTo(nonZero(full.path("totalsByState")));
        assertThat(nonZero(last.path("closingOwedToPayeesByState"))).isEqualTo(nonZero(full.path("owedToPayeesByState")));
        assertThat(report.path("checkedThrough").asText()).isEqualTo(last.path("date").asText());

        assertThat(closed.stream().mapToLong(d -> d.path("runsChecked").asLong()).sum()).as("the approved run").isEqualTo(1);

        // on a day of its own: a posting that belongs to no transaction, and a run whose line was tampered with
        LocalDate stray = today();
        desk.maturedOrder(productId, hostId, 30_000);
        String tamperedRun = desk.draftRun().path("runId").asText();
        stores.dynamoDb().updateItem(UpdateItemRequest.builder().tableName(Tables.SETTLEMENT.tableName())
                .key(Items.key("RUN#" + tamperedRun + "#" + PayeeSlices.of(hostId), "PARTY#" + hostId)).updateExpression("ADD amountFen :fen, accounts.HOST :fen")
                .expressionAttributeValues(Map.of(":fen", Items.n(100))).build());
        String postedAt = desk.clock.instant().toString();
        stores.dynamoDb().putItem(PutItemRequest.builder().tableName(Tables.LEDGER.tableName()).item(Items.builder()
                .s("pk", "PARTY#" + hostId).s("sk", "POST#" + postedAt + "#stray#0")
                .s("gsi1pk", "ORDER#" + order).s("gsi1sk", "stray#0").s("postingId", "stray#0").s("orderId", order)
                .s("eventId", "stray").s("accountType", "HOST").s("party", hostId).n("amountFen", 5)
                .s("state", "PENDING").s("reason", "planted").s("postedAt", postedAt).build()).build());
        stores.writeLedgerDayLog();
        desk.clock.advance(Duration.ofDays(1).plusHours(2));
        desk.runJobs();

        JsonNode drift = days(stray, stray);
        assertThat(drift.path("balanced").asBoolean()).isFalse();
        JsonNode day = drift.path("days").get(0);
        assertThat(day.path("balanced").asBoolean()).isFalse();
        assertThat(day.path("creditsFen").asLong() - day.path("debitsFen").asLong()).isEqualTo(5);
        assertThat(day.path("unbalancedCauses").get(0).path("cause").asText()).isEqualTo(order);
        assertThat(day.path("unbalancedCauses").get(0).path("imbalanceFen").asLong()).isEqualTo(5);
        assertThat(day.path("unbalancedEventCount").asLong()).isEqualTo(1);
        assertThat(day.path("runsChecked").asLong()).isEqualTo(1);
        assertThat(day.path("runMismatches")).anySatisfy(m -> {
            assertThat(m.path("runId").asText()).isEqualTo(tamperedRun);
            assertThat(m.path("lineId").asText()).isEqualTo("ln_" + hostId);
            assertThat(m.path("foundFen").asLong() + 100).isEqualTo(m.path("expectedFen").asLong());
        });
        assertThat(day.path("previousDate").asText()).isEqualTo(last.path("date").asText());
        assertThat(days(first.minusDays(1), LocalDate.parse(last.path("date").asText())).path("balanced").asBoolean())
                .as("the days before").isTrue();
    }

    @Test
    void eachDaysClaimsAreCheckedAgainstThePayeesCursorsAndADroppedRangeOrAChangedPostingIsNamed() {
        String brandId = desk.marketplace.brand();
        String productId = desk.marketplace.product(brandId, 2_000);
        String hostId = desk.marketplace.independentHost();
        desk.maturedOrder(productId, hostId, 10_000);
        desk.maturedOrder(productId, hostId, 12_000);
        LocalDate clean = today();
        JsonNode run = desk.draftRun();
        stores.writeLedgerDayLog();
        desk.clock.advance(Duration.ofDays(1).plusHours(2));
        desk.runJobs();

        JsonNode day = days(clean, clean).path("days").get(0);
        assertThat(day.path("balanced").asBoolean()).as(day.toString()).isTrue();
        assertThat(day.path("claimsChecked").asLong()).as("one claim per line of the run").isEqualTo(run.path("lineCount").asLong());
        assertThat(day.path("claimRangesChecked").asLong()).as("a range per payee shard claimed from")
                .isGreaterThanOrEqualTo(run.path("lineCount").asLong());
        assertThat(day.path("claimMismatchCount").asLong()).isZero();

        // the next day: the brand's claim range deleted, and a posting the host's range covers changed by 7 fen
        desk.maturedOrder(productId, hostId, 30_000);
        LocalDate tampered = today();
        String runId = desk.draftRun().path("runId").asText();
        Map<String, AttributeValue> brandRange = claimRanges(brandId, runId).get(0);
        stores.dynamoDb().deleteItem(DeleteItemRequest.builder().tableName(Tables.SETTLEMENT.tableName())
                .key(Map.of("pk", brandRange.get("pk"), "sk", brandRange.get("sk"))).build());
        Map<String, AttributeValue> hostRange = claimRanges(hostId, runId).get(0);
        int hostShard = Integer.parseInt(hostRange.get("shard").n());
        stores.dynamoDb().updateItem(UpdateItemRequest.builder().tableName(Tables.LEDGER.tableName())
                .key(Items.key(LedgerShards.partyKey(hostId, hostShard), hostRange.get("through").s()))
                .updateExpression("ADD amountFen :fen").expressionAttributeValues(Map.of(":fen", Items.n(7))).build());
        JsonNode full = desk.reconciliation();
        assertThat(full.path("cursorMismatches")).as("the whole-ledger check sees the host's 7 fen too")
                .anySatisfy(m -> assertThat(m.path("party").asText()).isEqualTo(hostId));
        stores.writeLedgerDayLog();
        desk.clock.advance(Duration.ofDays(1).plusHours(2));
        desk.runJobs();

        JsonNode drift = days(tampered, tampered).path("days").get(0);
        assertThat(drift.path("balanced").asBoolean()).isFalse();
        assertThat(drift.path("claimMismatches")).as(drift.toString()).anySatisfy(m -> {
            assertThat(m.path("party").asText()).isEqualTo(hostId);
            assertThat(m.path("shard").asInt()).isEqualTo(hostShard);
            assertThat(m.path("runId").asText()).isEqualTo(runId);
            assertThat(m.path("foundFen").asLong() - m.path("expectedFen").asLong()).isEqualTo(7);
        });
        assertThat(drift.path("claimMismatches")).anySatisfy(m ->
                assertThat(m.path("problem").asText()).contains("claims posted on the day"));
        assertThat(days(clean, clean).path("balanced").asBoolean()).as("the day before").isTrue();
    }

    @Test
    void theWholeLedgerCheckReadsNoMoreThanItsBoundAndPointsAtTheDaysPastIt() {
        String brandId = desk.marketplace.brand();
        String productId = desk.marketplace.product(brandId, 2_000);
        desk.maturedOrder(productId, desk.marketplace.independentHost(), 10_000);
        desk.draftRun();
        LedgerRepository ledger = new LedgerRepository(stores.dynamoDb());
        SettlementRepository runs = new SettlementRepository(stores.dynamoDb(), ledger, new CapacityMeter());
        Caller finance = new Caller("finance@alliance.local", Role.FINANCE, Account.PLATFORM);

        assertThatThrownBy(() -> new FinanceReports(ledger, runs, desk.clock, 10).reconcile(finance))
                .isInstanceOfSatisfying(ConflictException.class, e -> {
                    assertThat(e.code()).isEqualTo("LEDGER_TOO_LARGE");
                    assertThat(e.getMessage()).contains("GET /finance/reconciliation/days");
                });
        Reconciliation.Report whole = new FinanceReports(ledger, runs, desk.clock, 10_000).reconcile(finance);
        assertThat(whole.balanced()).isTrue();
        assertThat(whole.postings()).isPositive();
        assertThat(whole.summary()).isEqualTo(desk.reconciliation().path("summary").asText());
        Reconciliation.Report unbounded = new FinanceReports(ledger, runs, desk.clock, Long.MAX_VALUE).reconcile(finance);
        assertThat(unbounded.summary()).as("a drill's check, without a bound").isEqualTo(whole.summary());
    }

    /** The claim range items of a payee's claim in a run, read by a scan: what a tamperer would find. */
    private List<Map<String, AttributeValue>> claimRanges(String party, String runId) {
        List<Map<String, AttributeValue>> ranges = stores.dynamoDb().scanPaginator(ScanRequest.builder()
                        .tableName(Tables.SETTLEMENT.tableName())
                        .filterExpression("begins_with(pk, :pk) AND runId = :run")
                        .expressionAttributeValues(Map.of(":pk", Items.s("CLAIMRANGE#" + party + "#"), ":run", Items.s(runId)))
                        .build()).items().stream().toList();
        assertThat(ranges).as("claim ranges of %s in %s", party, runId).isNotEmpty();
        return ranges;
    }

    @Test
    void aPartWrittenTwiceOrOverlappingAnotherCountsEachPostingOnce() {
        DayLogRepository log = new DayLogRepository(stores.dynamoDb());
        LocalDate day = LocalDate.of(2031, 3, 14);
        List<LoggedPosting> postings = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            postings.add(new LoggedPosting("ev-" + i + "#0", "order-x", "ev-" + i, AccountType.HOST, "h_1",
                    PostingState.PENDING, 100 + i));
        }
        int slice = LedgerDayLog.sliceOf("order-x");
        log.append(new LedgerDayLog.Part(day, slice, "0001", postings));
        log.append(new LedgerDayLog.Part(day, slice, "0001", postings));
        log.append(new LedgerDayLog.Part(day, slice, "0003", postings.subList(2, 4)));

        assertThat(log.slicePostings(day, slice)).containsExactlyInAnyOrderElementsOf(postings);
    }

    private static JsonNode nonZero(JsonNode totals) {
        var copy = totals.deepCopy();
        List<String> zero = new ArrayList<>();
        copy.properties().forEach(e -> {
            if (e.getValue().asLong() == 0) {
                zero.add(e.getKey());
            }
        });
        zero.forEach(name -> ((com.fasterxml.jackson.databind.node.ObjectNode) copy).remove(name));
        return copy;
    }
}
