package com.alliance.settlement;

import com.alliance.auth.Caller;
import com.alliance.auth.Role;
import com.alliance.errors.InvalidInputException;
import com.alliance.json.Period;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * Reconciliation from the day checkpoints ({@link ReconciliationJob}): what finance reads of a period of days,
 * one Query for the period and one for the latest checkpoint, whatever the ledger's history. Days with no
 * postings have no checkpoint; the chain of closing totals skips them ({@code previousDay}).
 */
public final class DayReconciliation {

    /** The longest period one request may read. */
    public static final int MAX_DAYS = 366;
    /** The period read when none is asked for: the last 30 days. */
    public static final int DEFAULT_DAYS = 30;

    /**
     * @param checkedThrough the latest day with a checkpoint, in the period or not
     * @param balanced       every day of the period that has a checkpoint balances, and each continues the
     *                       closing totals of the one before it
     */
    public record Report(LocalDate from, LocalDate to, Optional<LocalDate> checkedThrough, boolean balanced,
                         List<DayCheck.Checkpoint> days) {
    }

    private final DayLogRepository log;
    private final Clock clock;

    public DayReconciliation(DayLogRepository log, Clock clock) {
        this.log = log;
        this.clock = clock;
    }

    public Report report(Caller caller, Optional<String> from, Optional<String> to) {
        caller.requireRole(Role.FINANCE);
        LocalDate last = day(to, "to").orElse(LocalDate.now(clock.withZone(Period.DAY_ZONE)));
        LocalDate first = day(from, "from").orElse(last.minusDays(DEFAULT_DAYS - 1));
        if (first.isAfter(last)) {
            throw InvalidInputException.field("from", "from must not be after to");
        }
        if (ChronoUnit.DAYS.between(first, last) >= MAX_DAYS) {
            throw InvalidInputException.field("from", "the period may span at most " + MAX_DAYS + " days");
        }
        List<DayCheck.Checkpoint> days = log.checkpoints(first, last);
        boolean balanced = true;
        for (int i = 0; i < days.size(); i++) {
            DayCheck.Checkpoint day = days.get(i);
            balanced &= day.balanced() && (i == 0 || DayCheck.continues(days.get(i - 1), day));
        }
        return new Report(first, last, log.latestCheckpoint().map(DayCheck.Checkpoint::day), balanced, days);
    }

    private static Optional<LocalDate> day(Optional<String> value, String field) {
        try {
            return value.filter(v -> !v.isBlank()).map(String::strip).map(LocalDate::parse);
        } catch (DateTimeParseException e) {
            throw InvalidInputException.field(field, field + " must be a date, YYYY-MM-DD (China Standard Time)");
        }
    }
}
