package com.alliance.functions.api;

import com.alliance.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Warm-up work shared by the functions' SnapStart hooks. */
public final class Primer {

    private Primer() {
    }

    /** Loads and exercises Jackson's serialisers and deserialisers once. */
    public static void primeJson() {
        try {
            Json.write(Json.MAPPER.readTree("{\"primed\":true,\"n\":1,\"list\":[1,2],\"nested\":{\"s\":\"x\"}}"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs {@code call}, ignoring what it answers or throws: priming must never fail a snapshot. */
    public static void quietly(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException ignored) {
            // a missing item or an unreachable store during priming is fine
        }
    }
}
