package com.alliance.analytics;

import com.alliance.orders.LiveSessionStats;
import com.alliance.persistence.CapacityMeter;
import com.alliance.persistence.Items;
import com.alliance.persistence.KeyRange;
import com.alliance.persistence.SortableTime;
import com.alliance.persistence.Tables;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;

/**
 * The items of a brand's audience ({@link SessionReach}), in the orders table:
 * <ul>
 *   <li>{@code HOST#{h} / ORDERED#{hour}#{brandId}}: the host took an order of the brand's goods in that UTC hour;
 *       put (again and again, it only ever says the same) by the stream consumer for every paid order it sees;</li>
 *   <li>{@code BRAND#{b} / AUDIENCE#{startedAt}#{hostId}#{sessionId}}: a session that reached the brand, with the
 *       figures of the session's report that stands ({@code version}, {@link SessionReach#version}); a put keeps
 *       the later report's figures whichever arrives first.</li>
 * </ul>
 * The join's reads are consistent Queries of the base table (these, and a host's sessions through
 * {@link LiveSessionRepository#reports}), so an order's side and a session's side cannot both miss each other
 * ({@link AudienceJoin}).
 */
public final class AudienceRepository {

    public static final String ORDERED_PREFIX = "ORDERED#";
    public static final String AUDIENCE_PREFIX = "AUDIENCE#";

    /** A host took an order of a brand in an hour. */
    public record Ordered(String hostId, String hourKey, String brandId) {
    }

    private final DynamoDbClient dynamoDb;
    private final CapacityMeter capacity;
    private final String table = Tables.ORDERS.tableName();

    public AudienceRepository(DynamoDbClient dynamoDb, CapacityMeter capacity) {
        this.dynamoDb = dynamoDb;
        this.capacity = capacity;
    }

    /** Records that the host took an order of the brand in the hour (idempotent). */
    public void putOrdered(Ordered ordered) {
        charge(dynamoDb.putItem(PutItemRequest.builder().tableName(table)
                .item(Items.builder().s("pk", "HOST#" + ordered.hostId())
                        .s("sk", ORDERED_PREFIX + ordered.hourKey() + "#" + ordered.brandId())
                        .s("brandId", ordered.brandId()).build())
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build()).consumedCapacity());
    }

    /** The brands the host took an order of in the hours from {@code firstHour} to {@code lastHour} (consistent). */
    public List<Ordered> ordered(String hostId, String firstHour, String lastHour) {
        List<Ordered> found = new ArrayList<>();
        // "#" < "$": the range holds every brand of the last hour
        for (Map<String, AttributeValue> item : query("HOST#" + hostId, ORDERED_PREFIX + firstHour + "#",
                ORDERED_PREFIX + lastHour + "$", true)) {
            String sk = item.get("sk").s();
            found.add(new Ordered(hostId, sk.substring(ORDERED_PREFIX.length(), sk.indexOf('#', ORDERED_PREFIX.length())),
                    item.get("brandId").s()));
        }
        return found;
    }

    /**
     * Puts the session's figures as the brand's audience unless a report that stands over this one is there
     * already: true if written.
     */
    public boolean putAudience(String brandId, LiveSessionStats report) {
        try {
            charge(dynamoDb.putItem(PutItemRequest.builder().tableName(table)
                    .item(Items.builder().s("pk", "BRAND#" + brandId)
                            .s("sk", AUDIENCE_PREFIX + SortableTime.of(report.startedAt()) + "#" + report.hostId()
                                    + "#" + report.sessionId())
                            .s("hostId", report.hostId()).s("sessionId", report.sessionId())
                            .n("privateUv", report.privateUv()).n("publicUv", report.publicUv())
                            .n("watchMinutes", report.watchMinutes())
                            .s("startedAt", report.startedAt().toString()).s("endedAt", report.endedAt().toString())
                            .s("version", SessionReach.version(report)).build())
                    .conditionExpression("attribute_not_exists(pk) OR version < :version")
                    .expressionAttributeValues(Map.of(":version", Items.s(SessionReach.version(report))))
                    .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build()).consumedCapacity());
            return true;
        } catch (ConditionalCheckFailedException standsAlready) {
            return false;
        }
    }

    /** The sessions that started in [from, to) and reached the brand: one Query, paged by the SDK. */
    public List<LiveSession> audience(String brandId, Instant from, Instant to) {
        List<LiveSession> found = new ArrayList<>();
        for (Map<String, AttributeValue> item : query("BRAND#" + brandId, AUDIENCE_PREFIX + SortableTime.of(from),
                AUDIENCE_PREFIX + SortableTime.of(to), false)) {
            found.add(LiveSessionRepository.sessionOf(item));
        }
        return found;
    }

    private void charge(ConsumedCapacity consumed) {
        if (consumed != null) {
            capacity.write(List.of(consumed));
        }
    }

    private List<Map<String, AttributeValue>> query(String pk, String from, String to, boolean consistent) {
        return KeyRange.items(dynamoDb, capacity, table, pk, from, to, consistent);
    }
}
