package com.alliance.applications;

import com.alliance.errors.InvalidInputException;
import java.util.Arrays;
import java.util.stream.Collectors;

/** Where an application stands: {@code PENDING} until the brand approves or rejects it, or its review time runs out. */
public enum ApplicationStatus {
    PENDING, APPROVED, REJECTED, EXPIRED;

    /** Whether the brand has answered it or its time has run out: nothing changes it any more. */
    public boolean isDecided() {
        return this != PENDING;
    }

    /** The status a request names, or 400 on {@code field}. */
    public static ApplicationStatus parse(String value, String field) {
        try {
            return valueOf(value);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw InvalidInputException.field(field, field + " must be one of "
                    + Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", ")));
        }
    }
}
