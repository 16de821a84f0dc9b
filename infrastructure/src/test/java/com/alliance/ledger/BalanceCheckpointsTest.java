package com.alliance.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import com.alliance.persistence.SortableTime;
import com.alliance.persistence.Tables;
import com.alliance.testing.LocalStores;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;

/**
 * A balance read from checkpoints and the postings after them is exactly the sum of the party's postings, and
 * so is an opening balance at any sort key, however reads, new postings and the passing of time interleave:
 * time moves forward, each posting is committed within a function's lifetime of its time, readers write
 * checkpoints as they go. The platform party (256 shards) and a host (16) both.
 */
class BalanceCheckpointsTest {

    private static final LocalStores STORES = LocalStores.isolated();

    /** Time only moves forward, across tries too: the platform's postings are shared by them all. */
    private static Instant clock = Instant.parse("2026-03-01T00:00:00Z");

    private final DynamoDbClient dynamoDb = STORES.dynamoDb();
    private final Random sparse = new Random();
    /** Checkpoints every 1 to 3 postings, so a few dozen postings make a long chain of them. */
    private final LedgerRepository ledger = new LedgerRepository(dynamoDb, 1 + sparse.nextInt(3));

    @Property(tries = 6)
    void balancesAndOpeningBalancesEqualTheSumOfThePostingsWhateverTheOrderOfReadsAndWrites(
            @ForAll @LongRange(min = 1, max = 1_000_000) long seed) {
        Random random = new Random(seed);
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String host = "h_ckpt_" + tag;
        Instant now = clock.plus(Duration.ofMinutes(random.nextInt(3_000)));
        int orders = 0;
        for (int round = 0; round < 6; round++) {
            int writes = random.nextInt(12);
            for (int i = 0; i < writes; i++) {
                // a posting's time is at most a function's lifetime before its commit
                Instant at = now.minusSeconds(random.nextInt((int) BalanceCheckpoints.SETTLED_AFTER.toSeconds()));
                post(host, "o_ckpt_" + tag + "_" + orders++, at, random);
            }
            for (String party : List.of(host, Account.PLATFORM)) {
                if (party.equals(Account.PLATFORM) && round != 5) {
                    continue;
                }
                List<LedgerEntry> all = ledger.entriesOf(party);
                assertThat(ledger.totals(party, now)).as("balance of %s at %s", party, now).isEqualTo(sum(all, all.size()));
            }
            List<LedgerEntry> hosts = ledger.entriesOf(host);
            for (int i = 0; i < 2 && !hosts.isEmpty(); i++) {
                int cut = random.nextInt(hosts.size());
                assertThat(ledger.totalsThrough(host, hosts.get(cut).sortKey(), now)).as("opening through posting %d", cut)
                        .isEqualTo(sum(hosts, cut + 1));
                Instant from = hosts.get(cut).postedAt().minus(BalanceCheckpoints.BUCKET.multipliedBy(random.nextInt(3)));
                String fromKey = "POST#" + SortableTime.of(BalanceCheckpoints.bucketOf(from));
                assertThat(ledger.totalsThrough(host, fromKey, now)).as("opening at %s", fromKey)
                        .isEqualTo(sum(hosts, (int) hosts.stream().filter(e -> e.sortKey().compareTo(fromKey) <= 0).count()));
            }
            now = now.plus(Duration.ofMinutes(random.nextInt(3) == 0 ? random.nextInt(5) : 10 + random.nextInt(600)));
        }
        // two orders on one shard of the host, in two buckets: a read that passes the second bucket's start once it
        // has settled must checkpoint it, whatever the random rounds wrote before
        String first = "o_ckpt_" + tag + "_" + orders++;
        post(host, first, now, random);
        post(host, orderOnShardOf(host, first, tag), now.plus(BalanceCheckpoints.BUCKET), random);
        now = now.plus(BalanceCheckpoints.SETTLED_AFTER).plus(BalanceCheckpoints.BUCKET.multipliedBy(3));
        List<LedgerEntry> all = ledger.entriesOf(host);
        assertThat(ledger.totals(host, now)).as("balance once everything settled").isEqualTo(sum(all, all.size()));
        clock = now;
        assertThat(checkpointsOf(host)).as("the host's settled buckets were checkpointed").isPositive();
    }

    /** One order's balanced postings: the host's commission and the platform's fee, in a random state. */
    private void post(String host, String orderId, Instant at, Random random) {
        PostingState state = PostingState.values()[random.nextInt(PostingState.values().length)];
        long commission = (random.nextBoolean() ? 1 : -1) * (1 + random.nextInt(100_000));
        long fee = 1 + random.nextInt(10_000);
        String eventId = "ev-" + orderId;
        List<Posting> postings = new ArrayList<>();
        postings.add(new Posting(Posting.idOf(eventId, 0), orderId, eventId, Account.orderClearing(orderId),
                -(commission + fee), state, "buyer payment"));
        postings.add(new Posting(Posting.idOf(eventId, 1), orderId, eventId, Account.host(host), commission, state, "share"));
        postings.add(new Posting(Posting.idOf(eventId, 2), orderId, eventId, Account.platformSalesFee(), fee, state, "fee"));
        dynamoDb.transactWriteItems(TransactWriteItemsRequest.builder()
                .transactItems(ledger.writes(new PostingSet(eventId, orderId, postings).postings(), at)).build());
    }

    /** Another order id whose host posting lands on the same ledger shard as {@code orderId}'s. */
    private static String orderOnShardOf(String host, String orderId, String tag) {
        int shard = LedgerShards.of(hostPosting(host, orderId));
        for (int n = 0; ; n++) {
            String candidate = "o_ckpt_" + tag + "_same_" + n;
            if (LedgerShards.of(hostPosting(host, candidate)) == shard) {
                return candidate;
            }
        }
    }

    private static Posting hostPosting(String host, String orderId) {
        return new Posting(Posting.idOf("ev-" + orderId, 1), orderId, "ev-" + orderId, Account.host(host), 1,
                PostingState.PENDING, "share");
    }

    private static Map<PostingState, Long> sum(List<LedgerEntry> entries, int first) {
        Map<PostingState, Long> totals = new TreeMap<>();
        entries.subList(0, first).forEach(e -> totals.merge(e.posting().state(), e.posting().amountFen(), Long::sum));
        totals.values().removeIf(fen -> fen == 0);
        return totals;
    }

    private int checkpointsOf(String party) {
        int count = 0;
        for (int shard = 0; shard < LedgerShards.PAYEE_SHARDS; shard++) {
            count += dynamoDb.query(QueryRequest.builder().tableName(Tables.LEDGER.tableName())
                    .keyConditionExpression("pk = :pk").expressionAttributeValues(Map.of(":pk",
                            com.alliance.persistence.Items.s(BalanceCheckpoints.partitionKey(party, shard)))).build()).count();
        }
        return count;
    }
}
