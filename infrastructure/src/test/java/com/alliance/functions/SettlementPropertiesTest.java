package com.alliance.functions;

import static org.assertj.core.api.Assertions.assertThat;

import com.alliance.ledger.AccountType;
import com.alliance.ledger.LedgerRepository;
import com.alliance.money.Bps;
import com.alliance.orders.CommissionSplit;
import com.alliance.orders.CommissionTerms;
import com.alliance.persistence.CapacityMeter;
import com.alliance.settlement.RunEntry;
import com.alliance.settlement.SettlementRepository;
import com.alliance.testing.ApiCalls.Answer;
import com.alliance.testing.FinanceDesk;
import com.alliance.testing.LocalStores;
import com.alliance.testing.OrderEvents;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * For random order streams and random interleavings of runs, approvals, payouts and cancellations
 * (two runs at once among them), against DynamoDB Local: no posting is settled twice, no fen appears
 * or disappears, and reconciliation finds no drift.
 */
class SettlementPropertiesTest {

    /** Stores of its own: reconciliation reads the whole ledger, and other tests plant drift in theirs. */
    private static final LocalStores STORES = LocalStores.isolated();
    private static final Bps HOST_RATE = Bps.of(2_000);
    private static final Bps LEAD_RATE = Bps.of(200);

    sealed interface Action permits Sell, Mature, Refund, Run, TwoRuns, Approve, Cancel, Pay {
    }

    /** A sale paid 20 days ago and received 18 days ago, matured at once when {@code matureNow}. */
    record Sell(int host, long paidFen, boolean throughLead, boolean matureNow) implements Action {
    }

    record Mature() implements Action {
    }

    record Refund(int order, int shareBps) implements Action {
    }

    record Run() implements Action {
    }

    record TwoRuns() implements Action {
    }

    record Approve(int run) implements Action {
    }

    record Cancel(int run) implements Action {
    }

    record Pay(int run, int everyNth) implements Action {
    }

    /** An order as the test knows it: who it pays and how much has been refunded. */
    private static final class Order {
        final String orderId;
        final String hostId;
        final long paidFen;
        final String leadId;
        long refundedFen;

        Order(String orderId, String hostId, long paidFen, String leadId) {
            this.orderId = orderId;
            this.hostId = hostId;
            this.paidFen = paidFen;
            this.leadId = leadId;
        }
    }

