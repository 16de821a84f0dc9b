package com.alliance.hosts;

import com.alliance.errors.InvalidInputException;

/** Which leg of the 1+1 JBP model a host's orders belong to. */
public enum HostKind {
    /** A creator selling through the alliance: the distribution leg, paid commission. */
    INDEPENDENT,
    /** A brand's own self-broadcast persona, played by its employee: the self-broadcast leg. */
    BRAND_SELF;

    public static HostKind parse(String value, String field) {
        for (HostKind kind : values()) {
            if (kind.name().equals(value)) {
                return kind;
            }
        }
        throw InvalidInputException.field(field, field + " must be INDEPENDENT or BRAND_SELF");
    }
}
