package com.alliance.orders;

import com.alliance.persistence.SortableTime;
import com.alliance.persistence.WriteShards;
import java.time.Instant;

/**
 * The index keys that serve hosts' and brands' order lists (the readers are in {@code orderlists}). Every key is
 * sharded by the order ({@link WriteShards}), so a live room's orders spread over {@value #SHARDS} partitions of each
 * index, and an order writes only its own item:
 *
 * <ul>
 *   <li>a brand's orders: gsi1 {@code BRAND#{brandId}#{shard}} / {@code PAID#{paidAt}#{orderId}} (also JBP's);</li>
 *   <li>a host's orders: gsi7 {@code HOSTORD#{hostId}#{shard}} / {@code PAID#{paidAt}#{orderId}}, written once at
 *       payment (it copies only {@code productId}, which never changes);</li>
 *   <li>a host's and a brand's {@link ListedStatus#FLAGGED flagged} orders: items of their own,
 *       {@code HOSTFLAG#{hostId}#{shard}} and {@code BRANDFLAG#{brandId}#{shard}} / {@code {status}#{paidAt}#{orderId}},
 *       present only while the order is held, voided, refunded in full or cancelled. The orders table's stream writes
 *       them ({@code orderlists.OrderFlagsFold}), never an order's commit, so the table needs one index more (gsi7),
 *       not three: CloudFormation adds one index to a table per update.</li>
 * </ul>
 */
public final class OrderListKeys {

    /** 1 WU per order at payment × 5 000 orders/s of one live room ÷ 1 000 WU/s ÷ 16 = 0.31 of a partition. */
    public static final int SHARDS = OrderRepository.BRAND_SHARDS;
    public static final String HOST_LIST = "HOSTORD#";
    /** A brand's orders are gsi1's {@code BRAND#{brandId}#{shard}} ({@code OrderRepository.brandPartition}). */
    public static final String BRAND_LIST = "BRAND#";
    public static final String HOST_FLAGS = "HOSTFLAG#";
    public static final String BRAND_FLAGS = "BRANDFLAG#";
    public static final String PAID = "PAID#";

    private OrderListKeys() {
    }

    /** The partition of a party's list or flags that an order's entry is in. */
    public static String partition(String prefix, String partyId, String orderId) {
        return WriteShards.key(prefix + partyId, orderId, SHARDS);
    }

    /** Shard {@code n} of a party's list or flags. */
    public static String partition(String prefix, String partyId, int shard) {
        return prefix + partyId + "#" + shard;
    }

    /** {@code PAID#{paidAt}#{orderId}}: newest first when read descending. */
    public static String paidKey(Instant paidAt, String orderId) {
        return PAID + SortableTime.of(paidAt) + "#" + orderId;
    }

    /** {@code {status}#{paidAt}#{orderId}}. */
    public static String flagKey(ListedStatus status, Instant paidAt, String orderId) {
        return status.name() + "#" + SortableTime.of(paidAt) + "#" + orderId;
    }

    /** The host-list keys of a paid order, added to its item. */
    static void addTo(com.alliance.persistence.Items.Builder item, StoredOrder order) {
        OrderState state = order.state();
        state.payment().ifPresent(payment -> {
            String orderId = state.orderId();
            Instant paidAt = payment.paid().occurredAt();
            String hostId = payment.paid().hostId();
            item.s("gsi7pk", partition(HOST_LIST, hostId, orderId)).s("gsi7sk", paidKey(paidAt, orderId));
        });
    }
}