    @Property(tries = 20)
    void noPostingIsSettledTwiceNoFenIsLostAndNothingDrifts(@ForAll("actions") List<Action> actions) throws Exception {
        FinanceDesk desk = new FinanceDesk(STORES);
        String brandId = desk.marketplace.brand();
        String productId = desk.marketplace.product(brandId, HOST_RATE.value());
        List<String> hosts = List.of(desk.marketplace.independentHost(), desk.marketplace.independentHost(),
                desk.marketplace.independentHost());
        hosts.forEach(host -> desk.marketplace.pick(host, productId));
        String leadId = "lead-" + System.nanoTime();
        List<Order> orders = new ArrayList<>();
        List<String> runs = new ArrayList<>();
        Map<String, String> statuses = new HashMap<>();

        for (Action action : actions) {
            desk.clock.advance(Duration.ofMinutes(1));
            if (action instanceof Sell sell) {
                String orderId = FinanceDesk.orderId();
                String host = hosts.get(sell.host());
                Instant now = desk.clock.instant();
                desk.deliver(sell.throughLead()
                                ? OrderEvents.paidThroughLead(orderId, now.minus(Duration.ofDays(20)), productId, host, sell.paidFen(), leadId)
                                : OrderEvents.paid(orderId, now.minus(Duration.ofDays(20)), productId, host, sell.paidFen()),
                        OrderEvents.milestone("ORDER_SHIPPED", orderId, now.minus(Duration.ofDays(19))),
                        OrderEvents.milestone("ORDER_RECEIVED", orderId, now.minus(Duration.ofDays(18))));
                orders.add(new Order(orderId, host, sell.paidFen(), sell.throughLead() ? leadId : null));
                if (sell.matureNow()) {
                    desk.runJobs();
                }
            } else if (action instanceof Mature) {
                desk.runJobs();
            } else if (action instanceof Refund refund) {
                if (!orders.isEmpty()) {
                    Order order = orders.get(refund.order() % orders.size());
                    long remaining = order.paidFen - order.refundedFen;
                    long fen = Math.min(remaining, Math.max(1, remaining * refund.shareBps() / 10_000));
                    if (fen > 0) {
                        desk.deliver(OrderEvents.refunded(order.orderId, desk.clock.instant(), fen));
                        order.refundedFen += fen;
                    }
                }
            } else if (action instanceof Run) {
                String runId = desk.draftRun().path("runId").asText();
                runs.add(runId);
                statuses.put(runId, "DRAFT");
            } else if (action instanceof TwoRuns) {
                Instant cutoff = desk.clock.instant();
                ExecutorService pool = Executors.newFixedThreadPool(2);
                List<Future<Answer>> created = List.of(
                        pool.submit(() -> desk.createRun(cutoff, "a-" + System.nanoTime())),
                        pool.submit(() -> desk.createRun(cutoff, "b-" + System.nanoTime())));
                for (Future<Answer> answer : created) {
                    assertThat(answer.get().status()).isEqualTo(201);
                    runs.add(answer.get().body().path("runId").asText());
                    statuses.put(answer.get().body().path("runId").asText(), "DRAFT");
                }
                pool.shutdown();
            } else if (action instanceof Approve approve) {
                if (!runs.isEmpty()) {
                    String runId = recent(runs, approve.run());
                    Answer answer = desk.approve(runId);
                    if ("DRAFT".equals(statuses.get(runId))) {
                        assertThat(answer.status()).isEqualTo(200);
                        statuses.put(runId, "APPROVED");
                    } else {
                        assertThat(answer.errorCode()).isEqualTo("RUN_NOT_DRAFT");
                    }
                }
            } else if (action instanceof Cancel cancel) {
                if (!runs.isEmpty()) {
                    String runId = recent(runs, cancel.run());
                    Answer answer = desk.cancel(runId);
                    if ("DRAFT".equals(statuses.get(runId))) {
                        assertThat(answer.body().path("status").asText()).isEqualTo("CANCELLED");
                        statuses.put(runId, "CANCELLED");
                    } else {
                        assertThat(answer.errorCode()).isEqualTo("RUN_NOT_DRAFT");
                    }
                }
            } else if (action instanceof Pay pay) {
                if (!runs.isEmpty()) {
                    String runId = recent(runs, pay.run());
                    List<JsonNode> unpaid = desk.entries(runId, "lines").stream()
                            .filter(l -> l.path("status").asText().equals("UNPAID")).toList();
                    Map<String, String> refs = new LinkedHashMap<>();
                    for (int i = 0; i < unpaid.size(); i += pay.everyNth()) {
                        refs.put(unpaid.get(i).path("lineId").asText(), "PAY-" + i + "-" + runId);
                    }
                    if (!refs.isEmpty()) {
                        Answer answer = desk.pay(runId, refs);
                        if ("APPROVED".equals(statuses.get(runId))) {
                            assertThat(answer.status()).as(answer.body().toString()).isEqualTo(200);
                            statuses.put(runId, answer.body().path("status").asText());
                        } else {
                            assertThat(answer.status()).isEqualTo(409);
                        }
                    }
                }
            }
        }
        desk.runJobs();

        Map<String, Long> earned = earned(orders, brandId);
        Map<String, Map<String, Long>> lines = linesByParty(earned.keySet());
        for (Map.Entry<String, Long> party : earned.entrySet()) {
            JsonNode balance = desk.balance(party.getKey());
            Map<String, Long> claimed = lines.getOrDefault(party.getKey(), Map.of());
            assertThat(balance.path("totalFen").asLong()).as("no fen appears or disappears for " + party.getKey())
                    .isEqualTo(party.getValue());
            assertThat(balance.path("paidOutFen").asLong()).as("paid out = paid lines")
                    .isEqualTo(claimed.getOrDefault("PAID", 0L));
            assertThat(balance.path("settledUnpaidFen").asLong()).as("settled unpaid = unpaid lines")
                    .isEqualTo(claimed.getOrDefault("UNPAID", 0L));
        }
        Statistics.label("lines by status").collect(lines.values().stream().flatMap(m -> m.keySet().stream())
                .distinct().sorted().toList());
        Statistics.label("runs").collect(runs.isEmpty() ? "none" : runs.size() < 3 ? "1-2" : "3+");
        JsonNode reconciliation = desk.reconciliation();
        assertThat(reconciliation.path("balanced").asBoolean()).as(reconciliation.toString()).isTrue();
        assertThat(reconciliation.path("cursorMismatches")).as("no posting claimed twice or skipped").isEmpty();
    }

