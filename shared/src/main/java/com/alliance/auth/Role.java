package com.alliance.auth;

import java.util.Locale;
import java.util.Optional;

/** The roles a token's {@code role} claim may carry. */
public enum Role {
    BRAND, HOST, FINANCE, OPERATOR;

    public static Optional<Role> fromClaim(String claim) {
        if (claim == null) {
            return Optional.empty();
        }
        for (Role role : values()) {
            if (role.claim().equals(claim)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }

    /** The lower-case spelling used in tokens. */
    public String claim() {
        return name().toLowerCase(Locale.ROOT);
    }
}
