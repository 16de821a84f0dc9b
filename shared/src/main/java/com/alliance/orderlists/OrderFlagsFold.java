package com.alliance.orderlists;

import com.alliance.orders.ListedStatus;
import com.alliance.orders.OrderListKeys;
import com.alliance.orders.OrderRepository;
import com.alliance.orders.StoredOrder;
import com.alliance.persistence.ChangeRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Keeps the flagged-order items of hosts' and brands' lists ({@link OrderListKeys}) from the orders table's stream:
 * an order that becomes held, voided, refunded in full or cancelled gets one item under its host and one under its
 * brand; one that leaves the status (a hold released) loses them; one that moves (held, then voided) moves them. No
 * order's commit writes them. A batch read again puts and deletes the same keys again, and the records of one order
 * arrive in the order they were written, so the items end as the order's last image says.
 */
public final class OrderFlagsFold {

    private static final Logger LOG = LogManager.getLogger(OrderFlagsFold.class);

    private final OrderListRepository repository;

    public OrderFlagsFold(OrderListRepository repository) {
        this.repository = repository;
    }

    /** Applies a stream batch; on a failure, the first record's sequence to read the batch again from. */
    public Optional<String> apply(List<ChangeRecord> records) {
        try {
            List<OrderListRepository.FlagWrite> writes = new ArrayList<>();
            for (ChangeRecord record : records) {
                writes.addAll(writes(record.oldImage(), record.newImage()));
            }
            repository.applyFlags(collapse(writes));
            return Optional.empty();
        } catch (RuntimeException e) {
            LOG.warn("flagged orders not written now, the batch is read again: {}", e.toString());
            return records.stream().map(ChangeRecord::sortableSequence).min(String::compareTo);
        }
    }

    /** The last write of each key wins, in record order: one request per item however often a batch changes it. */
    static List<OrderListRepository.FlagWrite> collapse(List<OrderListRepository.FlagWrite> writes) {
        Map<String, OrderListRepository.FlagWrite> last = new LinkedHashMap<>();
        for (OrderListRepository.FlagWrite write : writes) {
            last.remove(write.pk() + "\u0000" + write.sk());
            last.put(write.pk() + "\u0000" + write.sk(), write);
        }
        return List.copyOf(last.values());
    }

    /** What one change of an item does to the flagged-order items: nothing unless it is an order's and its flag moved. */
    public static List<OrderListRepository.FlagWrite> writes(Map<String, AttributeValue> oldImage,
                                                            Map<String, AttributeValue> newImage) {
        List<OrderListRepository.FlagWrite> before = flags(oldImage);
        List<OrderListRepository.FlagWrite> after = flags(newImage);
        List<OrderListRepository.FlagWrite> writes = new ArrayList<>();
        for (OrderListRepository.FlagWrite old : before) {
            if (after.stream().noneMatch(w -> w.pk().equals(old.pk()) && w.sk().equals(old.sk()))) {
                writes.add(new OrderListRepository.FlagWrite(false, old.pk(), old.sk(), old.orderId(), old.productId(),
                        old.hostId()));
            }
        }
        for (OrderListRepository.FlagWrite now : after) {
            if (before.stream().noneMatch(w -> w.pk().equals(now.pk()) && w.sk().equals(now.sk()))) {
                writes.add(now);
            }
        }
        return writes;
    }

    /**
     * The flag items an image of an order stands for: none unless it is a paid order's with a flagged status. An image
     * without the host-list keys (an order stored before the lists existed) stands for none, so the write that gives
     * it those keys puts its flags too.
     */
    static List<OrderListRepository.FlagWrite> flags(Map<String, AttributeValue> image) {
        if (image == null || image.isEmpty() || !image.containsKey("gsi7pk")) {
            return List.of();
        }
        Optional<StoredOrder> order = OrderRepository.orderOfImage(image);
        if (order.isEmpty() || order.get().state().payment().isEmpty()) {
            return List.of();
        }
        Optional<ListedStatus> status = ListedStatus.of(order.get()).filter(ListedStatus::flagged);
        if (status.isEmpty()) {
            return List.of();
        }
        var payment = order.get().state().payment().get();
        String orderId = order.get().state().orderId();
        String sk = OrderListKeys.flagKey(status.get(), payment.paid().occurredAt(), orderId);
        String productId = payment.paid().productId();
        String hostId = payment.paid().hostId();
        return List.of(
                new OrderListRepository.FlagWrite(true, OrderListKeys.partition(OrderListKeys.HOST_FLAGS, hostId, orderId),
                        sk, orderId, productId, hostId),
                new OrderListRepository.FlagWrite(true, OrderListKeys.partition(OrderListKeys.BRAND_FLAGS,
                        payment.terms().brandId(), orderId), sk, orderId, productId, hostId));
    }
}
