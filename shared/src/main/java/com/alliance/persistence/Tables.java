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

    public static final List<TableDefinition> ALL = List.of(CATALOG);

    private Tables() {
    }
}
