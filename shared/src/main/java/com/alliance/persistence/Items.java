package com.alliance.persistence;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Small helpers to build and read DynamoDB items without ceremony. */
public final class Items {

    private Items() {
    }

    public static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of("pk", s(pk), "sk", s(sk));
    }

    public static AttributeValue s(String value) {
        return AttributeValue.builder().s(value).build();
    }

    public static AttributeValue n(long value) {
        return AttributeValue.builder().n(Long.toString(value)).build();
    }

    /** A fraction such as a score, written in plain notation (never money: money is whole fen). */
    public static AttributeValue decimal(double value) {
        return AttributeValue.builder().n(java.math.BigDecimal.valueOf(value).toPlainString()).build();
    }

    public static AttributeValue bool(boolean value) {
        return AttributeValue.builder().bool(value).build();
    }

    public static AttributeValue list(List<AttributeValue> values) {
        return AttributeValue.builder().l(values).build();
    }

    public static AttributeValue map(Map<String, AttributeValue> values) {
        return AttributeValue.builder().m(values).build();
    }

    public static long longOf(Map<String, AttributeValue> item, String name) {
        return Long.parseLong(item.get(name).n());
    }

    /** A whole number of the item, or {@code absent} when the item has none (a counter never written). */
    public static long longOf(Map<String, AttributeValue> item, String name, long absent) {
        AttributeValue value = item.get(name);
        return value == null || value.n() == null ? absent : Long.parseLong(value.n());
    }

    /** Every number of the item by name: a counters item's counters (its string bookkeeping left out). */
    public static java.util.SortedMap<String, Long> numbersOf(Map<String, AttributeValue> item) {
        java.util.SortedMap<String, Long> numbers = new java.util.TreeMap<>();
        item.forEach((name, value) -> {
            if (value.n() != null) {
                numbers.put(name, Long.parseLong(value.n()));
            }
        });
        return numbers;
    }

    /** A fraction written by {@link #decimal}, or {@code absent} when the item has none. */
    public static double decimalOf(Map<String, AttributeValue> item, String name, double absent) {
        AttributeValue value = item.get(name);
        return value == null || value.n() == null ? absent : Double.parseDouble(value.n());
    }

    public static String stringOf(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** An item under construction, in insertion order. */
    public static final class Builder {
        private final Map<String, AttributeValue> item = new LinkedHashMap<>();

        public Builder s(String name, String value) {
            item.put(name, Items.s(value));
            return this;
        }

        public Builder n(String name, long value) {
            item.put(name, Items.n(value));
            return this;
        }

        public Builder decimal(String name, double value) {
            item.put(name, Items.decimal(value));
            return this;
        }

        public Builder bool(String name, boolean value) {
            item.put(name, Items.bool(value));
            return this;
        }

        public Builder attr(String name, AttributeValue value) {
            item.put(name, value);
            return this;
        }

        /** Every attribute of {@code values}, as {@link #attr} each. */
        public Builder attrs(Map<String, AttributeValue> values) {
            item.putAll(values);
            return this;
        }

        public Builder list(String name, List<Map<String, AttributeValue>> maps) {
            List<AttributeValue> values = new ArrayList<>();
            maps.forEach(m -> values.add(Items.map(m)));
            item.put(name, Items.list(values));
            return this;
        }

        public Map<String, AttributeValue> build() {
            return Map.copyOf(item);
        }
    }
}
