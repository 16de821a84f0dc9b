package com.alliance.persistence;

import java.util.List;

/**
 * Every table of the marketplace, the one source of truth for keys and indexes.
 * The access patterns each key serves are listed in docs/dynamodb.md.
 */
public final class Tables {

    /**
     * Brands, products, rate schedules, hosts and showcases. {@code gsi1} lists a brand's products;
     * {@code gsi2} is the matching index: products and host cards by category, most attractive first.
     */
    public static final TableDefinition CATALOG = new TableDefinition(
            "CatalogTable", "CATALOG_TABLE", "alliance-catalog", "pk", "sk",
            List.of(new TableDefinition.Index("gsi1", "gsi1pk", "gsi1sk"),
                    new TableDefinition.Index("gsi2", "gsi2pk", "gsi2sk")));

    /**
     * What the risk rules and the holds review read of a paid order ({@code PaidOrder}): small
     * attributes that change only at payment, a refund, a cancellation or a hold decision, never at shipment.
     */
    public static final List<String> PAID_ORDER_ATTRIBUTES = List.of("orderId", "brandId", "hostId", "productId",
            "buyerId", "paidAt", "paidFen", "refundedFen", "cancelled", "held", "voided", "riskRules", "riskReasons");

    /**
     * A brand's paid orders add what JBP ({@code PaidOrderSummary}) reads: nothing that changes at shipment, so a
     * shipment rewrites no entry (the SLA reads the report aggregates, {@code orders.ReportHours}).
     */
    public static final List<String> BRAND_ORDER_ATTRIBUTES = java.util.stream.Stream.concat(
            PAID_ORDER_ATTRIBUTES.stream(), java.util.stream.Stream.of("leg", "salesFeeFen")).toList();

    /**
     * A host's orders (gsi7) copy only what its list filters on before reading the orders of a page: the product,
     * which never changes, so the entry is written once, at payment.
     */
    public static final List<String> HOST_ORDER_ATTRIBUTES = List.of("productId");

    /**
     * Order state (the events of each order), processed-event markers, complaints, session stats. gsi1 a brand's
     * paid orders (sharded); gsi2 the orders whose promise is to check or whose after-sale window runs, by when
     * (sharded, keys only); gsi3 a buyer's paid orders by payment time (the fake-order rules); gsi5 the open risk
     * holds (sharded); gsi6 the orders whose risk review is open, by when its stage is due (sharded, keys only); gsi7 a host's
     * paid orders (sharded, {@code orders.OrderListKeys}). No index copies the big attributes (events, terms, posted) nor
     * one that every commit changes (revision, updatedAt, status): an index entry is written only when it changes.
     * Its change stream feeds the running counts ({@code orders.RunningCountsFold}).
     */
    public static final TableDefinition ORDERS = new TableDefinition(
            "OrdersTable", "ORDERS_TABLE", "alliance-orders", "pk", "sk",
            List.of(new TableDefinition.Index("gsi1", "gsi1pk", "gsi1sk",
                            TableDefinition.Projection.include(BRAND_ORDER_ATTRIBUTES)),
                    new TableDefinition.Index("gsi2", "gsi2pk", "gsi2sk", TableDefinition.Projection.keysOnly()),
                    new TableDefinition.Index("gsi3", "gsi3pk", "gsi3sk",
                            TableDefinition.Projection.include(PAID_ORDER_ATTRIBUTES)),
                    new TableDefinition.Index("gsi5", "gsi5pk", "gsi5sk",
                            TableDefinition.Projection.include(PAID_ORDER_ATTRIBUTES)),
                    new TableDefinition.Index("gsi6", "gsi6pk", "gsi6sk", TableDefinition.Projection.keysOnly()),
                    new TableDefinition.Index("gsi7", "gsi7pk", "gsi7sk",
                            TableDefinition.Projection.include(HOST_ORDER_ATTRIBUTES))),
            true);

    /**
     * The append-only ledger: one item per posting, by party and by order. Its change stream feeds the day log
     * ({@code settlement.LedgerDayLog}) that reconciliation reads a day at a time.
     */
    public static final TableDefinition LEDGER = new TableDefinition(
            "LedgerTable", "LEDGER_TABLE", "alliance-ledger", "pk", "sk",
            List.of(new TableDefinition.Index("gsi1", "gsi1pk", "gsi1sk")), true);

    /**
     * Settlement: each payee's settlement cursor (which of its postings runs have claimed), settlement
     * runs with their lines, and the idempotency keys of run requests. Mutable items, unlike the ledger.
     */
    public static final TableDefinition SETTLEMENT = new TableDefinition(
            "SettlementTable", "SETTLEMENT_TABLE", "alliance-settlement", "pk", "sk",
            List.of(new TableDefinition.Index("gsi1", "gsi1pk", "gsi1sk")));

    /**
     * The background jobs' own state ({@code jobs.ShardLeases}): each job's shard leases, held by one worker at a
     * time, with what each shard's last work item did, and each job's last dispatch with its backlog. Nothing of
     * the business lives here: it can be emptied at any time and the jobs go on from the business tables' indexes.
     */
    public static final TableDefinition JOBS = new TableDefinition(
            "JobsTable", "JOBS_TABLE", "alliance-jobs", "pk", "sk", List.of());

    public static final List<TableDefinition> ALL = List.of(CATALOG, ORDERS, LEDGER, SETTLEMENT, JOBS);

    private Tables() {
    }
}
