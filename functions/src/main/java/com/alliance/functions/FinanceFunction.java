package com.alliance.functions;

import com.alliance.json.Period;
import com.alliance.errors.InvalidInputException;
import com.alliance.functions.api.ApiFunction;
import com.alliance.functions.api.ApiRequest;
import com.alliance.functions.api.ApiResponse;
import com.alliance.json.Fields;
import com.alliance.json.Json;
import com.alliance.persistence.CapacityMeter;
import com.alliance.settlement.BankPayments;
import com.alliance.settlement.DayReconciliation;
import com.alliance.settlement.FinanceReports;
import com.alliance.settlement.PaymentFile;
import com.alliance.settlement.RunStatus;
import com.alliance.settlement.RunEntry;
import com.alliance.settlement.RunLines;
import com.alliance.settlement.SettlementRepository;
import com.alliance.settlement.SettlementRun;
import com.alliance.settlement.SettlementService;
import com.alliance.settlement.Statement;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Finance: settlement runs (create, list, read, approve, cancel, record payouts, the bank's payment file out and
 * its results file in), balances, statements
 * (JSON or CSV) and the reconciliation of the ledger.
 */
public class FinanceFunction extends ApiFunction {

    static final int DEFAULT_LINES = 100;
    static final int MAX_LINES = 1_000;

    private final SettlementService settlement;
    private final FinanceReports reports;
    private final BankPayments bank;
    private final DayReconciliation days;
    static final int DEFAULT_RUNS = 20;
    static final int MAX_RUNS = 100;

    /** Lambda's entry: clients from the environment, once per container. */
    public FinanceFunction() {
        this(Clients.fromEnvironment());
    }

    public FinanceFunction(Clients clients) {
        this.settlement = Wiring.settlement(clients, new CapacityMeter());
        this.reports = Wiring.reports(clients);
        this.bank = Wiring.bankPayments(clients, settlement, new CapacityMeter());
        this.days = Wiring.dayReconciliation(clients);
        route("GET /finance/balances", this::balances);
        route("POST /finance/settlement-runs", this::createRun);
        route("GET /finance/settlement-runs", this::listRuns);
        route("GET /finance/settlement-runs/{runId}/payment-file", this::paymentFile);
        route("GET /finance/settlement-runs/{runId}/payment-file/summary", this::paymentFileSummary);
        route("POST /finance/settlement-runs/{runId}/payment-results", this::paymentResults, ApiRequest.MAX_FILE_BODY_BYTES);
        route("GET /finance/settlement-runs/{runId}", this::getRun);
        route("POST /finance/settlement-runs/{runId}/approve", this::approve);
        route("POST /finance/settlement-runs/{runId}/cancel", this::cancel);
        route("POST /finance/settlement-runs/{runId}/payouts", this::payouts);
        route("GET /finance/statements/{party}", this::statement);
        route("GET /finance/reconciliation", this::reconciliation);
        route("GET /finance/reconciliation/days", this::reconciliationDays);
    }

    private ApiResponse balances(ApiRequest request) {
        return ApiResponse.ok(FinanceJson.balance(reports.balance(request.caller(), request.query("party"))));
    }

    private ApiResponse createRun(ApiRequest request) {
        JsonNode body = request.jsonBody();
        Instant cutoff;
        try {
            cutoff = Instant.parse(Fields.text(body, "cutoff"));
        } catch (DateTimeParseException e) {
            throw InvalidInputException.field("cutoff", "cutoff must be an ISO-8601 instant, e.g. 2026-11-30T16:00:00Z");
        }
        String key = Fields.text(body, "idempotencyKey");
        SettlementService.Created created = settlement.create(request.caller(), cutoff, key);
        ObjectNode json = runJson(request, created.run());
        return created.created()
                ? ApiResponse.created(json, "/finance/settlement-runs/" + created.run().runId()) : ApiResponse.ok(json);
    }

