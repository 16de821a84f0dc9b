package com.alliance.hosts;

import java.util.Objects;

/** A host as matching sees it: its profile with the snapshot of its stats taken when the card was written. */
public record HostCard(Host host, HostStats stats) {

    public HostCard {
        Objects.requireNonNull(host);
        Objects.requireNonNull(stats);
    }

    public String hostId() {
        return host.hostId();
    }
}
