package com.alliance.catalog;

import java.time.Duration;

/** Catalog configuration; defaults per SPEC, overridable by environment. */
public record CatalogSettings(Duration rateDecreaseNotice) {

    public static final Duration DEFAULT_RATE_DECREASE_NOTICE = Duration.ofHours(24);

    public static CatalogSettings defaults() {
        return new CatalogSettings(DEFAULT_RATE_DECREASE_NOTICE);
    }

    /** Reads {@code RATE_DECREASE_NOTICE_HOURS}; absent means the default of 24 h. */
    public static CatalogSettings fromEnvironment() {
        String hours = System.getenv("RATE_DECREASE_NOTICE_HOURS");
        return hours == null || hours.isBlank() ? defaults()
                : new CatalogSettings(Duration.ofHours(Long.parseLong(hours.strip())));
    }
}
