package com.alliance.settings;

import java.util.function.Function;

/**
 * One setting read from the environment, the same way for every settings record (matching, risk, trust,
 * shipping): absent or blank means the documented default; a value that does not parse stops the start with
 * the setting's name, rather than running on a default nobody chose.
 */
public final class Env {

    private Env() {
    }

    public static <T> T read(Function<String, String> env, String name, Function<String, T> parse, T fallback) {
        String value = env.apply(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return parse.apply(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number, was " + value);
        }
    }
}
