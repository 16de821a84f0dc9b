package com.alliance.functions;

import com.alliance.errors.InvalidInputException;
import com.alliance.functions.api.Csv;
import com.alliance.json.Json;
import com.alliance.ledger.LedgerEntry;
import com.alliance.ledger.Posting;
import com.alliance.money.Yuan;
import com.alliance.payouts.PayoutAccount;
import com.alliance.settlement.Balance;
import com.alliance.settlement.BankPayments;
import com.alliance.settlement.PaymentFile;
import com.alliance.settlement.DayCheck;
import com.alliance.settlement.DayReconciliation;
import com.alliance.settlement.Reconciliation;
import com.alliance.settlement.RunEntry;
import com.alliance.settlement.RunLines;
import com.alliance.settlement.SettlementRepository;
import com.alliance.settlement.SettlementRun;
import com.alliance.settlement.Statement;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/** JSON (and CSV) shapes of the finance API: runs, lines, balances, statements, reconciliation. */
final class FinanceJson {

    static final List<String> STATEMENT_COLUMNS = List.of("postedAt", "postingId", "orderId", "eventId", "accountType",
            "state", "amountFen", "reason", "balanceFen");

    private FinanceJson() {
    }

    static ObjectNode run(SettlementRun run, RunLines.EntryPage page) {
        ObjectNode json = runSummary(run);
        ArrayNode lines = json.putArray("lines");
        ArrayNode carried = json.putArray("carried");
        for (RunEntry entry : page.entries()) {
            if (entry.isLine()) {
                lines.add(line(entry));
            } else {
                ObjectNode c = carried.addObject();
                c.put("party", entry.party());
                c.put("amountFen", entry.amountFen());
                c.put("reason", entry.carriedReason().orElse(""));
            }
        }
        next(json, page.next());
        return json;
    }

    /** The runs list: each run without its lines, newest first. */
    static ObjectNode runs(SettlementRepository.RunPage page) {
        ObjectNode json = Json.object();
        ArrayNode runs = json.putArray("runs");
        page.runs().forEach(run -> runs.add(runSummary(run)));
        next(json, page.next());
        return json;
    }

    /** What the payment file of a run holds, and the unpaid lines it leaves out for want of a payout account. */
    static ObjectNode paymentFileSummary(PaymentFile file) {
        ObjectNode json = Json.object();
        json.put("runId", file.runId());
        json.put("batchRef", file.batchRef());
        json.put("lineCount", file.lineCount());
        json.put("controlTotalFen", file.controlTotalFen());
        json.put("controlTotal", Yuan.format(file.controlTotalFen()));
        json.put("withoutAccountCount", file.withoutAccount().size());
        json.put("withoutAccountFen", file.withoutAccountFen());
        ArrayNode without = json.putArray("withoutAccount");
        file.withoutAccount().forEach(line -> without.addObject().put("lineId", line.lineId()).put("party", line.party())
                .put("amountFen", line.amountFen()));
        return json;
    }

    static ObjectNode imported(BankPayments.Imported imported) {
        ObjectNode json = runSummary(imported.run());
        json.put("alreadyImported", imported.alreadyImported());
        json.put("complete", imported.complete());
        json.put("rows", imported.rows());
        json.put("recordedPaid", imported.paid());
        json.put("alreadyPaid", imported.alreadyPaid());
        json.put("failedCount", imported.failures().size());
        ArrayNode failures = json.putArray("failures");
        imported.failures().forEach(f -> {
            ObjectNode failure = failures.addObject().put("row", f.row()).put("lineId", f.line().lineId())
                    .put("party", f.line().party()).put("amountFen", f.line().amountFen()).put("reason", f.reason());
            f.bankRef().ifPresent(ref -> failure.put("bankRef", ref));
        });
        return json;
    }

    /** A payout account as every read but the bank file shows it: the number masked. */
    static ObjectNode payoutAccount(PayoutAccount account) {
        ObjectNode json = Json.object();
        json.put("bankName", account.bankName());
        json.put("accountName", account.accountName());
        json.put("accountNumber", account.masked());
        json.put("updatedAt", account.updatedAt().toString());
        return json;
    }

