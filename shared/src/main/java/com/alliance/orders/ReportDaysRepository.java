package com.alliance.orders;

import com.alliance.persistence.CapacityMeter;
import com.alliance.persistence.Items;
import com.alliance.persistence.ShardReads;
import com.alliance.persistence.SortableTime;
import com.alliance.persistence.Tables;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;

/**
 * Reads the report aggregates of {@link ReportDays}: one Query per party for its days, and the 16 shards of a
 * per-buyer or per-order family concurrently. Eventually consistent: the aggregates lag the events by the
 * stream's delivery anyway.
 */
public final class ReportDaysRepository {

    private final DynamoDbClient dynamoDb;
    private final CapacityMeter capacity;
    private final String table = Tables.ORDERS.tableName();

    public ReportDaysRepository(DynamoDbClient dynamoDb, CapacityMeter capacity) {
        this.dynamoDb = dynamoDb;
        this.capacity = capacity;
    }

    /**
     * The numeric attributes of {@code pk}'s items {@code {prefix}{day}} for the days first … last, by day:
     * one Query ({@code sk BETWEEN}), every page.
     */
    public SortedMap<LocalDate, Map<String, Long>> days(String pk, String prefix, LocalDate first, LocalDate last) {
        SortedMap<LocalDate, Map<String, Long>> days = new TreeMap<>();
        for (Map<String, AttributeValue> item : query(pk, prefix + first, prefix + last)) {
            days.put(LocalDate.parse(item.get("sk").s().substring(prefix.length())), numbers(item));
        }
        return days;
    }

    /** The distinct buyers with a counted order of the party on the days first … last (16 shards). */
    public TreeSet<String> buyers(boolean host, String id, LocalDate first, LocalDate last) {
        TreeSet<String> buyers = new TreeSet<>();
        ShardReads.each(ReportDays.SHARDS, shard -> query(ReportDays.buyersPartition(host, id, shard),
                first + "#", last + "$")).forEach(items -> items.forEach(item -> {
                    if (count(item, ReportDays.ORDERS) > 0) {
                        String sk = item.get("sk").s();
                        buyers.add(sk.substring(sk.indexOf('#') + 1));
                    }
                }));
        return buyers;
    }

    /** The brand's recorded violations of orders paid in [from, to), in payment order (16 shards). */
    public List<OrderRepository.PromiseRecord> violations(String brandId, Instant from, Instant to) {
        List<OrderRepository.PromiseRecord> found = new ArrayList<>();
        ShardReads.each(ReportDays.SHARDS, shard -> query(ReportDays.violationPartition(brandId, shard),
                SortableTime.of(from), SortableTime.of(to))).forEach(items -> items.forEach(item -> {
                    String sk = item.get("sk").s();
                    String orderId = ReportDays.orderIdOf(sk);
                    Instant paidAt = Instant.parse(sk.substring(0, sk.indexOf('#')));
                    Instant promise = Instant.parse(sk.substring(sk.lastIndexOf('#') + 1));
                    if (count(item, ReportDays.VIOLATIONS) > 0) {
                        long shipped = count(item, ReportDays.SHIPPED_AT);
                        found.add(new OrderRepository.PromiseRecord(orderId, paidAt, count(item, ReportDays.PAID_FEN),
                                promise, ShippingPromise.Status.VIOLATION,
                                shipped == 0 ? Optional.empty() : Optional.of(ReportDays.instantOfNanos(shipped)),
                                Optional.of(count(item, ReportDays.COMPENSATION_FEN)),
                                "PAID#" + SortableTime.of(paidAt) + "#" + orderId));
                    }
                }));
        found.sort(java.util.Comparator.comparing(OrderRepository.PromiseRecord::sortKey));
        return found;
    }

    /**
     * How many of the brand's promises still open fall due in [from, to) and were paid in [paidFrom, paidTo): its
     * due items of that stretch (16 shards), which the SLA reads only for the hour now is in.
     */
    public long openDue(String brandId, Instant from, Instant to, Instant paidFrom, Instant paidTo) {
        long open = 0;
        for (List<Map<String, AttributeValue>> items : ShardReads.each(ReportDays.SHARDS, shard ->
                query(ReportDays.duePartition(brandId, shard), SortableTime.of(from), SortableTime.of(to)))) {
            for (Map<String, AttributeValue> item : items) {
                String sk = item.get("sk").s();
                int first = sk.indexOf('#');
                Instant paidAt = Instant.parse(sk.substring(first + 1, sk.indexOf('#', first + 1)));
                if (count(item, ReportDays.OPEN) > 0 && !paidAt.isBefore(paidFrom) && paidAt.isBefore(paidTo)) {
                    open++;
                }
            }
        }
        return open;
    }

    /** Every item of {@code pk} with a sort key in [fromKey, toKey], every page. */
    private List<Map<String, AttributeValue>> query(String pk, String fromKey, String toKey) {
        QueryRequest request = QueryRequest.builder().tableName(table)
                .keyConditionExpression("pk = :pk AND sk BETWEEN :from AND :to")
                .expressionAttributeValues(Map.of(":pk", Items.s(pk), ":from", Items.s(fromKey), ":to", Items.s(toKey)))
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        for (var page : dynamoDb.queryPaginator(request)) {
            capacity.read(page.consumedCapacity());
            items.addAll(page.items());
        }
        return items;
    }

    /** A counter of the item, 0 when absent: a fold that nets a counter to nothing may never have written it. */
    private static long count(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null || value.n() == null ? 0 : Long.parseLong(value.n());
    }

    private static Map<String, Long> numbers(Map<String, AttributeValue> item) {
        Map<String, Long> numbers = new TreeMap<>();
        item.forEach((name, value) -> {
            if (value.n() != null && !name.equals("expiresAt") && !name.equals(CountersRepository.REVISION)) {
                numbers.put(name, Long.parseLong(value.n()));
            }
        });
        return numbers;
    }
}
