package com.alliance.hosts;

import java.util.Objects;

/** A host carrying a product in its showcase, with the rate it earns on it now. */
public record Carrier(ShowcaseEntry entry, Host host, int rateBps) {

    public Carrier {
        Objects.requireNonNull(entry);
        Objects.requireNonNull(host);
    }
}