    private static ObjectNode runSummary(SettlementRun run) {
        ObjectNode json = Json.object();
        json.put("runId", run.runId());
        json.put("status", run.status().name());
        json.put("cutoff", run.cutoff().toString());
        json.put("totalFen", run.totalFen());
        json.put("lineCount", run.lineCount());
        json.put("paidLines", run.paidLines());
        json.put("paidFen", run.paidFen());
        json.put("releasedLines", run.releasedLines());
        json.put("idempotencyKey", run.idempotencyKey());
        json.put("createdAt", run.createdAt().toString());
        json.put("createdBy", run.createdBy());
        run.approvedAt().ifPresent(at -> json.put("approvedAt", at.toString()));
        run.approvedBy().ifPresent(by -> json.put("approvedBy", by));
        json.put("resultImports", run.resultImports());
        return json;
    }

    static ObjectNode line(RunEntry entry) {
        ObjectNode json = Json.object();
        json.put("lineId", entry.lineId());
        json.put("party", entry.party());
        json.put("amountFen", entry.amountFen());
        json.put("status", entry.status().map(Enum::name).orElse(""));
        ObjectNode accounts = json.putObject("accounts");
        entry.byAccount().forEach((type, fen) -> accounts.put(type.name(), fen));
        entry.paymentRef().ifPresent(ref -> json.put("paymentRef", ref));
        entry.paidAt().ifPresent(at -> json.put("paidAt", at.toString()));
        entry.failure().ifPresent(f -> {
            ObjectNode failure = json.putObject("failure").put("reason", f.reason()).put("at", f.at().toString());
            f.bankRef().ifPresent(ref -> failure.put("bankRef", ref));
        });
        return json;
    }

    static ObjectNode balance(Balance balance) {
        ObjectNode json = Json.object();
        json.put("party", balance.party());
        json.put("pendingFen", balance.pendingFen());
        json.put("heldFen", balance.heldFen());
        json.put("settleableFen", balance.settleableFen());
        json.put("settledUnpaidFen", balance.settledUnpaidFen());
        json.put("paidOutFen", balance.paidOutFen());
        json.put("totalFen", balance.totalFen());
        return json;
    }

    static ObjectNode statement(Statement statement) {
        ObjectNode json = Json.object();
        json.put("party", statement.party());
        json.put("from", statement.from().toString());
        json.put("to", statement.to().toString());
        json.put("openingBalanceFen", statement.openingBalanceFen());
        json.put("closingBalanceFen", statement.closingBalanceFen());
        ArrayNode postings = json.putArray("postings");
        for (Statement.Line line : statement.lines()) {
            LedgerEntry entry = line.entry();
            Posting posting = entry.posting();
            ObjectNode p = postings.addObject();
            p.put("postedAt", entry.postedAt().toString());
            p.put("postingId", posting.postingId());
            p.put("orderId", posting.orderId());
            p.put("eventId", posting.eventId());
            p.put("accountType", posting.account().type().name());
            p.put("state", posting.state().name());
            p.put("amountFen", posting.amountFen());
            p.put("reason", posting.reason());
            p.put("balanceFen", line.balanceFen());
        }
        next(json, statement.next());
        return json;
    }

    /** The statement as RFC 4180 CSV, with a header record. */
    static String statementCsv(Statement statement) {
        StringBuilder csv = new StringBuilder(Csv.row(STATEMENT_COLUMNS));
        for (Statement.Line line : statement.lines()) {
            Posting posting = line.entry().posting();
            csv.append(Csv.row(List.of(line.entry().postedAt().toString(), Csv.text(posting.postingId()),
                    Csv.text(posting.orderId()), Csv.text(posting.eventId()), posting.account().type().name(),
                    posting.state().name(), Long.toString(posting.amountFen()), Csv.text(posting.reason()),
                    Long.toString(line.balanceFen()))));
        }
        return csv.toString();
    }

