package com.alliance.orderlists;

import com.alliance.errors.InvalidInputException;
import com.alliance.ids.Ids;
import com.alliance.json.Period;
import com.alliance.orders.ListedStatus;
import com.alliance.persistence.SortableTime;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

/**
 * One page of a party's order list as asked for, checked: a period of payment times (at most {@value #MAX_DAYS}
 * days; {@code to} defaults to now, {@code from} to {@value #DEFAULT_DAYS} days before {@code to}), an optional status,
 * product and (a brand's list) host, where to continue ({@code next}, a token the previous page gave) and how many.
 * Every refusal names its field.
 */
public record OrderListQuery(PartyKind kind, String party, Period period, Optional<ListedStatus> status,
                             Optional<String> productId, Optional<String> hostId, Optional<Position> after, int limit) {

    public static final int MAX_DAYS = 366;
    public static final int DEFAULT_DAYS = 30;
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;

    /** Where a page ends: the payment time and order id of its last row (the list is newest first). */
    public record Position(Instant paidAt, String orderId) {

        /** {@code {paidAt, fixed width}#{orderId}}: how index sort keys end, so it compares as they do. */
        public String key() {
            return SortableTime.of(paidAt) + "#" + orderId;
        }

        /** The opaque token a page answers as {@code next}. */
        public String token() {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(("o1|" + key()).getBytes(StandardCharsets.UTF_8));
        }

        /** Reads a token; 400 on {@code next} for anything this code did not write. */
        public static Position ofToken(String token) {
            try {
                String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
                if (!text.startsWith("o1|")) {
                    throw new IllegalArgumentException("not an order-list token");
                }
                String key = text.substring(3);
                int hash = key.indexOf('#');
                Instant paidAt = Instant.parse(key.substring(0, hash));
                String orderId = key.substring(hash + 1);
                if (orderId.isBlank() || orderId.length() > 128) {
                    throw new IllegalArgumentException("no order id");
                }
                return new Position(paidAt, orderId);
            } catch (RuntimeException e) {
                throw InvalidInputException.field("next", "next must be the token a previous page answered; start again without it");
            }
        }

        /** The position a sort key ends with ({@code …#{paidAt}#{orderId}} after a prefix of {@code prefixLength}). */
        static Position ofSortKey(String sortKey, int prefixLength) {
            String key = sortKey.substring(prefixLength);
            int hash = key.indexOf('#');
            return new Position(Instant.parse(key.substring(0, hash)), key.substring(hash + 1));
        }
    }

    public OrderListQuery {
        if (Duration.between(period.from(), period.to()).compareTo(Duration.ofDays(MAX_DAYS)) > 0) {
            throw InvalidInputException.field("to", "a period may span at most " + MAX_DAYS + " days; ask for a shorter one");
        }
        if (after.filter(p -> p.paidAt().isBefore(period.from()) || !p.paidAt().isBefore(period.to())).isPresent()) {
            throw InvalidInputException.field("next", "next does not belong to this period; start again without it");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw InvalidInputException.field("limit", "limit must be 1 to " + MAX_LIMIT);
        }
    }

    /** Reads a query's raw parameters (absent ones empty) against the clock's {@code now}. */
    public static OrderListQuery parse(PartyKind kind, String party, Optional<String> from, Optional<String> to,
                                       Optional<String> status, Optional<String> productId, Optional<String> hostId,
                                       Optional<String> next, int limit, Instant now) {
        Period period = Period.parse(from, to, end -> end.minus(Duration.ofDays(DEFAULT_DAYS)), now);
        Optional<ListedStatus> parsedStatus = status.map(String::strip).filter(s -> !s.isEmpty()).map(OrderListQuery::status);
        Optional<String> product = id(productId, "productId", Ids.PRODUCT);
        Optional<String> host = id(hostId, "hostId", Ids.HOST);
        if (host.isPresent() && kind == PartyKind.HOST) {
            throw InvalidInputException.field("hostId", "a host's list has only its own orders: hostId filters a brand's list");
        }
        return new OrderListQuery(kind, party, period, parsedStatus, product, host,
                next.filter(t -> !t.isBlank()).map(Position::ofToken), limit);
    }

    private static ListedStatus status(String text) {
        try {
            return ListedStatus.valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw InvalidInputException.field("status", "status must be one of " + Arrays.toString(ListedStatus.values()));
        }
    }

    private static Optional<String> id(Optional<String> raw, String field, String prefix) {
        Optional<String> id = raw.map(String::strip).filter(s -> !s.isEmpty());
        if (id.filter(v -> !Ids.isKind(v, prefix)).isPresent()) {
            throw InvalidInputException.field(field, field + " must be an id starting with " + prefix);
        }
        return id;
    }

    /** Whether the rows must be filtered beyond what an index partition holds (a dense status, product, host). */
    public boolean filtersRows() {
        return status.filter(s -> !s.flagged()).isPresent() || productId.isPresent() || hostId.isPresent();
    }
}