    private ApiResponse listRuns(ApiRequest request) {
        Optional<RunStatus> status = request.query("status").map(text -> {
            try {
                return RunStatus.valueOf(text.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw InvalidInputException.field("status", "status must be one of " + java.util.Arrays.toString(RunStatus.values()));
            }
        });
        int limit = request.queryInt("limit", DEFAULT_RUNS, 1, MAX_RUNS);
        SettlementRepository.RunPage page = settlement.list(request.caller(), status, instant(request, "from"),
                instant(request, "to"), FinanceJson.token(request.query("next")), limit);
        return ApiResponse.ok(FinanceJson.runs(page));
    }

    private static Optional<Instant> instant(ApiRequest request, String name) {
        try {
            return request.query(name).map(Instant::parse);
        } catch (DateTimeParseException e) {
            throw InvalidInputException.field(name, name + " must be an ISO-8601 instant, e.g. 2026-11-30T16:00:00Z");
        }
    }

    private ApiResponse paymentFile(ApiRequest request) {
        PaymentFile file = bank.file(request.caller(), request.path("runId"));
        return ApiResponse.text("text/csv; charset=utf-8", file.csv());
    }

    private ApiResponse paymentFileSummary(ApiRequest request) {
        return ApiResponse.ok(FinanceJson.paymentFileSummary(bank.file(request.caller(), request.path("runId"))));
    }

    private ApiResponse paymentResults(ApiRequest request) {
        String runId = request.path("runId");
        return ApiResponse.ok(FinanceJson.imported(bank.importResults(request.caller(), runId, request.textBody())));
    }

    private ApiResponse getRun(ApiRequest request) {
        return ApiResponse.ok(runJson(request, settlement.get(request.caller(), request.path("runId"))));
    }

    private ApiResponse approve(ApiRequest request) {
        return ApiResponse.ok(runJson(request, settlement.approve(request.caller(), request.path("runId"))));
    }

    private ApiResponse cancel(ApiRequest request) {
        return ApiResponse.ok(runJson(request, settlement.cancel(request.caller(), request.path("runId"))));
    }

    private ApiResponse payouts(ApiRequest request) {
        JsonNode body = request.jsonBody();
        if (!body.has("payments")) {
            throw new InvalidInputException("FIELD_REQUIRED", "payments is required", "payments");
        }
        JsonNode array = Fields.array(body, "payments");
        List<SettlementService.Payment> payments = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            JsonNode payment = array.get(i);
            if (!payment.isObject()) {
                throw InvalidInputException.field("payments[" + i + "]", "each payment is {lineId, paymentRef}");
            }
            try {
                payments.add(new SettlementService.Payment(Fields.text(payment, "lineId"), Fields.text(payment, "paymentRef")));
            } catch (InvalidInputException e) {
                throw new InvalidInputException(e.code(), "payments[" + i + "]: " + e.getMessage(),
                        "payments[" + i + "]." + e.field().orElse(""));
            }
        }
        String runId = request.path("runId");
        List<RunEntry> paid = settlement.pay(request.caller(), runId, payments);
        SettlementRun run = settlement.get(request.caller(), runId);
        ObjectNode json = Json.object();
        json.put("runId", run.runId());
        json.put("status", run.status().name());
        json.put("totalFen", run.totalFen());
        json.put("paidFen", run.paidFen());
        json.put("paidLines", run.paidLines());
        json.put("lineCount", run.lineCount());
        ArrayNode lines = json.putArray("payments");
        paid.forEach(line -> lines.add(FinanceJson.line(line)));
        return ApiResponse.ok(json);
    }

    private ApiResponse statement(ApiRequest request) {
        String party = request.path("party");
        Period period = reports.period(request.query("from"), request.query("to"));
        boolean csv = request.header("Accept").map(a -> a.toLowerCase(Locale.ROOT).contains("text/csv")).orElse(false);
        if (csv) {
            Statement statement = reports.export(request.caller(), party, period);
            return ApiResponse.text("text/csv; charset=utf-8", FinanceJson.statementCsv(statement));
        }
        int limit = request.queryInt("limit", DEFAULT_LINES, 1, FinanceReports.MAX_PAGE);
        Statement statement = reports.statement(request.caller(), party, period,
                FinanceJson.token(request.query("next")), limit);
        return ApiResponse.ok(FinanceJson.statement(statement));
    }

    /** GET /finance/reconciliation/days?from=2026-11-01&to=2026-11-30: the day checkpoints of a period. */
    private ApiResponse reconciliationDays(ApiRequest request) {
        return ApiResponse.ok(FinanceJson.reconciliationDays(days.report(request.caller(), request.query("from"),
                request.query("to"))));
    }

    private ApiResponse reconciliation(ApiRequest request) {
        return ApiResponse.ok(FinanceJson.reconciliation(reports.reconcile(request.caller())));
    }

    private ObjectNode runJson(ApiRequest request, SettlementRun run) {
        int limit = request.queryInt("limit", DEFAULT_LINES, 1, MAX_LINES);
        Optional<String> after = FinanceJson.token(request.query("next"));
        RunLines.EntryPage page = settlement.entries(request.caller(), run.runId(), after, limit);
        return FinanceJson.run(run, page);
    }
}