    /** The day checkpoints of a period: each day's own figures and the ledger's totals at its end. */
    static ObjectNode reconciliationDays(DayReconciliation.Report report) {
        ObjectNode json = Json.object();
        json.put("from", report.from().toString());
        json.put("to", report.to().toString());
        report.checkedThrough().ifPresentOrElse(d -> json.put("checkedThrough", d.toString()), () -> json.putNull("checkedThrough"));
        json.put("balanced", report.balanced());
        ArrayNode days = json.putArray("days");
        for (DayCheck.Checkpoint day : report.days()) {
            ObjectNode d = days.addObject();
            d.put("date", day.day().toString());
            d.put("balanced", day.balanced());
            d.put("postings", day.postings());
            d.put("debitsFen", day.debitsFen());
            d.put("creditsFen", day.creditsFen());
            states(d.putObject("totalsByState"), day.byState());
            states(d.putObject("owedToPayeesByState"), day.owedToPayees());
            d.put("causesChecked", day.causes());
            d.put("unbalancedCauseCount", day.unbalancedCauseCount());
            ArrayNode causes = d.putArray("unbalancedCauses");
            day.unbalancedCauses().forEach(c -> causes.addObject().put("cause", c.orderId()).put("imbalanceFen", c.imbalanceFen()));
            d.put("unbalancedEventCount", day.unbalancedEvents());
            d.put("runsChecked", day.runs().runsChecked());
            d.put("runMismatchCount", day.runs().mismatchCount());
            runMismatches(d.putArray("runMismatches"), day.runs().mismatches());
            d.put("claimsChecked", day.claims().posted().claims());
            d.put("claimRangesChecked", day.claims().rangesChecked());
            d.put("claimMismatchCount", day.claims().mismatchCount());
            ArrayNode claims = d.putArray("claimMismatches");
            day.claims().mismatches().forEach(m -> {
                ObjectNode c = claims.addObject();
                m.party().ifPresent(party -> c.put("party", party));
                m.shard().ifPresent(shard -> c.put("shard", shard));
                m.runId().ifPresent(run -> c.put("runId", run));
                c.put("problem", m.problem()).put("expectedFen", m.expectedFen()).put("foundFen", m.foundFen());
            });
            states(d.putObject("closingTotalsByState"), day.closingByState());
            states(d.putObject("closingOwedToPayeesByState"), day.closingOwedToPayees());
            day.previousDay().ifPresentOrElse(p -> d.put("previousDate", p.toString()), () -> d.putNull("previousDate"));
            d.put("checkedAt", day.checkedAt().toString());
        }
        return json;
    }

    private static void states(ObjectNode node, java.util.SortedMap<com.alliance.ledger.PostingState, Long> totals) {
        totals.forEach((state, fen) -> node.put(state.name(), fen));
    }

    private static void runMismatches(ArrayNode runs, List<Reconciliation.RunMismatch> mismatches) {
        mismatches.forEach(m -> {
            ObjectNode r = runs.addObject().put("runId", m.runId());
            m.lineId().ifPresent(id -> r.put("lineId", id));
            r.put("problem", m.problem()).put("expectedFen", m.expectedFen()).put("foundFen", m.foundFen());
        });
    }

    static ObjectNode reconciliation(Reconciliation.Report report) {
        ObjectNode json = Json.object();
        json.put("balanced", report.balanced());
        json.put("summary", report.summary());
        json.put("postings", report.postings());
        json.put("debitsFen", report.debitsFen());
        json.put("creditsFen", report.creditsFen());
        ObjectNode byState = json.putObject("totalsByState");
        report.totalsByState().forEach((state, fen) -> byState.put(state.name(), fen));
        ObjectNode owed = json.putObject("owedToPayeesByState");
        report.owedToPayeesByState().forEach((state, fen) -> owed.put(state.name(), fen));
        json.put("ordersChecked", report.ordersChecked());
        json.put("unbalancedOrderCount", report.unbalancedOrderCount());
        ArrayNode orders = json.putArray("unbalancedOrders");
        report.unbalancedOrders().forEach(o -> orders.addObject().put("orderId", o.orderId()).put("imbalanceFen", o.imbalanceFen()));
        json.put("runsChecked", report.runsChecked());
        json.put("runMismatchCount", report.runMismatchCount());
        runMismatches(json.putArray("runMismatches"), report.runMismatches());
        json.put("payeesChecked", report.payeesChecked());
        json.put("cursorMismatchCount", report.cursorMismatchCount());
        ArrayNode cursors = json.putArray("cursorMismatches");
        report.cursorMismatches().forEach(m -> cursors.addObject().put("party", m.party()).put("accountType", m.account().name())
                .put("claimableFen", m.claimableFen()).put("claimedFen", m.claimedFen()));
        return json;
    }

    /** An opaque page token: the key to continue after, base64url. */
    static Optional<String> token(Optional<String> raw) {
        try {
            return raw.map(t -> new String(Base64.getUrlDecoder().decode(t), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw InvalidInputException.field("next", "next must be a token from a previous page");
        }
    }

    private static void next(ObjectNode json, Optional<String> next) {
        if (next.isPresent()) {
            json.put("next", Base64.getUrlEncoder().withoutPadding().encodeToString(next.get().getBytes(StandardCharsets.UTF_8)));
        } else {
            json.putNull("next");
        }
    }
}
