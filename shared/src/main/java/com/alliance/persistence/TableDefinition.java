package com.alliance.persistence;

import java.util.List;
import java.util.Objects;

/**
 * The shape of one DynamoDB table: its logical name, the environment variable that carries its
 * physical name, its string keys, its global secondary indexes and whether it has a change stream
 * (DynamoDB Streams with new and old images). The local runtime creates tables
 * from these, the repositories address items by them, and a test holds template.yaml to them.
 */
public record TableDefinition(String logicalName, String envVariable, String defaultName,
                              String partitionKey, String sortKey, List<Index> indexes, boolean changeStream) {

    public TableDefinition {
        Objects.requireNonNull(logicalName);
        Objects.requireNonNull(envVariable);
        Objects.requireNonNull(partitionKey);
        Objects.requireNonNull(sortKey);
        indexes = List.copyOf(indexes);
        if (defaultName.length() < 3) {
            throw new IllegalArgumentException("DynamoDB table names need 3+ characters: " + defaultName);
        }
    }

    /** A table without a change stream. */
    public TableDefinition(String logicalName, String envVariable, String defaultName,
                           String partitionKey, String sortKey, List<Index> indexes) {
        this(logicalName, envVariable, defaultName, partitionKey, sortKey, indexes, false);
    }

    /** A global secondary index with string keys and what it copies of each item ({@link Projection}). */
    public record Index(String name, String partitionKey, String sortKey, Projection projection) {

        public Index {
            Objects.requireNonNull(projection);
        }

        /** An index projecting all attributes. */
        public Index(String name, String partitionKey, String sortKey) {
            this(name, partitionKey, sortKey, Projection.all());
        }
    }

    /**
     * What an index copies of an item besides the table's and its own keys: everything ({@code ALL}), nothing
     * ({@code KEYS_ONLY}) or the named attributes ({@code INCLUDE}). Each index write costs a unit per KB of
     * what it copies, and an update touching none of it leaves the index alone.
     */
    public record Projection(Type type, List<String> attributes) {

        public enum Type { ALL, KEYS_ONLY, INCLUDE }

        public Projection {
            attributes = List.copyOf(attributes);
            if ((type == Type.INCLUDE) == attributes.isEmpty()) {
                throw new IllegalArgumentException("only an INCLUDE projection names attributes: " + type + " " + attributes);
            }
        }

        public static Projection all() {
            return new Projection(Type.ALL, List.of());
        }

        public static Projection keysOnly() {
            return new Projection(Type.KEYS_ONLY, List.of());
        }

        public static Projection include(List<String> attributes) {
            return new Projection(Type.INCLUDE, attributes);
        }
    }

    /** The physical table name: from the environment (set by template.yaml) or the local default. */
    public String tableName() {
        String fromEnv = System.getenv(envVariable);
        return fromEnv == null || fromEnv.isBlank() ? defaultName : fromEnv;
    }
}
