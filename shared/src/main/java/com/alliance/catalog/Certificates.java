package com.alliance.catalog;

import com.alliance.errors.InvalidInputException;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** Certificate numbers a product carries, by kind. */
public record Certificates(Map<CertificateKind, String> numbers) {

    private static final Pattern NUMBER = Pattern.compile("[A-Za-z0-9-]{6,40}");

    public Certificates {
        numbers = Map.copyOf(numbers);
        numbers.forEach((kind, number) -> {
            if (!NUMBER.matcher(number).matches()) {
                throw InvalidInputException.field("certificates." + kind.name(),
                        "a certificate number is 6 to 40 letters, digits or dashes");
            }
        });
    }

    public static Certificates none() {
        return new Certificates(new EnumMap<>(CertificateKind.class));
    }

    public Optional<String> number(CertificateKind kind) {
        return Optional.ofNullable(numbers.get(kind));
    }

    /** CertificateRule: a regulated category is refused without its certificate. */
    public void requireFor(Category category) {
        category.requiredCertificate().ifPresent(kind -> {
            if (!numbers.containsKey(kind)) {
                throw new InvalidInputException("CERTIFICATE_REQUIRED", category.name() + " goods need a "
                        + kind.name() + " certificate number", "certificates." + kind.name());
            }
        });
    }
}
