package com.alliance.functions;

import com.alliance.orders.AfterSaleWindow;
import com.alliance.orders.ShippingSettings;
import com.alliance.risk.RiskSettings;
import com.alliance.samples.SampleSettings;
import com.alliance.settlement.SettlementSettings;
import java.util.Objects;

/**
 * The configuration functions share, read once per container from the environment that
 * template.yaml sets; the local runtime and tests pass their own.
 */
public record Settings(AfterSaleWindow afterSale, SettlementSettings settlement, RiskSettings risk,
                       ShippingSettings shipping, SampleSettings samples) {

    public Settings {
        Objects.requireNonNull(afterSale, "afterSale");
        Objects.requireNonNull(settlement, "settlement");
        Objects.requireNonNull(risk, "risk");
        Objects.requireNonNull(shipping, "shipping");
        Objects.requireNonNull(samples, "samples");
    }

    /** With the sample deadlines and tiers the environment gives. */
    public Settings(AfterSaleWindow afterSale, SettlementSettings settlement, RiskSettings risk, ShippingSettings shipping) {
        this(afterSale, settlement, risk, shipping, SampleSettings.fromEnvironment());
    }

    /** With the late-shipment rules the environment gives. */
    public Settings(AfterSaleWindow afterSale, SettlementSettings settlement, RiskSettings risk) {
        this(afterSale, settlement, risk, ShippingSettings.fromEnvironment());
    }

    /** With the fake-order rules the environment gives. */
    public Settings(AfterSaleWindow afterSale, SettlementSettings settlement) {
        this(afterSale, settlement, RiskSettings.fromEnvironment());
    }

    public static Settings fromEnvironment() {
        return new Settings(AfterSaleWindow.fromEnvironment(), SettlementSettings.fromEnvironment(),
                RiskSettings.fromEnvironment(), ShippingSettings.fromEnvironment(), SampleSettings.fromEnvironment());
    }

    /** SPEC defaults, but the fake-order rules as the environment sets them ({@code RISK_RULES}). */
    public static Settings defaults() {
        return new Settings(AfterSaleWindow.defaults(), SettlementSettings.defaults(), RiskSettings.fromEnvironment(),
                ShippingSettings.defaults(), SampleSettings.defaults());
    }

    public Settings withAfterSale(AfterSaleWindow window) {
        return new Settings(window, settlement, risk, shipping, samples);
    }

    public Settings withSettlement(SettlementSettings settings) {
        return new Settings(afterSale, settings, risk, shipping, samples);
    }

    public Settings withRisk(RiskSettings settings) {
        return new Settings(afterSale, settlement, settings, shipping, samples);
    }

    public Settings withShipping(ShippingSettings settings) {
        return new Settings(afterSale, settlement, risk, settings, samples);
    }

    public Settings withSamples(SampleSettings settings) {
        return new Settings(afterSale, settlement, risk, shipping, settings);
    }
}
