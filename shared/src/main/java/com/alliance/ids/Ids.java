package com.alliance.ids;

import java.security.SecureRandom;

/**
 * Ids unique across all parties: a prefix names the kind ({@code b_} brand, {@code h_} host,
 * {@code p_} product, {@code run_} settlement run, {@code app_} application), so a brand id never equals a host id.
 */
public final class Ids {

    public static final String BRAND = "b_";
    public static final String HOST = "h_";
    public static final String PRODUCT = "p_";
    public static final String RUN = "run_";
    public static final String SAMPLE = "smp_";
    public static final String APPLICATION = "app_";

    private static final char[] ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {
    }

    /** Prefix, then 16 characters: 80 random bits in Crockford base32. */
    public static String next(String prefix) {
        StringBuilder id = new StringBuilder(prefix);
        for (int i = 0; i < 16; i++) {
            id.append(ALPHABET[RANDOM.nextInt(ALPHABET.length)]);
        }
        return id.toString();
    }

    public static boolean isKind(String id, String prefix) {
        return id != null && id.startsWith(prefix) && id.length() > prefix.length() && id.length() <= 64
                && id.chars().allMatch(c -> c == '_' || c == '-' || Character.isLetterOrDigit(c));
    }
}
