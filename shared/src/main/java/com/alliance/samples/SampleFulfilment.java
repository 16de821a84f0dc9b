package com.alliance.samples;

import com.alliance.persistence.ChangeRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Finds, in the orders table's stream, the orders that fulfil a sample request: an order's item that became paid (its
 * new image has {@code paidAt}, its old one none) names the host and the product; the host's request for that product
 * ({@link SampleRepository.Guard}) is fulfilled by the first such order paid after the shipment and by the promise
 * deadline ({@link SampleRequest#fulfilledBy}). It reads one batch of guards per stream batch and writes only requests
 * that change, conditionally on their version, so a batch read again changes nothing twice. Never on an order's commit
 * path: a flash sale's orders pay nothing for it.
 */
public final class SampleFulfilment {

    private static final Logger LOG = LogManager.getLogger(SampleFulfilment.class);

    private final SampleRepository samples;
    private final SampleService service;

    public SampleFulfilment(SampleRepository samples, SampleService service) {
        this.samples = samples;
        this.service = service;
    }

    /** A paid order as the stream shows it. */
    record PaidOrder(String orderId, String hostId, String productId, Instant paidAt, String sequence) {
    }

    /**
     * Fulfils what the batch's newly paid orders fulfil; answers the sortable sequence number to read the batch again
     * from when a request could not be written now (the earliest such order's record).
     */
    public Optional<String> apply(List<ChangeRecord> batch) {
        Map<SampleRepository.HostProduct, PaidOrder> first = new LinkedHashMap<>();
        for (ChangeRecord record : batch) {
            newlyPaid(record).ifPresent(order -> first.merge(
                    new SampleRepository.HostProduct(order.hostId(), order.productId()), order,
                    (a, b) -> a.paidAt().isAfter(b.paidAt()) ? b : a));
        }
        if (first.isEmpty()) {
            return Optional.empty();
        }
        Map<SampleRepository.HostProduct, SampleRepository.Guard> guards = samples.guards(new ArrayList<>(first.keySet()));
        Optional<String> retryFrom = Optional.empty();
        for (Map.Entry<SampleRepository.HostProduct, SampleRepository.Guard> guard : guards.entrySet()) {
            if (!guard.getValue().status().mayBeFulfilled()) {
                continue;
            }
            PaidOrder order = first.get(guard.getKey());
            try {
                service.fulfil(guard.getValue().requestId(), order.orderId(), order.paidAt());
            } catch (RuntimeException e) {
                LOG.warn("sample request {} not fulfilled now by order {}: {}", guard.getValue().requestId(),
                        order.orderId(), e.toString());
                retryFrom = retryFrom.filter(from -> from.compareTo(order.sequence()) <= 0).or(() -> Optional.of(order.sequence()));
            }
        }
        return retryFrom;
    }

    /** The order a record shows becoming paid: an order's state item whose new image has {@code paidAt} and old none. */
    static Optional<PaidOrder> newlyPaid(ChangeRecord record) {
        Map<String, AttributeValue> image = record.newImage();
        if (image == null || !image.containsKey("paidAt") || !image.containsKey("pk")
                || !image.get("pk").s().startsWith("ORDER#") || !"STATE".equals(image.get("sk").s())
                || (record.oldImage() != null && record.oldImage().containsKey("paidAt"))) {
            return Optional.empty();
        }
        return Optional.of(new PaidOrder(image.get("orderId").s(), image.get("hostId").s(), image.get("productId").s(),
                Instant.parse(image.get("paidAt").s()), record.sortableSequence()));
    }
}
