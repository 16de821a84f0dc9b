package com.alliance.applications;

import com.alliance.settings.Env;
import java.time.Duration;
import java.util.function.Function;

/**
 * How long a brand has to answer an application ({@code APPLICATION_REVIEW_DAYS}, 3) before it expires, and how long
 * a rejected host waits before it may apply to the same product again ({@code REAPPLY_DAYS}, 30).
 */
public record ApplicationSettings(Duration reviewPeriod, Duration reapplyWait) {

    public static final int DEFAULT_REVIEW_DAYS = 3;
    public static final int DEFAULT_REAPPLY_DAYS = 30;

    public ApplicationSettings {
        if (reviewPeriod == null || reviewPeriod.isNegative() || reviewPeriod.isZero()) {
            throw new IllegalArgumentException("APPLICATION_REVIEW_DAYS must be at least 1 day, was " + reviewPeriod);
        }
        if (reapplyWait == null || reapplyWait.isNegative()) {
            throw new IllegalArgumentException("REAPPLY_DAYS must not be negative, was " + reapplyWait);
        }
    }

    public static ApplicationSettings defaults() {
        return new ApplicationSettings(Duration.ofDays(DEFAULT_REVIEW_DAYS), Duration.ofDays(DEFAULT_REAPPLY_DAYS));
    }

    public static ApplicationSettings fromEnvironment() {
        return fromEnvironment(System::getenv);
    }

    public static ApplicationSettings fromEnvironment(Function<String, String> env) {
        return new ApplicationSettings(
                Duration.ofDays(Env.read(env, "APPLICATION_REVIEW_DAYS", Long::parseLong, (long) DEFAULT_REVIEW_DAYS)),
                Duration.ofDays(Env.read(env, "REAPPLY_DAYS", Long::parseLong, (long) DEFAULT_REAPPLY_DAYS)));
    }
}
