package com.alliance.orders;

import java.util.Optional;

/** Where the order side learns a host's kind ({@code INDEPENDENT} or {@code BRAND_SELF}), which decides the leg. */
public interface HostDirectory {

    Optional<String> kindOf(String hostId);
}
