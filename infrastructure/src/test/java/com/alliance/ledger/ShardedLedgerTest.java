package com.alliance.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import com.alliance.auth.Caller;
import com.alliance.auth.Role;
import com.alliance.jobs.Deadline;
import com.alliance.jobs.ShardLeases;
import com.alliance.persistence.CapacityMeter;
import com.alliance.persistence.Items;
import com.alliance.persistence.SortableTime;
import com.alliance.persistence.Tables;
import com.alliance.persistence.WriteShards;
import com.alliance.settlement.Claim;
import com.alliance.settlement.FinanceReports;
import com.alliance.settlement.LineStatus;
import com.alliance.settlement.RunEntry;
import com.alliance.settlement.SettlementRepository;
import com.alliance.settlement.SettlementRun;
import com.alliance.settlement.SettlementService;
import com.alliance.settlement.SettlementSettings;
import com.alliance.testing.LocalStores;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;

/**
 * The ledger's party partitions are write-sharded by order id, reads fan out over the shards and
 * merge, and settlement claims a payee over all its shards in one line, through one cursor per shard.
 * On stores of their own: the runs here claim every due payee and reconcile the whole ledger.
 */
class ShardedLedgerTest {

    private static final LocalStores STORES = LocalStores.isolated();
    private static final Caller FINANCE = new Caller("finance@alliance.local", Role.FINANCE, "platform");

    private final DynamoDbClient dynamoDb = STORES.dynamoDb();
    private final LedgerRepository ledger = new LedgerRepository(dynamoDb);
    private final SettlementRepository runs = new SettlementRepository(dynamoDb, ledger, new CapacityMeter());
    private final SettlementService settlement = new SettlementService(runs, ledger, new ShardLeases(dynamoDb),
            SettlementSettings.defaults(), Clock.systemUTC());
    private final FinanceReports reports = new FinanceReports(ledger, runs, Clock.systemUTC());
    private final String tag = UUID.randomUUID().toString().substring(0, 8);

    /** Appends one balanced posting set of an order in its own transaction, as the order's commit would. */
    private void post(String orderId, String eventId, Instant at, PostingState state, Map<Account, Long> credits) {
        List<Posting> postings = new ArrayList<>();
        long total = credits.values().stream().mapToLong(Long::longValue).sum();
        postings.add(new Posting(Posting.idOf(eventId, 0), orderId, eventId, Account.orderClearing(orderId), -total,
                state, "buyer payment"));
        new TreeMap<>(credits).forEach((account, fen) -> postings.add(new Posting(Posting.idOf(eventId, postings.size()),
                orderId, eventId, account, fen, state, "share")));
        dynamoDb.transactWriteItems(TransactWriteItemsRequest.builder()
                .transactItems(ledger.writes(new PostingSet(eventId, orderId, postings).postings(), at)).build());
    }

    /** Settleable host commission of an order. */
    private void earned(String hostId, String orderId, long fen, Instant at) {
        post(orderId, "earn-" + orderId + "-" + at.toEpochMilli(), at, PostingState.SETTLEABLE, Map.of(Account.host(hostId), fen));
    }

    /** The partition keys the postings of an order are stored under, by party. */
    private Map<String, Set<String>> partitionsOf(String orderId) {
        Map<String, Set<String>> byParty = new TreeMap<>();
        dynamoDb.queryPaginator(QueryRequest.builder().tableName(Tables.LEDGER.tableName()).indexName("gsi1")
                        .keyConditionExpression("gsi1pk = :order")
                        .expressionAttributeValues(Map.of(":order", Items.s("ORDER#" + orderId))).build())
                .items().forEach(item -> byParty.computeIfAbsent(item.get("accountType").s() + ":" + item.get("party").s(),
                        p -> new HashSet<>()).add(item.get("pk").s()));
        return byParty;
    }

    /** Orders whose postings land on distinct payee shards, as many as asked for. */
    private List<String> ordersOnDistinctShards(int count, Set<Integer> avoid) {
        List<String> orders = new ArrayList<>();
        Set<Integer> shards = new HashSet<>(avoid);
        for (int i = 0; orders.size() < count; i++) {
            String order = "o_" + tag + "_" + i;
            if (shards.add(WriteShards.of(order, LedgerShards.PAYEE_SHARDS))) {
                orders.add(order);
            }
        }
        return orders;
    }

    private static int shardOf(String orderId) {
        return WriteShards.of(orderId, LedgerShards.PAYEE_SHARDS);
    }

