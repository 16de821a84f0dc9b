package com.alliance.analytics;

import com.alliance.orders.LiveSessionStats;
import com.alliance.orders.OrderRepository;
import com.alliance.persistence.CapacityMeter;
import com.alliance.persistence.Items;
import com.alliance.persistence.KeyRange;
import com.alliance.persistence.SortableTime;
import com.alliance.persistence.Tables;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Reads the live-session statistics the order-events handler keeps in the orders table
 * ({@code HOST#{hostId} / SESSION#{startedAt}#{sessionId}}, written by {@code OrderEventService}).
 */
public final class LiveSessionRepository {

    private final DynamoDbClient dynamoDb;
    private final CapacityMeter capacity;
    private final String table = Tables.ORDERS.tableName();

    public LiveSessionRepository(DynamoDbClient dynamoDb, CapacityMeter capacity) {
        this.dynamoDb = dynamoDb;
        this.capacity = capacity;
    }

    /** The host's sessions that started in [from, to), earliest first: one Query, paged by the SDK. */
    public List<LiveSession> sessions(String hostId, Instant from, Instant to) {
        return items(hostId, from, to, false).stream().map(LiveSessionRepository::sessionOf).toList();
    }

    /** The host's session reports that started in [from, to), read consistently, as the audience join needs them. */
    public List<LiveSessionStats> reports(String hostId, Instant from, Instant to) {
        return items(hostId, from, to, true).stream().map(OrderRepository::sessionOf).toList();
    }

    private List<Map<String, AttributeValue>> items(String hostId, Instant from, Instant to, boolean consistent) {
        // "SESSION#{to}" sorts before every "SESSION#{to}#{id}", so BETWEEN leaves out a start at exactly `to`
        return KeyRange.items(dynamoDb, capacity, table, "HOST#" + hostId, "SESSION#" + SortableTime.of(from),
                "SESSION#" + SortableTime.of(to), consistent);
    }

    /** A session's figures as its item keeps them: a session item, or a brand's audience item, which copies them. */
    static LiveSession sessionOf(Map<String, AttributeValue> item) {
        return new LiveSession(item.get("hostId").s(), item.get("sessionId").s(), Items.longOf(item, "privateUv"),
                Items.longOf(item, "publicUv"), Items.longOf(item, "watchMinutes"),
                Instant.parse(item.get("startedAt").s()), Instant.parse(item.get("endedAt").s()));
    }
}
