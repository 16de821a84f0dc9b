package com.alliance.testing;

import static com.alliance.testing.ApiCalls.call;
import static com.alliance.testing.ApiCalls.claims;
import static org.assertj.core.api.Assertions.assertThat;

import com.alliance.functions.CatalogFunction;
import com.alliance.functions.Clients;
import com.alliance.functions.FinanceFunction;
import com.alliance.functions.OrderEventsFunction;
import com.alliance.functions.BackgroundJobs;
import com.alliance.functions.Settings;
import com.alliance.json.Json;
import com.alliance.testing.ApiCalls.Answer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The finance side of a marketplace for handler tests: orders delivered through the real event
 * handler, matured by the real jobs, settled and paid through the real finance handler.
 */
public final class FinanceDesk {

    public static final Map<String, String> FINANCE = claims("finance", "platform");
    private static final AtomicReference<Instant> NEXT_START = new AtomicReference<>(Instant.parse("2027-01-01T00:00:00Z"));

    public final MutableClock clock;
    public final CatalogFunction catalog;
    public final OrderEventsFunction events;
    public final BackgroundJobs jobs;
    public final FinanceFunction finance;
    public final Marketplace marketplace;

    public FinanceDesk(LocalStores stores, MutableClock clock, Settings settings) {
        this.clock = clock;
        Clients clients = stores.clients(clock).withSettings(settings);
        this.catalog = new CatalogFunction(clients);
        this.events = new OrderEventsFunction(clients);
        this.jobs = new BackgroundJobs(clients);
        this.finance = new FinanceFunction(clients);
        this.marketplace = new Marketplace(clients);
    }

    public FinanceDesk(LocalStores stores) {
        this(stores, nextClock(), Settings.defaults());
    }

    /**
     * A clock that starts later than every clock handed out before: settlement cursors only move
     * forward in time, and tests share one DynamoDB, so each test's postings come after the last's.
     */
    public static MutableClock nextClock() {
        return new MutableClock(NEXT_START.getAndUpdate(start -> start.plus(Duration.ofDays(120))));
    }

    public static String orderId() {
        return "o-" + UUID.randomUUID();
    }

    public void deliver(String... bodies) {
        assertThat(events.handle(OrderEvents.batch(bodies)).getBatchItemFailures()).isEmpty();
    }

    /** An order paid 20 days ago, shipped and received since: due, not yet matured; the host picked the product first, as hosts do. */
    public String receivedOrder(String productId, String hostId, long paidFen) {
        marketplace.pickOnce(hostId, productId);
        String order = orderId();
        Instant now = clock.instant();
        deliver(OrderEvents.paid(order, now.minus(Duration.ofDays(20)), productId, hostId, paidFen),
                OrderEvents.milestone("ORDER_SHIPPED", order, now.minus(Duration.ofDays(19))),
                OrderEvents.milestone("ORDER_RECEIVED", order, now.minus(Duration.ofDays(18))));
        return order;
    }

    /** An order paid, received and matured: its shares settleable. */
    public String maturedOrder(String productId, String hostId, long paidFen) {
        String order = receivedOrder(productId, hostId, paidFen);
        runJobs();
        return order;
    }

    public Map<String, Long> runJobs() {
        clock.advance(Duration.ofSeconds(1));
        Map<String, Long> report = jobs.drainAll();
        clock.advance(Duration.ofSeconds(1));
        return report;
    }

    public Answer createRun(Instant cutoff, String idempotencyKey) {
        return call(finance, "POST /finance/settlement-runs", Map.of(), Json.write(Json.object()
                .put("cutoff", cutoff.toString()).put("idempotencyKey", idempotencyKey)), FINANCE);
    }

    /** A run of everything settleable up to now, expected to be created DRAFT. */
    public JsonNode draftRun() {
        Answer created = createRun(clock.instant(), "key-" + UUID.randomUUID());
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        assertThat(created.body().path("status").asText()).isEqualTo("DRAFT");
        clock.advance(Duration.ofSeconds(1));
        return created.body();
    }

    public Answer run(String runId, Map<String, String> query) {
        return call(finance, "GET /finance/settlement-runs/{runId}", Map.of("runId", runId), query, null, FINANCE);
    }

    public Answer approve(String runId) {
        return call(finance, "POST /finance/settlement-runs/{runId}/approve", Map.of("runId", runId), null, FINANCE);
    }

    public Answer cancel(String runId) {
        return call(finance, "POST /finance/settlement-runs/{runId}/cancel", Map.of("runId", runId), null, FINANCE);
    }

    public Answer pay(String runId, Map<String, String> refsByLineId) {
        ObjectNode body = Json.object();
        ArrayNode payments = body.putArray("payments");
        refsByLineId.forEach((line, ref) -> payments.addObject().put("lineId", line).put("paymentRef", ref));
        Answer answer = call(finance, "POST /finance/settlement-runs/{runId}/payouts", Map.of("runId", runId),
                Json.write(body), FINANCE);
        clock.advance(Duration.ofSeconds(1));
        return answer;
    }

    public JsonNode balance(String party) {
        Answer answer = call(finance, "GET /finance/balances", Map.of(), Map.of("party", party), null, FINANCE);
        assertThat(answer.status()).isEqualTo(200);
        JsonNode b = answer.body();
        assertThat(b.path("pendingFen").asLong() + b.path("heldFen").asLong() + b.path("settleableFen").asLong()
                + b.path("settledUnpaidFen").asLong() + b.path("paidOutFen").asLong())
                .as("the five balances add up to the total").isEqualTo(b.path("totalFen").asLong());
        return b;
    }

    /** Every line and carried payee of a run, through its pages. */
    public List<JsonNode> entries(String runId, String kind) {
        List<JsonNode> all = new ArrayList<>();
        Optional<String> next = Optional.empty();
        do {
            Map<String, String> query = new HashMap<>(Map.of("limit", "50"));
            next.ifPresent(token -> query.put("next", token));
            Answer page = run(runId, query);
            assertThat(page.status()).isEqualTo(200);
            page.body().path(kind).forEach(all::add);
            JsonNode token = page.body().path("next");
            next = token.isNull() || token.isMissingNode() ? Optional.empty() : Optional.of(token.asText());
        } while (next.isPresent());
        return all;
    }

    public Optional<JsonNode> line(String runId, String party) {
        return entries(runId, "lines").stream().filter(l -> l.path("party").asText().equals(party)).findFirst();
    }

    public JsonNode reconciliation() {
        Answer answer = call(finance, "GET /finance/reconciliation", Map.of(), null, FINANCE);
        assertThat(answer.status()).isEqualTo(200);
        return answer.body();
    }
}