    @Test
    void thePostingsOfOneOrderOnOneAccountShareOneShardWhateverTheEvent() {
        String order = "o_" + tag;
        String host = "h_" + tag;
        String brand = "b_" + tag;
        Instant paid = Instant.now().minus(Duration.ofDays(20));
        post(order, "pay-" + tag, paid, PostingState.PENDING, Map.of(Account.host(host), 1_000L,
                Account.brand(brand), 8_000L, Account.platformSalesFee(), 500L, Account.platformServiceFee(), 100L));
        post(order, "mature-" + tag, paid.plus(Duration.ofDays(15)), PostingState.SETTLEABLE,
                Map.of(Account.host(host), 1_000L, Account.brand(brand), 8_000L));

        Map<String, Set<String>> partitions = partitionsOf(order);

        assertThat(partitions.get("HOST:" + host)).containsExactly("PARTY#" + host + "#" + WriteShards.of(order, 16));
        assertThat(partitions.get("BRAND:" + brand)).containsExactly("PARTY#" + brand + "#" + WriteShards.of(order, 16));
        assertThat(partitions.get("PLATFORM_SALES_FEE:platform"))
                .containsExactly("PARTY#platform#" + WriteShards.of(order, 256));
        assertThat(partitions.get("ORDER_CLEARING:" + order)).containsExactly("CLEARING#" + order);
        assertThat(ledger.entriesOf(host)).filteredOn(e -> e.posting().orderId().equals(order))
                .extracting(LedgerEntry::postedAt).containsExactly(paid, paid.plus(Duration.ofDays(15)));
    }

    @Test
    void thePlatformsPostingsOfManyOrdersSpreadOverItsShards() {
        Instant at = Instant.now().minus(Duration.ofDays(3));
        Set<String> stored = new HashSet<>();
        Set<String> expected = new HashSet<>();
        for (int i = 0; i < 120; i++) {
            String order = "o_" + tag + "_p" + i;
            post(order, "pay-" + order, at.plusMillis(i), PostingState.PENDING, Map.of(Account.platformSalesFee(), 100L));
            stored.addAll(partitionsOf(order).get("PLATFORM_SALES_FEE:platform"));
            expected.add("PARTY#platform#" + WriteShards.of(order, LedgerShards.PLATFORM_SHARDS));
        }

        assertThat(stored).isEqualTo(expected);
        assertThat(stored).as("120 orders on at least 80 of the platform's 256 partitions").hasSizeGreaterThan(80);
    }

    @Test
    void aStatementPageAcrossShardsComesOutInSortKeyOrderAndNextContinuesWithoutLossOrRepeat() {
        String host = "h_" + tag;
        Instant start = Instant.parse("2026-06-01T00:00:00Z");
        for (int i = 0; i < 40; i++) {
            // every third order at the same instant as the one before: the posting id orders them
            earned(host, "o_" + tag + "_s" + i, 100 + i, start.plusSeconds(i - (i % 3 == 2 ? 1 : 0)));
        }
        List<LedgerEntry> all = ledger.entriesOf(host);
        assertThat(all).hasSize(40);
        assertThat(all.stream().map(e -> WriteShards.of(e.posting().orderId(), 16)).distinct().count()).isGreaterThan(5);
        assertThat(all).isSortedAccordingTo(Comparator.comparing(LedgerEntry::sortKey));

        List<LedgerEntry> paged = new ArrayList<>();
        Optional<String> next = Optional.empty();
        int pages = 0;
        do {
            LedgerRepository.EntryPage page = ledger.page(host, start, start.plus(Duration.ofDays(1)), next, 7);
            assertThat(page.entries()).isSortedAccordingTo(Comparator.comparing(LedgerEntry::sortKey));
            paged.addAll(page.entries());
            next = page.next();
            pages++;
        } while (next.isPresent());

        assertThat(pages).isEqualTo(6);
        assertThat(paged).extracting(LedgerEntry::sortKey).containsExactlyElementsOf(all.stream().map(LedgerEntry::sortKey).toList());
        String through = all.get(19).sortKey();
        assertThat(ledger.totalsThrough(host, through, Instant.now())).containsExactly(Map.entry(PostingState.SETTLEABLE,
                all.subList(0, 20).stream().mapToLong(e -> e.posting().amountFen()).sum()));
    }

    @Test
    void aPayeeWithPostingsOnSeveralShardsIsClaimedOnceInOneLineAndEachShardsCursorMovesPastItsPostings() {
        String host = "h_" + tag;
        Instant at = Instant.now().minus(Duration.ofHours(2));
        List<String> orders = ordersOnDistinctShards(4, Set.of());
        for (int i = 0; i < orders.size(); i++) {
            earned(host, orders.get(i), 1_000 * (i + 1), at.plusSeconds(i));
        }

        SettlementRun first = settlement.create(FINANCE, Instant.now().minusSeconds(1), "first-" + tag).run();
        SettlementRun second = settlement.create(FINANCE, Instant.now().minusSeconds(1), "second-" + tag).run();

        RunEntry line = runs.lines().entry(first, host).orElseThrow();
        assertThat(line.isLine()).isTrue();
        assertThat(line.amountFen()).isEqualTo(10_000);
        assertThat(line.hasStatus(LineStatus.UNPAID)).isTrue();
        assertThat(runs.lines().entry(second, host)).isEmpty();
        for (LedgerEntry entry : ledger.entriesOf(host)) {
            if (SettlementCursors.isClaimable(entry.posting())) {
                assertThat(runs.cursors().read(host, shardOf(entry.posting().orderId())).covers(entry.sortKey())).isTrue();
            }
        }
        assertThat(runs.cursors().readDue(host)).isEmpty();
        assertThat(reports.reconcile(FINANCE).balanced()).isTrue();
    }

