package com.alliance.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;

/** What {@link OrderListReadBenchmark} measures with: every read as DynamoDB Local reports it, and the heap after each GC. */
final class OrderListMeters {

    private OrderListMeters() {
    }

    /**
     * Read units of every read a client makes, as DynamoDB Local reports them and as DynamoDB bills them (an eventually
     * consistent Query or GetItem at least 0.5 RU, a consistent one 1, even when it finds nothing), and the items
     * Queries returned.
     */
    static final class ReadMeter implements ExecutionInterceptor {
        final DoubleAdder local = new DoubleAdder();
        final DoubleAdder billed = new DoubleAdder();
        final LongAdder queryItems = new LongAdder();

        @Override
        public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
            SdkRequest request = context.request();
            if (request instanceof QueryRequest query && query.returnConsumedCapacity() == null) {
                return query.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
            }
            if (request instanceof GetItemRequest get && get.returnConsumedCapacity() == null) {
                return get.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
            }
            if (request instanceof BatchGetItemRequest batch && batch.returnConsumedCapacity() == null) {
                return batch.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
            }
            return request;
        }

        @Override
        public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
            if (context.response() instanceof QueryResponse response) {
                boolean consistent = Boolean.TRUE.equals(((QueryRequest) context.request()).consistentRead());
                single(response.consumedCapacity(), consistent);
                queryItems.add(response.count());
            } else if (context.response() instanceof GetItemResponse response) {
                boolean consistent = Boolean.TRUE.equals(((GetItemRequest) context.request()).consistentRead());
                single(response.consumedCapacity(), consistent);
            } else if (context.response() instanceof BatchGetItemResponse response && response.hasConsumedCapacity()) {
                for (ConsumedCapacity consumed : response.consumedCapacity()) {
                    double units = consumed.capacityUnits() == null ? 0 : consumed.capacityUnits();
                    local.add(units);
                    billed.add(units);     // each item is billed on its own, as DynamoDB Local reports it
                }
            }
        }

        private void single(ConsumedCapacity consumed, boolean consistent) {
            double units = consumed == null || consumed.capacityUnits() == null ? 0 : consumed.capacityUnits();
            local.add(units);
            billed.add(Math.max(units, consistent ? 1.0 : 0.5));
        }

        void reset() {
            local.reset();
            billed.reset();
            queryItems.reset();
        }
    }


    /** Heap used, sampled every 2 ms from a baseline taken after System.gc(), and the heap each GC left. */
    static final class HeapWatch {
        final long baseline;
        final List<Long> afterGc = java.util.Collections.synchronizedList(new ArrayList<>());
        private final AtomicLong peak = new AtomicLong();
        private volatile boolean running = true;
        private final Thread sampler;
        private final List<Map.Entry<NotificationEmitter, NotificationListener>> listeners = new ArrayList<>();

        private HeapWatch(long baseline) {
            this.baseline = baseline;
            this.peak.set(baseline);
            for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                if (gc instanceof NotificationEmitter emitter) {
                    NotificationListener listener = (notification, handback) -> {
                        if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                            GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from(
                                    (CompositeData) notification.getUserData());
                            afterGc.add(info.getGcInfo().getMemoryUsageAfterGc().values().stream()
                                    .mapToLong(MemoryUsage::getUsed).sum());
                        }
                    };
                    emitter.addNotificationListener(listener, null, null);
                    listeners.add(Map.entry(emitter, listener));
                }
            }
            this.sampler = new Thread(() -> {
                while (running) {
                    peak.accumulateAndGet(used(), Math::max);
                    OrderListSeeding.pause(2);
                }
            }, "heap-sampler");
            sampler.setDaemon(true);
            sampler.start();
        }

        static HeapWatch start() throws InterruptedException {
            System.gc();
            Thread.sleep(200);
            System.gc();
            Thread.sleep(200);
            return new HeapWatch(used());
        }

        static long used() {
            return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        }

        long peak() {
            return Math.max(peak.get(), used());
        }

        void stop() throws Exception {
            running = false;
            sampler.join();
            for (Map.Entry<NotificationEmitter, NotificationListener> entry : listeners) {
                entry.getKey().removeNotificationListener(entry.getValue());
            }
        }
    }
}
