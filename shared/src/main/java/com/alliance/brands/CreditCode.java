package com.alliance.brands;

import com.alliance.errors.InvalidInputException;
import java.util.Locale;

/**
 * A unified social credit code (统一社会信用代码, GB 32100-2015): 18 characters from a 31-symbol
 * alphabet without I, O, S, V and Z, the last being a check character over the first 17 with
 * weights 3^i mod 31.
 */
public record CreditCode(String value) {

    static final String ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final int[] WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};

    public CreditCode {
        if (!isValid(value)) {
            throw new InvalidInputException("INVALID_CREDIT_CODE",
                    "creditCode must be an 18-character unified social credit code with a valid check character",
                    "creditCode");
        }
    }

    /** Accepts lower case input and surrounding blanks, as people type them. */
    public static CreditCode parse(String input) {
        return new CreditCode(input == null ? "" : input.strip().toUpperCase(Locale.ROOT));
    }

    public static boolean isValid(String code) {
        if (code == null || code.length() != 18) {
            return false;
        }
        for (int i = 0; i < 18; i++) {
            if (ALPHABET.indexOf(code.charAt(i)) < 0) {
                return false;
            }
        }
        return code.charAt(17) == checkCharacter(code.substring(0, 17));
    }

    /** The check character for the first 17 characters of a code (public for test-data generators). */
    public static char checkCharacter(String first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += ALPHABET.indexOf(first17.charAt(i)) * WEIGHTS[i];
        }
        int check = (31 - sum % 31) % 31;
        return ALPHABET.charAt(check);
    }
}
