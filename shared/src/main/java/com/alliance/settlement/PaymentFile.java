package com.alliance.settlement;

import com.alliance.money.Yuan;
import com.alliance.payouts.PayoutAccount;
import java.util.List;

/**
 * The bank batch payment (批量代发) file of an approved run: every unpaid line whose payee has a payout
 * account, and apart from it the unpaid lines whose payee has none (not exported). The CSV is UTF-8,
 * RFC 4180, in two parts each with its header row: the batch ({@link #BATCH_COLUMNS}: batch reference,
 * run, line count, control total) and then the lines ({@link #LINE_COLUMNS}). Amounts are yuan with two
 * decimals, written from fen by digits.
 *
 * @param batchRef the bank's batch reference: {@code {runId}-{n}}, n one more than the results files recorded,
 *                 so a file downloaded twice keeps its reference and the next round gets a new one
 */
public record PaymentFile(String runId, String batchRef, List<Row> rows, List<RunEntry> withoutAccount) {

    public static final List<String> BATCH_COLUMNS = List.of("batch_ref", "run_id", "line_count", "control_total", "currency");
    public static final List<String> LINE_COLUMNS = List.of("line_ref", "payee", "bank_name", "account_name",
            "account_number", "amount", "currency", "memo");
    public static final String CURRENCY = "CNY";

    public PaymentFile {
        rows = List.copyOf(rows);
        withoutAccount = List.copyOf(withoutAccount);
    }

    /** An unpaid line and the account it is paid into. */
    public record Row(RunEntry line, PayoutAccount account) {
    }

    public static String batchRefOf(SettlementRun run) {
        return run.runId() + "-" + (run.resultImports() + 1);
    }

    public long lineCount() {
        return rows.size();
    }

    public long controlTotalFen() {
        return rows.stream().mapToLong(row -> row.line().amountFen()).reduce(0L, Math::addExact);
    }

    public long withoutAccountFen() {
        return withoutAccount.stream().mapToLong(RunEntry::amountFen).reduce(0L, Math::addExact);
    }

    public String csv() {
        StringBuilder csv = new StringBuilder(BankCsv.row(BATCH_COLUMNS));
        csv.append(BankCsv.row(List.of(batchRef, runId, Long.toString(lineCount()), Yuan.format(controlTotalFen()), CURRENCY)));
        csv.append(BankCsv.row(LINE_COLUMNS));
        for (Row row : rows) {
            PayoutAccount account = row.account();
            csv.append(BankCsv.row(List.of(row.line().lineId(), row.line().party(), account.bankName(),
                    account.accountName(), account.accountNumber(), Yuan.format(row.line().amountFen()), CURRENCY,
                    batchRef)));
        }
        return csv.toString();
    }
}
