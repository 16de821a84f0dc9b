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

    /** A global secondary index projecting all attributes, with string keys. */
    public record Index(String name, String partitionKey, String sortKey) {
    }

    /** The physical table name: from the environment (set by template.yaml) or the local default. */
    public String tableName() {
        String fromEnv = System.getenv(envVariable);
        return fromEnv == null || fromEnv.isBlank() ? defaultName : fromEnv;
    }
}
