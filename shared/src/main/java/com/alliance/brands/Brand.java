package com.alliance.brands;

import java.time.Instant;
import java.util.Objects;

/** A goods owner registered, and so verified, by a platform operator. */
public record Brand(String brandId, String name, CreditCode creditCode, Instant registeredAt, String registeredBy) {

    public Brand {
        Objects.requireNonNull(brandId);
        Objects.requireNonNull(name);
        Objects.requireNonNull(creditCode);
        Objects.requireNonNull(registeredAt);
        Objects.requireNonNull(registeredBy);
    }
}
