package com.alliance.jobs;

import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How one background job runs: its schedule's period (how often the dispatcher looks for work), the budget of one
 * work item (a worker hands the rest on after it), how many workers may run at once (the work queue's
 * {@code ScalingConfig.MaximumConcurrency} in template.yaml) and how old its oldest due item may get before its
 * alarm fires.
 */
public record JobSpec(String name, Duration period, Duration budget, int maxConcurrency, Duration alarmAge,
                      String about) {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z-]{1,40}[a-z]");

    public JobSpec {
        Objects.requireNonNull(about, "about");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a job's name is lower-case words joined by '-': " + name);
        }
        if (period.isNegative() || period.isZero() || budget.isNegative() || budget.isZero()) {
            throw new IllegalArgumentException("a job needs a period and a budget: " + name);
        }
        // SQS event sources take a maximum concurrency from 2 to 1 000
        if (maxConcurrency < 2 || maxConcurrency > 1_000) {
            throw new IllegalArgumentException("a job's maximum concurrency is 2 to 1 000: " + maxConcurrency);
        }
    }

    /** The job's name in upper snake case, as environment variables and template logical ids spell it. */
    public String envName() {
        return name.toUpperCase(java.util.Locale.ROOT).replace('-', '_');
    }

    /** The job's name in upper camel case ({@code order-maturation} → {@code OrderMaturation}), for logical ids. */
    public String logicalName() {
        StringBuilder camel = new StringBuilder();
        for (String word : name.split("-")) {
            camel.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
        }
        return camel.toString();
    }
}
