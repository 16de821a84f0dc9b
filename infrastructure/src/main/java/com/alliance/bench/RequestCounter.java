package com.alliance.bench;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * Counts a client's requests by operation and what they read (a GetItem's key family, a Query's table and
 * index): what one event costs the store in calls, not only in units.
 */
public final class RequestCounter implements ExecutionInterceptor {

    private final Map<String, LongAdder> calls = new ConcurrentHashMap<>();

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        calls.computeIfAbsent(operation + target(context.request()), k -> new LongAdder()).increment();
    }

    private static String target(SdkRequest request) {
        if (request instanceof GetItemRequest get) {
            return "(" + ItemKeys.family(get.key().get("pk").s()) + ")";
        }
        if (request instanceof QueryRequest query) {
            return "(" + ItemKeys.shortName(query.tableName()) + (query.indexName() == null ? "" : ":" + query.indexName()) + ")";
        }
        return "";
    }

    /** Requests by operation so far, sorted by name. */
    public Map<String, Long> counts() {
        Map<String, Long> counts = new TreeMap<>();
        calls.forEach((operation, count) -> counts.put(operation, count.sum()));
        return counts;
    }

    public long total() {
        return calls.values().stream().mapToLong(LongAdder::sum).sum();
    }
}
