package com.alliance.catalog;

import com.alliance.errors.InvalidInputException;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** Product categories, and the certificate each regulated one requires (CertificateRule). */
public enum Category {
    BEAUTY, APPAREL, FOOD, HOME, DIGITAL, MOTHER_BABY, SPORTS, BOOKS,
    GOLD_SILVER(CertificateKind.QUALITY_INSPECTION),
    SECOND_HAND_PHONE(CertificateKind.QUALITY_REPORT);

    private final CertificateKind requiredCertificate;

    Category() {
        this(null);
    }

    Category(CertificateKind requiredCertificate) {
        this.requiredCertificate = requiredCertificate;
    }

    public Optional<CertificateKind> requiredCertificate() {
        return Optional.ofNullable(requiredCertificate);
    }

    public static Category parse(String value, String field) {
        for (Category category : values()) {
            if (category.name().equals(value)) {
                return category;
            }
        }
        throw new InvalidInputException("UNKNOWN_CATEGORY", field + " must be one of "
                + Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", ")), field);
    }
}
