package com.alliance.money;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Yuan as text for people and banks, from and to {@code long} fen by digits: never through a double. */
public final class Yuan {

    private static final Pattern AMOUNT = Pattern.compile("(-?)(\\d{1,16})(?:\\.(\\d{1,2}))?");

    private Yuan() {
    }

    /** {@code 123456} fen → {@code "1234.56"}; {@code 5} → {@code "0.05"}; {@code -120} → {@code "-1.20"}. */
    public static String format(long fen) {
        String digits = Long.toString(fen).replace("-", "");   // digits of |fen|, Long.MIN_VALUE too
        while (digits.length() < 3) {
            digits = "0" + digits;
        }
        String sign = fen < 0 ? "-" : "";
        return sign + digits.substring(0, digits.length() - 2) + "." + digits.substring(digits.length() - 2);
    }

    /**
     * Yuan text with up to two decimals ({@code "12"}, {@code "12.3"}, {@code "12.34"}) as fen; empty when it
     * is not such text or does not fit a long.
     */
    public static Optional<Long> parseFen(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = AMOUNT.matcher(text.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        String decimals = m.group(3) == null ? "00" : (m.group(3) + "0").substring(0, 2);
        try {
            long fen = Math.addExact(Math.multiplyExact(Long.parseLong(m.group(2)), 100L), Long.parseLong(decimals));
            return Optional.of(m.group(1).isEmpty() ? fen : -fen);
        } catch (ArithmeticException | NumberFormatException tooLarge) {
            return Optional.empty();
        }
    }
}
