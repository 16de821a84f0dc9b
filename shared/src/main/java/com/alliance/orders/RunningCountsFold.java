package com.alliance.orders;

import com.alliance.orders.OrderCounts.Counter;
import com.alliance.orders.OrderCounts.Scope;
import com.alliance.persistence.ChangeRecord;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The running counts of {@link OrderCounts}, folded from the orders table's change stream instead of being
 * added in every order's transaction: an order's commit writes only its own items, so the orders of one live
 * room never contend on a shared counters item.
 *
 * <p>Each stream record of an order, a complaint, a live session's report or a host's sample request adds what
 * its new image counts less what its old image counted ({@link OrderCounts#difference}). A batch is grouped into
 * one {@link Part} per counters item and stream shard: its steps in stream order, so the item can be written once
 * per batch.
 * Exactly once comes from the item itself: it keeps the sequence number of the last record of each stream
 * shard folded into it, and a part adds only its steps after that ({@link Part#after}). A stream shard is
 * read in order, and a retried batch starts again after the records that were folded, so the steps a part
 * skips are exactly those already in the item.
 */
public final class RunningCountsFold {

    /** One record's contribution to one counters item. */
    public record Step(String sequence, SortedMap<String, Long> delta) {

        public Step {
            delta = Collections.unmodifiableSortedMap(new TreeMap<>(delta));
        }
    }

    /**
     * What one batch adds to one counters item from one stream shard, step by step in stream order.
     *
     * @param shardId the stream shard the steps came from
     */
    public record Part(Scope scope, String id, String shardId, List<Step> steps) {

        public Part {
            steps = List.copyOf(steps);
            if (steps.isEmpty()) {
                throw new IllegalArgumentException("a part has at least one step");
            }
        }

        /** The sortable sequence number of the first step. */
        public String firstSequence() {
            return steps.get(0).sequence();
        }

        /** The sortable sequence number of the last step: what the item remembers once the part is folded. */
        public String lastSequence() {
            return steps.get(steps.size() - 1).sequence();
        }

        /** The steps after {@code foldedThrough} (the item's record of this shard), if any are left. */
        public Optional<Part> after(String foldedThrough) {
            List<Step> left = steps.stream().filter(step -> step.sequence().compareTo(foldedThrough) > 0).toList();
            return left.isEmpty() ? Optional.empty() : Optional.of(new Part(scope, id, shardId, left));
        }

        /** The sum of the steps' deltas, counters that net to zero left out. */
        public SortedMap<String, Long> total() {
            SortedMap<String, Long> total = new TreeMap<>();
            steps.forEach(step -> step.delta().forEach((name, value) -> total.merge(name, value, Long::sum)));
            total.values().removeIf(value -> value == 0);
            return Collections.unmodifiableSortedMap(total);
        }
    }

    private RunningCountsFold() {
    }

    /**
     * The parts a batch of change records adds, one per counters item and stream shard, in the order their
     * items first appear; records that count nothing (markers, postings, the counters items themselves) add none.
     */
    public static List<Part> of(List<ChangeRecord> records) {
        Map<PartKey, List<Step>> steps = new LinkedHashMap<>();
        for (ChangeRecord record : records) {
            SortedMap<Counter, Long> delta = OrderCounts.difference(countsOf(record.oldImage()), countsOf(record.newImage()));
            Map<PartKey, SortedMap<String, Long>> perItem = new LinkedHashMap<>();
            delta.forEach((counter, value) -> perItem.computeIfAbsent(
                    new PartKey(counter.scope(), counter.id(), record.shardId()), key -> new TreeMap<>())
                    .put(counter.name(), value));
            perItem.forEach((key, values) -> steps.computeIfAbsent(key, k -> new ArrayList<>())
                    .add(new Step(record.sortableSequence(), values)));
        }
        List<Part> parts = new ArrayList<>();
        steps.forEach((key, list) -> {
            list.sort(Comparator.comparing(Step::sequence));
            parts.add(new Part(key.scope(), key.id(), key.shardId(), list));
        });
        return parts;
    }

    private record PartKey(Scope scope, String id, String shardId) {
    }

    /**
     * What the item in {@code image} counts: an order by its state, a complaint, a session's report, a host's sample
     * request by its status ({@link OrderCounts#ofSample}); else nothing.
     */
    static SortedMap<Counter, Long> countsOf(Map<String, AttributeValue> image) {
        Optional<StoredOrder> order = OrderRepository.orderOfImage(image);
        if (order.isPresent()) {
            SortedMap<Counter, Long> counts = new TreeMap<>(OrderCounts.of(order.get()));
            if (!image.containsKey(ReportHours.COUNTED)) {
                // written before the report hours: it counts there once the backfill marks it (ReportHoursBackfillJob)
                counts.keySet().removeIf(counter -> counter.scope() == Scope.REPORT);
            }
            if (!image.containsKey("gsi7pk")) {
                // paid before the order lists: its money counts in the hours once the backfill lists it
                // (orderlists.OrderListsBackfillJob), so the summaries add each order's money exactly once
                counts.keySet().removeIf(counter -> counter.scope() == Scope.REPORT
                        && ReportHours.LISTED_COUNTERS.contains(counter.name()));
            }
            return counts;
        }
        Optional<LiveSessionStats> session = OrderRepository.sessionOfImage(image);
        if (session.isPresent()) {
            return OrderCounts.of(session.get());
        }
        if (OrderRepository.keyStartsWith(image, "BRAND#", "COMPLAINT#")) {
            return OrderCounts.of(OrderRepository.complaintOf(image));
        }
        if (isSampleRequest(image)) {
            return OrderCounts.ofSample(image.get("hostId").s(), image.get("status").s());
        }
        return new TreeMap<>();
    }

    /** Whether the item is a sample request ({@code SAMPLE#{requestId}}, {@code SAMPLE}) naming its host and status. */
    private static boolean isSampleRequest(Map<String, AttributeValue> image) {
        return OrderRepository.keyStartsWith(image, "SAMPLE#", "SAMPLE") && image.get("sk").s().equals("SAMPLE")
                && image.containsKey("hostId") && image.get("hostId").s() != null && !image.get("hostId").s().isBlank()
                && image.containsKey("status") && image.get("status").s() != null;
    }

    /** The scopes whose items the trust job watches: their folds mark the host or brand for it. */
    static boolean feedsTrust(Scope scope) {
        return scope == Scope.HOST_STATS || scope == Scope.BRAND_SERVICE;
    }
}