    /** The {@code back}-th most recent run (wrapping): interleavings mostly act on fresh runs. */
    private static String recent(List<String> runs, int back) {
        return runs.get(runs.size() - 1 - back % runs.size());
    }

    /** What each party has earned, net of refunds, by hand: the split of each order scaled to what is left. */
    private static Map<String, Long> earned(List<Order> orders, String brandId) {
        Map<String, Long> earned = new TreeMap<>();
        for (Order order : orders) {
            CommissionTerms terms = CommissionTerms.distribution(brandId, HOST_RATE);
            if (order.leadId != null) {
                terms = terms.withLead(order.leadId, LEAD_RATE);
            }
            CommissionSplit split = CommissionSplit.of(order.paidFen, terms).scaledTo(order.paidFen - order.refundedFen);
            earned.merge(order.hostId, split.hostFen(), Long::sum);
            earned.merge(brandId, split.brandFen(), Long::sum);
            if (order.leadId != null) {
                earned.merge(order.leadId, split.leadFen(), Long::sum);
            }
        }
        return earned;
    }

    /** Line amounts per party and line status, over every run in the store. */
    private static Map<String, Map<String, Long>> linesByParty(Set<String> parties) {
        Map<String, Map<String, Long>> byParty = new HashMap<>();
        new SettlementRepository(STORES.dynamoDb(), new LedgerRepository(STORES.dynamoDb()), new CapacityMeter())
                .forEachItem(run -> { }, entry -> {
                    if (entry.isLine() && parties.contains(entry.party())) {
                        byParty.computeIfAbsent(entry.party(), p -> new HashMap<>())
                                .merge(entry.status().orElseThrow().name(), entry.amountFen(), Long::sum);
                    }
                }, cursor -> { }, Long.MAX_VALUE);
        return byParty;
    }

    /**
     * Rounds of: sales (matured at once or not), refunds, a run (or two at once), what finance does with
     * it (leave it, approve, approve and pay all or some, cancel), refunds after that (clawbacks), and
     * now and then an action on an older run, so every path is taken in every order.
     */
    @Provide
    Arbitrary<List<Action>> actions() {
        Arbitrary<Sell> sell = Combinators.combine(Arbitraries.integers().between(0, 2),
                Arbitraries.longs().between(100, 50_000), Arbitraries.of(true, false), Arbitraries.of(true, false))
                .as(Sell::new);
        Arbitrary<Refund> refund = Combinators.combine(Arbitraries.integers().between(0, 20),
                Arbitraries.integers().between(1, 10_000)).as(Refund::new);
        Arbitrary<Action> run = Arbitraries.of(new Run(), new Run(), new Run(), new TwoRuns());
        Arbitrary<Integer> recent = Arbitraries.integers().between(0, 2);
        Arbitrary<Action> older = Arbitraries.oneOf(recent.map(Approve::new), recent.map(Cancel::new),
                Combinators.combine(recent, Arbitraries.integers().between(1, 2)).as(Pay::new),
                Arbitraries.just(new Mature()));
        Arbitrary<List<Action>> round = Combinators.combine(sell.list().ofMinSize(1).ofMaxSize(3),
                Arbitraries.of(true, true, false), refund.list().ofMaxSize(1), run, Arbitraries.integers().between(0, 4),
                refund.list().ofMaxSize(2), older.list().ofMaxSize(1)).as((sells, mature, before, runs, fate, after, extra) -> {
                    List<Action> actions = new ArrayList<>(sells);
                    if (mature) {
                        actions.add(new Mature());
                    }
                    actions.addAll(before);
                    actions.add(runs);
                    switch (fate) {
                        case 1 -> actions.add(new Approve(0));
                        case 2 -> actions.addAll(List.of(new Approve(0), new Pay(0, 1)));
                        case 3 -> actions.addAll(List.of(new Approve(0), new Pay(0, 2)));
                        case 4 -> actions.add(new Cancel(0));
                        default -> { }
                    }
                    actions.addAll(after);
                    actions.addAll(extra);
                    return actions;
                });
        return round.list().ofMinSize(1).ofMaxSize(3)
                .map(rounds -> rounds.stream().flatMap(List::stream).toList());
    }
}
