package com.alliance.orders;

import com.alliance.catalog.Category;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * When an order's commission becomes settleable: once the after-sale window (default 7 days,
 * configurable per category) after receipt has passed; an order never confirmed received counts as
 * received {@code autoReceive} (default 10 days) after shipment. A cancelled or fully refunded order,
 * or one not shipped yet, has nothing to mature.
 *
 * @param window      the after-sale window of a category without its own
 * @param perCategory windows of the categories that have their own
 * @param autoReceive how long after shipment an unconfirmed order counts as received
 */
public record AfterSaleWindow(Duration window, Map<Category, Duration> perCategory, Duration autoReceive) {

    public static final Duration DEFAULT_WINDOW = Duration.ofDays(7);
    public static final Duration DEFAULT_AUTO_RECEIVE = Duration.ofDays(10);

    public AfterSaleWindow {
        requireNotNegative(window, "window");
        requireNotNegative(autoReceive, "autoReceive");
        EnumMap<Category, Duration> copy = new EnumMap<>(Category.class);
        perCategory.forEach((category, duration) -> copy.put(category, requireNotNegative(duration, "window of " + category)));
        perCategory = Map.copyOf(copy);
    }

    public static AfterSaleWindow defaults() {
        return new AfterSaleWindow(DEFAULT_WINDOW, Map.of(), DEFAULT_AUTO_RECEIVE);
    }

    /** The same window of {@code days} for every category, e.g. the local runtime's {@code --after-sale-days}. */
    public static AfterSaleWindow ofDays(long days) {
        return new AfterSaleWindow(Duration.ofDays(days), Map.of(), DEFAULT_AUTO_RECEIVE);
    }

    /**
     * Reads {@code AFTER_SALE_DAYS} (default 7), {@code AFTER_SALE_DAYS_<CATEGORY>} (e.g.
     * {@code AFTER_SALE_DAYS_FOOD}) and {@code AUTO_RECEIVE_DAYS} (default 10).
     */
    public static AfterSaleWindow fromEnvironment() {
        return fromEnvironment(System::getenv);
    }

    static AfterSaleWindow fromEnvironment(Function<String, String> env) {
        Duration window = days(env, "AFTER_SALE_DAYS").orElse(DEFAULT_WINDOW);
        Map<Category, Duration> perCategory = new EnumMap<>(Category.class);
        for (Category category : Category.values()) {
            days(env, "AFTER_SALE_DAYS_" + category.name()).ifPresent(d -> perCategory.put(category, d));
        }
        return new AfterSaleWindow(window, perCategory, days(env, "AUTO_RECEIVE_DAYS").orElse(DEFAULT_AUTO_RECEIVE));
    }

    public AfterSaleWindow withAutoReceive(Duration autoReceive) {
        return new AfterSaleWindow(window, perCategory, autoReceive);
    }

    /** The window of a category; an order whose category is unknown gets the general one. */
    public Duration windowFor(Optional<Category> category) {
        return category.map(perCategory::get).orElse(window);
    }

    /**
     * When the order matures, if it has anything to mature and has not matured yet: received (or,
     * without a receipt, shipped + autoReceive) + the category's window.
     */
    public Optional<Instant> maturesAt(OrderState state, Optional<Category> category) {
        if (state.payment().isEmpty() || state.isCancelled() || state.isMatured() || state.remainingFen() == 0) {
            return Optional.empty();
        }
        Optional<Instant> receivedAt = state.received().map(Milestone::occurredAt)
                .or(() -> state.shipped().map(shipped -> shipped.occurredAt().plus(autoReceive)));
        return receivedAt.map(at -> at.plus(windowFor(category)));
    }

    /** Whether the order has something to mature and its window has passed at {@code now}. */
    public boolean isDue(OrderState state, Optional<Category> category, Instant now) {
        return maturesAt(state, category).filter(at -> !now.isBefore(at)).isPresent();
    }

    private static Optional<Duration> days(Function<String, String> env, String name) {
        String value = env.apply(name);
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(requireNotNegative(Duration.ofDays(Long.parseLong(value.strip())), name));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number of days, was " + value);
        }
    }

    private static Duration requireNotNegative(Duration duration, String name) {
        Objects.requireNonNull(duration, name);
        if (duration.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative, was " + duration);
        }
        return duration;
    }
}