    @Test
    void aPostingAppendedOnAClaimedShardAfterTheClaimIsReadFailsTheClaimAndIsClaimedOnceOnTheRetry() {
        String host = "h_" + tag;
        Instant at = Instant.now().minus(Duration.ofHours(2));
        List<String> orders = ordersOnDistinctShards(3, Set.of());
        for (int i = 0; i < orders.size(); i++) {
            earned(host, orders.get(i), 1_000, at.plusSeconds(i));
        }
        SettlementRun run = building();
        SortedMap<Integer, SettlementCursors.Cursor> cursors = runs.cursors().readDue(host);
        Claim claim = claimOf(host, cursors, run);
        assertThat(claim.shards()).hasSize(3);

        // a writer whose clock lags commits a posting made before the cutoff on one of the shards read
        earned(host, orders.get(1), 500, at.plusSeconds(30));

        assertThat(runs.claim(run, cursors, claim, claimPostings(run, claim), PayeeSlices.of(host), Instant.now()))
                .isEqualTo(SettlementRepository.Outcome.CURSOR_MOVED);
        SettlementRun built = settlement.build(run.runId(), Deadline.after(Duration.ofMinutes(1)));
        assertThat(runs.lines().entry(built, host).orElseThrow().amountFen()).isEqualTo(3_500);
        assertThat(reports.reconcile(FINANCE).balanced()).isTrue();
    }

    @Test
    void aPostingAppendedOnAnotherShardAfterTheClaimIsReadStaysForTheNextRunAndIsNeverClaimedTwice() {
        String host = "h_" + tag;
        Instant at = Instant.now().minus(Duration.ofHours(2));
        List<String> orders = ordersOnDistinctShards(2, Set.of());
        for (String order : orders) {
            earned(host, order, 2_000, at);
        }
        SettlementRun run = building();
        SortedMap<Integer, SettlementCursors.Cursor> cursors = runs.cursors().readDue(host);
        Claim claim = claimOf(host, cursors, run);
        String other = ordersOnDistinctShards(1, cursors.keySet()).get(0);

        earned(host, other, 700, at.plusSeconds(5));
        SettlementRepository.Outcome outcome = runs.claim(run, cursors, claim, claimPostings(run, claim), PayeeSlices.of(host), Instant.now());
        SettlementRun next = settlement.create(FINANCE, Instant.now().minusSeconds(1), "next-" + tag).run();
        SettlementRun last = settlement.create(FINANCE, Instant.now().minusSeconds(1), "last-" + tag).run();

        assertThat(outcome).isEqualTo(SettlementRepository.Outcome.APPLIED);
        assertThat(runs.lines().entry(run, host).orElseThrow().amountFen()).isEqualTo(4_000);
        assertThat(runs.lines().entry(next, host).orElseThrow().amountFen()).isEqualTo(700);
        assertThat(runs.lines().entry(last, host)).isEmpty();
        settlement.build(run.runId(), Deadline.after(Duration.ofMinutes(1)));
        assertThat(reports.reconcile(FINANCE).balanced()).isTrue();
    }

    /** A run inserted but not yet built, so a test can claim by hand. */
    private SettlementRun building() {
        SettlementRun run = SettlementRun.building("run_" + tag, Instant.now().minusSeconds(1), "key-" + tag,
                Instant.now(), "finance");
        assertThat(runs.insert(run)).isTrue();
        return run;
    }

    private Claim claimOf(String host, SortedMap<Integer, SettlementCursors.Cursor> cursors, SettlementRun run) {
        SortedMap<Integer, Optional<String>> through = new TreeMap<>();
        cursors.forEach((shard, cursor) -> through.put(shard, cursor.claimedThrough()));
        return Claim.of(host, through, ledger.entriesAfter(host, through), run.cutoff(), 100);
    }

    /** The claim postings a run writes: the amount moved from SETTLEABLE to SETTLED, per account. */
    private static List<Posting> claimPostings(SettlementRun run, Claim claim) {
        String eventId = SystemEvents.claim(run.runId(), claim.party());
        List<Posting> postings = new ArrayList<>();
        claim.byAccount().forEach((type, fen) -> {
            Account account = new Account(type, claim.party());
            postings.add(new Posting(Posting.idOf(eventId, postings.size()), run.runId(), eventId, account, -fen,
                    PostingState.SETTLEABLE, "claim"));
            postings.add(new Posting(Posting.idOf(eventId, postings.size()), run.runId(), eventId, account, fen,
                    PostingState.SETTLED, "claim"));
        });
        return postings;
    }
}
