package com.alliance.functions;

import com.alliance.orders.AfterSaleWindow;
import com.alliance.settlement.SettlementSettings;
import java.util.Objects;

/**
 * The configuration functions share, read once per container from the environment that
 * template.yaml sets; the local runtime and tests pass their own.
 */
public record Settings(AfterSaleWindow afterSale, SettlementSettings settlement) {

    public Settings {
        Objects.requireNonNull(afterSale, "afterSale");
        Objects.requireNonNull(settlement, "settlement");
    }

    public static Settings fromEnvironment() {
        return new Settings(AfterSaleWindow.fromEnvironment(), SettlementSettings.fromEnvironment());
    }

    public static Settings defaults() {
        return new Settings(AfterSaleWindow.defaults(), SettlementSettings.defaults());
    }

    public Settings withAfterSale(AfterSaleWindow window) {
        return new Settings(window, settlement);
    }

    public Settings withSettlement(SettlementSettings settings) {
        return new Settings(afterSale, settings);
    }
}
