package com.alliance.settlement;

import com.alliance.auth.Caller;
import com.alliance.auth.Role;
import com.alliance.errors.ConflictException;
import com.alliance.errors.InvalidInputException;
import com.alliance.jobs.Deadline;
import com.alliance.money.Yuan;
import com.alliance.payouts.PayoutAccount;
import com.alliance.payouts.PayoutAccountRepository;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Paying a run through the bank's batch payment service: the payment file out ({@link PaymentFile}), the
 * bank's results file back in. A results file is checked whole before anything is recorded; paid lines are
 * recorded as payouts are ({@link SettlementService#recordPaid}), refused ones stay unpaid with the bank's
 * reason, so the next file carries them again. A file recorded whole is marked by its SHA-256, and the same
 * file again records nothing; a file cut short by the request budget is simply sent again (its paid lines
 * are then found paid with the same reference and skipped).
 */
public final class BankPayments {

    /** The results file's columns; {@code line_ref}, {@code amount} and {@code status} are required. */
    public static final List<String> RESULT_COLUMNS = List.of("line_ref", "amount", "status", "bank_ref", "reason");
    static final int MAX_REF = 128;
    static final int MAX_REASON = 256;
    /** Lines read one by one up to this many rows; above it the run's lines are read page by page. */
    static final int READ_EACH_UP_TO = 100;
    static final int ENTRY_PAGE = 1_000;

    private final SettlementService settlement;
    private final SettlementRepository runs;
    private final PayoutAccountRepository accounts;
    private final Clock clock;

    public BankPayments(SettlementService settlement, SettlementRepository runs, PayoutAccountRepository accounts,
                        Clock clock) {
        this.settlement = settlement;
        this.runs = runs;
        this.accounts = accounts;
        this.clock = clock;
    }

    /** The payment file of an APPROVED run: its unpaid lines, with the accounts to pay them into. */
    public PaymentFile file(Caller caller, String runId) {
        caller.requireRole(Role.FINANCE);
        SettlementRun run = settlement.find(runId);
        if (run.status() != RunStatus.APPROVED) {
            throw SettlementService.notInStatus(run, RunStatus.APPROVED, "RUN_NOT_APPROVED");
        }
        List<PaymentFile.Row> rows = new ArrayList<>();
        List<RunEntry> without = new ArrayList<>();
        Optional<String> after = Optional.empty();
        do {
            RunLines.EntryPage page = runs.lines().entries(run, after, ENTRY_PAGE);
            List<RunEntry> unpaid = page.entries().stream().filter(e -> e.hasStatus(LineStatus.UNPAID)).toList();
            Map<String, PayoutAccount> found = accounts.findAll(unpaid.stream().map(RunEntry::party).toList());
            for (RunEntry line : unpaid) {
                PayoutAccount account = found.get(line.party());
                if (account == null) {
                    without.add(line);
                } else {
                    rows.add(new PaymentFile.Row(line, account));
                }
            }
            after = page.next();
        } while (after.isPresent());
        return new PaymentFile(runId, PaymentFile.batchRefOf(run), rows, without);
    }

    /** One result row as the bank sent it, checked against its line. */
    public record Result(int row, RunEntry line, boolean paid, Optional<String> bankRef, String reason) {
    }

    /**
     * What importing a results file did.
     *
     * @param alreadyImported the same file was recorded before: nothing was recorded now
     * @param complete        false when the request budget ran out: send the same file again to finish
     * @param alreadyPaid     paid rows whose line was recorded paid with that reference before
     * @param failures        the rows the bank refused, with its reasons
     */
    public record Imported(SettlementRun run, boolean alreadyImported, boolean complete, int rows, int paid,
                           int alreadyPaid, List<Result> failures) {
    }

    public Imported importResults(Caller caller, String runId, String text) {
        caller.requireRole(Role.FINANCE);
        SettlementRun run = settlement.find(runId);
        String sha = sha256(text);
        if (runs.resultsImportedAt(runId, sha).isPresent()) {
            return new Imported(run, true, true, 0, 0, 0, List.of());
        }
        List<Result> results = check(run, text);
        List<SettlementService.Paying> toPay = new ArrayList<>();
        List<Result> failures = new ArrayList<>();
        int alreadyPaid = 0;
        for (Result result : results) {
            if (!result.paid()) {
                failures.add(result);
            } else if (result.line().hasStatus(LineStatus.PAID)) {
                alreadyPaid++;
            } else {
                toPay.add(new SettlementService.Paying(result.line(), result.bankRef().orElseThrow()));
            }
        }
        if ((!toPay.isEmpty() || !failures.isEmpty()) && run.status() != RunStatus.APPROVED) {
            throw SettlementService.notInStatus(run, RunStatus.APPROVED, "RUN_NOT_APPROVED");
        }
        Deadline deadline = settlement.requestDeadline();
        SettlementService.Recorded recorded = settlement.recordPaid(runId, toPay, caller.subject(), deadline);
        boolean complete = recorded.complete() && refuse(run, failures, deadline);
        if (complete) {
            runs.markResultsImported(runId, sha, toPay.size() + alreadyPaid, failures.size(), caller.subject(),
                    clock.instant());
        }
        return new Imported(settlement.find(runId), false, complete, results.size(), recorded.paid().size(),
                alreadyPaid + recorded.paidElsewhere().size(), failures);
    }

    /** Records the refusals, up to 100 a transaction; false when the deadline passed first. */
    private boolean refuse(SettlementRun run, List<Result> failures, Deadline deadline) {
        for (int from = 0; from < failures.size(); from += SettlementRepository.MAX_TRANSACTION_ITEMS) {
            if (deadline.hasPassed()) {
                return false;
            }
            List<SettlementRepository.Refusal> batch = failures.subList(from,
                            Math.min(failures.size(), from + SettlementRepository.MAX_TRANSACTION_ITEMS)).stream()
                    .map(f -> new SettlementRepository.Refusal(f.line().party(), f.reason(), f.bankRef())).toList();
            if (runs.refuseAll(run, batch, clock.instant()) != SettlementRepository.Outcome.APPLIED) {
                // a line was paid (or refused) meanwhile: record the rest one by one, skipping lines no longer unpaid
                for (SettlementRepository.Refusal refusal : batch) {
                    runs.refuseAll(run, List.of(refusal), clock.instant());
                }
            }
        }
        return true;
    }

    /** The whole file checked against the run's lines; the first problem is refused, naming its row. */
    List<Result> check(SettlementRun run, String text) {
        List<BankCsv.Record> records;
        try {
            records = BankCsv.parse(text == null ? "" : text);
        } catch (BankCsv.MalformedException e) {
            throw bad("RESULTS_MALFORMED", e.record(), null, e.getMessage());
        }
        if (records.isEmpty()) {
            throw InvalidInputException.field("body", "the results file is empty: send the bank's results CSV with its header row");
        }
        Map<String, Integer> column = new HashMap<>();
        List<String> header = records.get(0).fields();
        for (int i = 0; i < header.size(); i++) {
            column.putIfAbsent(header.get(i).strip().toLowerCase(Locale.ROOT), i);
        }
        for (String required : List.of("line_ref", "amount", "status")) {
            if (!column.containsKey(required)) {
                throw bad("RESULTS_HEADER", 1, required, "the header row must name the columns " + RESULT_COLUMNS
                        + " (line_ref, amount and status required); " + required + " is missing");
            }
        }
        if (records.size() == 1) {
            throw bad("RESULTS_EMPTY", 1, null, "the results file has a header row and no results");
        }
        Map<String, RunEntry> lines = lines(run, records, column.get("line_ref"));
        Map<String, Integer> seen = new HashMap<>();
        List<Result> results = new ArrayList<>();
        for (BankCsv.Record record : records.subList(1, records.size())) {
            int row = record.number();
            if (record.fields().size() != header.size()) {
                throw bad("RESULTS_MALFORMED", row, null, "has " + record.fields().size() + " fields, the header "
                        + header.size());
            }
            String lineRef = field(record, column, "line_ref");
            Integer earlier = seen.putIfAbsent(lineRef, row);
            if (earlier != null) {
                throw bad("DUPLICATE_LINE", row, "line_ref", "line " + lineRef + " is in the file twice (rows " + earlier
                        + " and " + row + ")");
            }
            RunEntry line = lines.get(lineRef);
            if (line == null) {
                throw bad("LINE_NOT_FOUND", row, "line_ref", "run " + run.runId() + " has no line " + lineRef);
            }
            String amountText = field(record, column, "amount");
            Optional<Long> fen = Yuan.parseFen(amountText);
            if (fen.isEmpty()) {
                throw bad("INVALID_AMOUNT", row, "amount", "amount " + amountText + " is not yuan with up to two decimals");
            }
            if (fen.get() != line.amountFen()) {
                throw bad("AMOUNT_MISMATCH", row, "amount", "amount " + amountText + " differs from line " + lineRef
                        + " of " + Yuan.format(line.amountFen()));
            }
            String status = field(record, column, "status").toUpperCase(Locale.ROOT);
            Optional<String> bankRef = Optional.of(field(record, column, "bank_ref")).filter(r -> !r.isEmpty());
            if (bankRef.isPresent() && bankRef.get().length() > MAX_REF) {
                throw bad("INVALID_BANK_REF", row, "bank_ref", "bank_ref must be at most " + MAX_REF + " characters");
            }
            String reason = field(record, column, "reason");
            if (reason.length() > MAX_REASON) {
                reason = reason.substring(0, MAX_REASON);   // the bank's text, kept as far as a line shows it
            }
            if (line.hasStatus(LineStatus.RELEASED)) {
                throw conflict("LINE_RELEASED", row, "line_ref", "line " + lineRef + " was released when its run was cancelled");
            }
            switch (status) {
                case "PAID" -> {
                    if (bankRef.isEmpty()) {
                        throw bad("FIELD_REQUIRED", row, "bank_ref", "a PAID result needs the bank's reference");
                    }
                    if (line.hasStatus(LineStatus.PAID) && !line.paymentRef().equals(bankRef)) {
                        throw conflict("LINE_ALREADY_PAID", row, "bank_ref", "line " + lineRef
                                + " was already paid with reference " + line.paymentRef().orElse("?"));
                    }
                    results.add(new Result(row, line, true, bankRef, ""));
                }
                case "FAILED" -> {
                    if (line.hasStatus(LineStatus.PAID)) {
                        throw conflict("LINE_ALREADY_PAID", row, "status", "the bank reports line " + lineRef
                                + " failed, but it was recorded paid with reference " + line.paymentRef().orElse("?"));
                    }
                    results.add(new Result(row, line, false, bankRef, reason.isEmpty() ? "no reason given" : reason));
                }
                default -> throw bad("INVALID_STATUS", row, "status", "status must be PAID or FAILED, not " + status);
            }
        }
        return results;
    }

    /** The run's lines the file names: one read each for a short file, else the run's lines page by page. */
    private Map<String, RunEntry> lines(SettlementRun run, List<BankCsv.Record> records, int lineColumn) {
        Map<String, RunEntry> lines = new HashMap<>();
        if (records.size() - 1 <= READ_EACH_UP_TO) {
            for (BankCsv.Record record : records.subList(1, records.size())) {
                if (lineColumn < record.fields().size()) {
                    String ref = record.fields().get(lineColumn).strip();
                    RunEntry.partyOf(ref).flatMap(party -> runs.lines().entry(run, party)).filter(RunEntry::isLine)
                            .ifPresent(line -> lines.put(ref, line));
                }
            }
            return lines;
        }
        runs.lines().allEntries(run, ENTRY_PAGE).stream().filter(RunEntry::isLine).forEach(line -> lines.put(line.lineId(), line));
        return lines;
    }

    private static String field(BankCsv.Record record, Map<String, Integer> column, String name) {
        Integer at = column.get(name);
        return at == null ? "" : record.fields().get(at).strip();
    }

    private static InvalidInputException bad(String code, int row, String column, String message) {
        return new InvalidInputException(code, "row " + row + ": " + message, rowField(row, column));
    }

    private static ConflictException conflict(String code, int row, String column, String message) {
        return new ConflictException(code, "row " + row + ": " + message, rowField(row, column));
    }

    private static String rowField(int row, String column) {
        return "rows[" + row + "]" + (column == null ? "" : "." + column);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest((text == null ? "" : text).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
