package com.alliance.settlement;

import com.alliance.ledger.AccountType;
import java.time.Instant;
import java.util.Collections;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One payee in a run: a line it claimed, or the payee carried to the next run (and why).
 *
 * @param byAccount      the amount per account of the payee; it sums to {@code amountFen}
 * @param status         a line's status; empty for a carried payee
 * @param carriedReason  why a payee was carried: {@code NEGATIVE_BALANCE} or {@code BELOW_THRESHOLD}
 * @param claimedThrough the sort key of the last posting a line claimed
 * @param failure        the bank's last refusal of an unpaid line (its results file said FAILED)
 */
public record RunEntry(String runId, String party, Kind kind, long amountFen, SortedMap<AccountType, Long> byAccount,
                       Optional<LineStatus> status, Optional<String> carriedReason, Optional<String> claimedThrough,
                       Optional<String> paymentRef, Optional<Instant> paidAt, Optional<Failure> failure) {

    public enum Kind { LINE, CARRIED }

    /** The bank's refusal of a line: why, its reference if it gave one, and when it was recorded. */
    public record Failure(String reason, Optional<String> bankRef, Instant at) {
    }

    public RunEntry(String runId, String party, Kind kind, long amountFen, SortedMap<AccountType, Long> byAccount,
                    Optional<LineStatus> status, Optional<String> carriedReason, Optional<String> claimedThrough,
                    Optional<String> paymentRef, Optional<Instant> paidAt) {
        this(runId, party, kind, amountFen, byAccount, status, carriedReason, claimedThrough, paymentRef, paidAt,
                Optional.empty());
    }

    public static final String LINE_PREFIX = "ln_";

    public RunEntry {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(failure, "failure");
        byAccount = Collections.unmodifiableSortedMap(new TreeMap<>(byAccount));
        long sum = byAccount.values().stream().reduce(0L, Math::addExact);
        if (sum != amountFen) {
            throw new IllegalArgumentException("line of " + party + " sums to " + sum + " over its accounts, not " + amountFen);
        }
        if ((kind == Kind.LINE) != status.isPresent()) {
            throw new IllegalArgumentException("a line has a status, a carried payee has none");
        }
    }

    /** Lines are named after their payee: one line per payee per run. */
    public static String lineIdOf(String party) {
        return LINE_PREFIX + party;
    }

    /** The payee a line id names, if it is one. */
    public static Optional<String> partyOf(String lineId) {
        return lineId != null && lineId.startsWith(LINE_PREFIX) && lineId.length() > LINE_PREFIX.length()
                ? Optional.of(lineId.substring(LINE_PREFIX.length())) : Optional.empty();
    }

    public String lineId() {
        return lineIdOf(party);
    }

    public boolean isLine() {
        return kind == Kind.LINE;
    }

    public boolean hasStatus(LineStatus wanted) {
        return status.filter(s -> s == wanted).isPresent();
    }
}
