package com.alliance.testing;

import java.util.concurrent.atomic.AtomicLong;

/** Fresh valid unified social credit codes, so tests never collide on the one-brand-per-code claim. */
public final class CreditCodes {

    private static final String ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final int[] WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
    private static final AtomicLong NEXT = new AtomicLong(System.nanoTime() % 1_000_000_000L);

    private CreditCodes() {
    }

    public static String fresh() {
        String body = String.format("9133010%010d", NEXT.incrementAndGet());
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += ALPHABET.indexOf(body.charAt(i)) * WEIGHTS[i];
        }
        return body + ALPHABET.charAt((31 - sum % 31) % 31);
    }
}
