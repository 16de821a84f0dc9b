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
     * Order state (the events of each order), processed-event markers, complaints, session stats;
     * gsi2 holds the orders whose after-sale window is running, by the instant it ends; gsi3 a buyer's and
     * gsi4 a host's paid orders by payment time (the fake-order rules); gsi5 the open risk holds. Its change
     * stream feeds the running counts ({@code orders.RunningCountsFold}).
     */
    public static final TableDefinition ORDERS = new TableDefinition(
            "OrdersTable", "ORDERS_TABLE", "alliance-orders", "pk", "sk",
            List.of(new TableDefinition.Index("gsi1", "gsi1pk", "gsi1sk"),
                    new TableDefinition.Index("gsi2", "gsi2pk", "gsi2sk"),
                    new TableDefinition.Index("gsi3", "gsi3pk", "gsi3sk"),
                    new TableDefinition.Index("gsi4", "gsi4pk", "gsi4sk"),
                    new TableDefinition.Index("gsi5", "gsi5pk", "gsi5sk")),
            true);

    /** The append-only ledger: one item per posting, by party and by order. */
    public static final TableDefinition LEDGER = new TableDefinition(
            "LedgerTable", "LEDGER_TABLE", "alliance-ledger", "pk", "sk",
            List.of(new TableDefinition.Index("gsi1", "gsi1pk", "gsi1sk")));

    /**
     * Settlement: each payee's settlement cursor (which of its postings runs have claimed), settlement
     * runs with their lines, and the idempotency keys of run requests. Mutable items, unlike the ledger.
     */
    public static final TableDefinition SETTLEMENT = new TableDefinition(
            "SettlementTable", "SETTLEMENT_TABLE", "alliance-settlement", "pk", "sk",
            List.of(new TableDefinition.Index("gsi1", "gsi1pk", "gsi1sk")));

    public static final List<TableDefinition> ALL = List.of(CATALOG, ORDERS, LEDGER, SETTLEMENT);

    private Tables() {
    }
}
