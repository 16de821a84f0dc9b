package com.alliance.orders;

import com.alliance.persistence.CapacityMeter;
import com.alliance.persistence.Items;
import com.alliance.persistence.KeyRange;
import com.alliance.persistence.SortableTime;
import com.alliance.persistence.Tables;
import java.time.Instant;
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
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;

/**
 * Reads the report aggregates of {@link ReportHours}: a party's hours of a period in one Query, a brand's selling
 * hosts in another, its recorded violations a page at a time. Eventually consistent: the aggregates lag the events
 * by the stream's delivery anyway.
 */
public final class ReportHoursRepository {

    private final DynamoDbClient dynamoDb;
    private final CapacityMeter capacity;
    private final String table = Tables.ORDERS.tableName();

    public ReportHoursRepository(DynamoDbClient dynamoDb, CapacityMeter capacity) {
        this.dynamoDb = dynamoDb;
        this.capacity = capacity;
    }

    /** One hour item of a party: its counters, and its buyer sketch once its buyers became one. */
    public record Hour(String hourKey, Map<String, Long> counters, Optional<ReportHours.BuyerSketch> sketch) {

        public long count(String name) {
            return counters.getOrDefault(name, 0L);
        }
    }

    /** The party's hour items of the period, by hour ({@code sk BETWEEN}, every page). */
    public SortedMap<String, Hour> hours(String party, ReportHours.Hours period) {
        SortedMap<String, Hour> hours = new TreeMap<>();
        for (Map<String, AttributeValue> item : query(party, ReportHours.HOUR_PREFIX + period.firstKey(),
                ReportHours.HOUR_PREFIX + period.lastKey())) {
            String hour = item.get("sk").s().substring(ReportHours.HOUR_PREFIX.length());
            AttributeValue sketch = item.get(ReportHours.BuyerSketch.SKETCH);
            hours.put(hour, new Hour(hour, Items.numbersOf(item), Optional.ofNullable(sketch)
                    .map(bytes -> ReportHours.BuyerSketch.of(bytes.b().asByteArray()))));
        }
        return hours;
    }

    /** The hosts that sold a counted order of the brand in the period (one Query of its reach items). */
    public TreeSet<String> sellingHosts(String brandId, ReportHours.Hours period) {
        TreeSet<String> hosts = new TreeSet<>();
        String prefix = ReportHours.REACH_PREFIX;
        for (Map<String, AttributeValue> item : query(ReportHours.party(false, brandId),
                prefix + period.firstKey() + "#", prefix + period.lastKey() + "$")) {
            if (Items.longOf(item, ReportHours.ORDERS, 0) > 0) {
                String sk = item.get("sk").s();
                hosts.add(sk.substring(sk.indexOf('#', prefix.length()) + 1));
            }
        }
        return hosts;
    }

    /** One recorded violation as its item keeps it. */
    public record ViolationItem(ReportHours.ViolationKey key, long paidFen, long compensationFen,
                                Optional<Instant> shippedAt) {
    }

    /** A page of violations and whether more follow. */
    public record ViolationPage(List<ViolationItem> violations, boolean more) {
    }

    /**
     * Up to {@code limit} of the brand's recorded violations of orders paid in [from, to), in payment order, after
     * the one whose sort key is {@code after} (from the first when empty): one Query.
     */
    public ViolationPage violations(String brandId, Instant from, Instant to, Optional<String> after, int limit) {
        String pk = ReportHours.party(false, brandId);
        QueryRequest.Builder request = QueryRequest.builder().tableName(table)
                .keyConditionExpression("pk = :pk AND sk BETWEEN :from AND :to")
                .expressionAttributeValues(Map.of(":pk", Items.s(pk),
                        ":from", Items.s(ReportHours.VIOLATION_PREFIX + SortableTime.of(from)),
                        ":to", Items.s(ReportHours.VIOLATION_PREFIX + SortableTime.of(to))))
                .limit(limit + 1).returnConsumedCapacity(ReturnConsumedCapacity.TOTAL);
        after.ifPresent(sk -> request.exclusiveStartKey(Items.key(pk, sk)));
        QueryResponse page = dynamoDb.query(request.build());
        capacity.read(page.consumedCapacity());
        List<ViolationItem> found = new ArrayList<>();
        for (Map<String, AttributeValue> item : page.items()) {
            long shipped = Items.longOf(item, ReportHours.SHIPPED_AT, 0);
            found.add(new ViolationItem(ReportHours.ViolationKey.parse(item.get("sk").s()),
                    Items.longOf(item, ReportHours.PAID_FEN, 0), Items.longOf(item, ReportHours.COMPENSATION_FEN, 0),
                    shipped == 0 ? Optional.empty() : Optional.of(ReportHours.instantOfNanos(shipped))));
        }
        boolean more = found.size() > limit;
        return new ViolationPage(more ? found.subList(0, limit) : found, more);
    }

    /** Every item of {@code pk} with a sort key in [fromKey, toKey], every page. */
    private List<Map<String, AttributeValue>> query(String pk, String fromKey, String toKey) {
        return KeyRange.items(dynamoDb, capacity, table, pk, fromKey, toKey, false);
    }
}
