package com.alliance.persistence;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * Pages of a Query for clients that list: reads one item beyond the page, so {@code next} is only
 * offered when there really is more, and continues from a {@link PageToken}.
 */
public final class Pages {

    private Pages() {
    }

    /**
     * Up to {@code limit} items of {@code query}, starting after {@code start}; the next token names
     * the last item returned by its {@code keyNames} (the table's and the index's key attributes).
     */
    public static <T> Page<T> query(DynamoDbClient dynamoDb, QueryRequest.Builder query, int limit,
                                    Optional<Map<String, AttributeValue>> start, List<String> keyNames,
                                    Function<Map<String, AttributeValue>, T> mapper) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        Map<String, AttributeValue> from = start.orElse(null);
        do {
            QueryResponse page = dynamoDb.query(query.limit(limit + 1 - items.size()).exclusiveStartKey(from).build());
            items.addAll(page.items());
            from = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (from != null && items.size() <= limit);
        boolean more = items.size() > limit;
        List<Map<String, AttributeValue>> shown = more ? items.subList(0, limit) : items;
        Optional<String> next = more ? Optional.of(PageToken.after(shown.get(limit - 1), keyNames)) : Optional.empty();
        return new Page<>(shown.stream().map(mapper).toList(), next);
    }
}
