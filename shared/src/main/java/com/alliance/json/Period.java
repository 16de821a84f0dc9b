package com.alliance.json;

import com.alliance.errors.InvalidInputException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;

/**
 * A period [from, to) asked for in a query ({@code ?from=&to=}): statements, GMV analytics, the SLA.
 * Each bound is an ISO-8601 instant, or a date meaning that whole day in China Standard Time (as JBP
 * periods are): {@code from} its start, {@code to} its end, so {@code from=2026-11-01&to=2026-11-30} is
 * all of November in Beijing.
 */
public record Period(Instant from, Instant to) {

    /** The zone a date in a query is read in. */
    public static final ZoneId DAY_ZONE = ZoneId.of("Asia/Shanghai");

    public Period {
        if (!from.isBefore(to)) {
            throw InvalidInputException.field("to", "to must be after from");
        }
    }

    /**
     * Reads the bounds; an absent {@code to} is {@code defaultTo}, an absent {@code from} is what
     * {@code defaultFrom} makes of the end.
     */
    public static Period parse(Optional<String> from, Optional<String> to, java.util.function.UnaryOperator<Instant> defaultFrom,
                               Instant defaultTo) {
        Instant end = to.map(text -> bound(text, "to", true)).orElse(defaultTo);
        Instant start = from.map(text -> bound(text, "from", false)).orElseGet(() -> defaultFrom.apply(end));
        return new Period(start, end);
    }

    /** One bound: an instant, or a date meaning its start ({@code endOfDay} false) or its end. */
    public static Instant bound(String text, String field, boolean endOfDay) {
        try {
            if (text.length() == 10) {
                LocalDate day = LocalDate.parse(text);
                return (endOfDay ? day.plusDays(1) : day).atStartOfDay(DAY_ZONE).toInstant();
            }
            return Instant.parse(text);
        } catch (DateTimeException e) {
            throw InvalidInputException.field(field, field + " must be a date like 2026-11-30 or an instant like "
                    + "2026-11-30T16:00:00Z");
        }
    }
}
