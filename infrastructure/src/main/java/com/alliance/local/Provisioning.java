package com.alliance.local;

import com.alliance.jobs.JobCatalog;
import com.alliance.jobs.JobSpec;
import com.alliance.jobs.ShardLeases;
import com.alliance.persistence.Queues;
import com.alliance.persistence.TableDefinition;
import com.alliance.persistence.Tables;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateGlobalSecondaryIndexAction;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexUpdate;
import software.amazon.awssdk.services.dynamodb.model.UpdateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.CreateQueueRequest;
import software.amazon.awssdk.services.sqs.model.GetQueueAttributesRequest;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** Creates the tables of {@link Tables} and the queues of {@link Queues} where they do not exist yet. */
public final class Provisioning {

    private Provisioning() {
    }

    /**
     * The tables without their change streams: for a benchmark of work that reads no stream, since DynamoDB Local
     * pays for a stream on every write (it reads the stream's description each time), which DynamoDB does not.
     */
    public static void createTablesWithoutStreams(DynamoDbClient dynamoDb) {
        for (TableDefinition table : Tables.ALL) {
            dynamoDb.createTable(createRequest(new TableDefinition(table.logicalName(), table.envVariable(),
                    table.defaultName(), table.partitionKey(), table.sortKey(), table.indexes(), false)));
        }
    }

    public static void createTables(DynamoDbClient dynamoDb) {
        for (TableDefinition table : Tables.ALL) {
            try {
                dynamoDb.createTable(createRequest(table));
            } catch (ResourceInUseException alreadyThere) {
                // a persisted --data folder keeps its tables between runs; give them indexes added since
                addMissingIndexes(dynamoDb, table);
            }
        }
    }

