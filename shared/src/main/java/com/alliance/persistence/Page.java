package com.alliance.persistence;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** One page of a longer list, and the opaque token that continues it when there is more. */
public record Page<T>(List<T> items, Optional<String> next) {

    public Page {
        items = List.copyOf(items);
    }

    public <R> Page<R> map(Function<T, R> mapper) {
        return new Page<>(items.stream().map(mapper).toList(), next);
    }
}