    private static final StreamSpecification STREAM = StreamSpecification.builder()
            .streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES).build();

    private static void addMissingIndexes(DynamoDbClient dynamoDb, TableDefinition table) {
        Map<String, Projection> existing = new java.util.HashMap<>();
        TableDescription described = dynamoDb.describeTable(DescribeTableRequest.builder()
                .tableName(table.tableName()).build()).table();
        described.globalSecondaryIndexes().forEach(index -> existing.put(index.indexName(), index.projection()));
        if (table.changeStream() && (described.streamSpecification() == null
                || !Boolean.TRUE.equals(described.streamSpecification().streamEnabled()))) {
            dynamoDb.updateTable(UpdateTableRequest.builder().tableName(table.tableName()).streamSpecification(STREAM).build());
        }
        for (TableDefinition.Index index : table.indexes()) {
            if (existing.containsKey(index.name())) {
                // an index cannot change its projection (nor its entries their keys): old data must go
                if (!sameProjection(existing.get(index.name()), projection(index.projection()))) {
                    throw new IllegalStateException("the data folder's " + table.tableName() + " was made with an older "
                            + index.name() + " (" + existing.get(index.name()).projectionTypeAsString()
                            + "); delete the --data folder once");
                }
                continue;
            }
            dynamoDb.updateTable(UpdateTableRequest.builder().tableName(table.tableName())
                    .attributeDefinitions(attribute(index.partitionKey()), attribute(index.sortKey()))
                    .globalSecondaryIndexUpdates(GlobalSecondaryIndexUpdate.builder().create(CreateGlobalSecondaryIndexAction.builder()
                            .indexName(index.name()).keySchema(hash(index.partitionKey()), range(index.sortKey()))
                            .projection(projection(index.projection())).build()).build())
                    .build());
        }
    }

    private static boolean sameProjection(Projection stored, Projection wanted) {
        return stored.projectionType() == wanted.projectionType()
                && Set.copyOf(stored.nonKeyAttributes()).equals(Set.copyOf(wanted.nonKeyAttributes()));
    }

    /** The SDK's form of an index's projection: a type and, for INCLUDE, the attributes it copies. */
    static Projection projection(TableDefinition.Projection projection) {
        Projection.Builder sdk = Projection.builder().projectionType(ProjectionType.valueOf(projection.type().name()));
        if (!projection.attributes().isEmpty()) {
            sdk.nonKeyAttributes(projection.attributes());
        }
        return sdk.build();
    }

    private static AttributeDefinition attribute(String name) {
        return AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build();
    }

    static CreateTableRequest createRequest(TableDefinition table) {
        Set<String> keyAttributes = new LinkedHashSet<>(List.of(table.partitionKey(), table.sortKey()));
        List<GlobalSecondaryIndex> indexes = new ArrayList<>();
        for (TableDefinition.Index index : table.indexes()) {
            keyAttributes.add(index.partitionKey());
            keyAttributes.add(index.sortKey());
            indexes.add(GlobalSecondaryIndex.builder()
                    .indexName(index.name())
                    .keySchema(hash(index.partitionKey()), range(index.sortKey()))
                    .projection(projection(index.projection()))
                    .build());
        }
        CreateTableRequest.Builder request = CreateTableRequest.builder()
                .tableName(table.tableName())
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(hash(table.partitionKey()), range(table.sortKey()))
                .attributeDefinitions(keyAttributes.stream()
                        .map(name -> AttributeDefinition.builder().attributeName(name)
                                .attributeType(ScalarAttributeType.S).build())
                        .toList());
        if (!indexes.isEmpty()) {
            request.globalSecondaryIndexes(indexes);
        }
        if (table.changeStream()) {
            request.streamSpecification(STREAM);
        }
        return request.build();
    }

    /** Creates order-events with its dead-letter queue after {@link Queues#MAX_RECEIVE_COUNT} receives. */
    public static String createQueues(SqsClient sqs) {
        return createQueues(sqs, Queues.ORDER_EVENTS, Queues.ORDER_EVENTS_DLQ, 30);
    }

    /** A work queue per job of the catalog, each redriving to the jobs' dead-letter queue; answers their URLs by job. */
    public static Map<String, String> createJobQueues(SqsClient sqs) {
        Map<String, String> urls = new java.util.LinkedHashMap<>();
        for (JobSpec spec : JobCatalog.ALL) {
            // a work item outlives its budget only by the hand-on: the visibility covers both, as the template's does
            int visibility = (int) spec.budget().plus(ShardLeases.MARGIN).toSeconds();
            urls.put(spec.name(), createQueues(sqs, Queues.jobQueue(spec.name()), Queues.JOBS_DLQ, visibility));
        }
        return urls;
    }

    /** A queue and its dead-letter queue under other names, e.g. one pair per test or benchmark. */
    public static String createQueues(SqsClient sqs, String name, String deadLetterName, int visibilityTimeoutSeconds) {
        String dlqUrl = sqs.createQueue(CreateQueueRequest.builder().queueName(deadLetterName).build()).queueUrl();
        String dlqArn = sqs.getQueueAttributes(GetQueueAttributesRequest.builder().queueUrl(dlqUrl)
                .attributeNames(QueueAttributeName.QUEUE_ARN).build()).attributes().get(QueueAttributeName.QUEUE_ARN);
        String redrive = "{\"deadLetterTargetArn\":\"" + dlqArn + "\",\"maxReceiveCount\":\"" + Queues.MAX_RECEIVE_COUNT + "\"}";
        return sqs.createQueue(CreateQueueRequest.builder().queueName(name)
                .attributes(Map.of(QueueAttributeName.REDRIVE_POLICY, redrive,
                        QueueAttributeName.VISIBILITY_TIMEOUT, Integer.toString(visibilityTimeoutSeconds)))
                .build()).queueUrl();
    }

    private static KeySchemaElement hash(String name) {
        return KeySchemaElement.builder().attributeName(name).keyType(KeyType.HASH).build();
    }

    private static KeySchemaElement range(String name) {
        return KeySchemaElement.builder().attributeName(name).keyType(KeyType.RANGE).build();
    }
}
