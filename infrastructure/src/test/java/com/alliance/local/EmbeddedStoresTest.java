package com.alliance.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.alliance.persistence.AwsClients;
import com.alliance.persistence.TableDefinition;
import com.alliance.persistence.Tables;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

class EmbeddedStoresTest {

    @Test
    void embeddedStoresServeTheRealSdkClients() {
        try (EmbeddedDynamoDb dynamo = EmbeddedDynamoDb.start(0, Optional.empty());
             EmbeddedSqs sqs = EmbeddedSqs.start(0);
             DynamoDbClient dynamoClient = AwsClients.dynamoDb(dynamo.endpoint());
             SqsClient sqsClient = AwsClients.sqs(sqs.endpoint())) {
            Provisioning.createTables(dynamoClient);
            String queueUrl = Provisioning.createQueues(sqsClient);
            assertThat(dynamoClient.listTables().tableNames()).contains(Tables.CATALOG.tableName());
            assertThat(queueUrl).endsWith("/000000000000/order-events");
        }
    }

    @Test
    void anyCredentialsAndRegionSeeTheSameTablesAndQueues() {
        try (EmbeddedDynamoDb dynamo = EmbeddedDynamoDb.start(0, Optional.empty());
             EmbeddedSqs sqs = EmbeddedSqs.start(0);
             DynamoDbClient ours = AwsClients.dynamoDb(dynamo.endpoint());
             SqsClient oursSqs = AwsClients.sqs(sqs.endpoint());
             DynamoDbClient theirs = DynamoDbClient.builder().endpointOverride(dynamo.endpoint()).region(Region.EU_WEST_1)
                     .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "other")))
                     .httpClient(UrlConnectionHttpClient.create()).build();
             SqsClient theirsSqs = SqsClient.builder().endpointOverride(sqs.endpoint()).region(Region.EU_WEST_1)
                     .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "other")))
                     .httpClient(UrlConnectionHttpClient.create()).build()) {
            Provisioning.createTables(ours);
            Provisioning.createQueues(oursSqs);
            assertThat(theirs.listTables().tableNames()).containsAll(Tables.ALL.stream().map(TableDefinition::tableName).toList());
            assertThat(theirsSqs.listQueues().queueUrls()).anyMatch(url -> url.endsWith("/order-events"));
        }
    }

    @Test
    void provisioningAgainKeepsTheTablesButRefusesAnOrdersTableMadeWithTheOlderIndexes() {
        try (EmbeddedDynamoDb dynamo = EmbeddedDynamoDb.start(0, Optional.empty());
             DynamoDbClient dynamoClient = AwsClients.dynamoDb(dynamo.endpoint())) {
            Provisioning.createTables(dynamoClient);
            Provisioning.createTables(dynamoClient);
            assertThat(dynamoClient.listTables().tableNames()).contains(Tables.ORDERS.tableName());
        }
        try (EmbeddedDynamoDb dynamo = EmbeddedDynamoDb.start(0, Optional.empty());
             DynamoDbClient dynamoClient = AwsClients.dynamoDb(dynamo.endpoint())) {
            TableDefinition older = new TableDefinition(Tables.ORDERS.logicalName(), Tables.ORDERS.envVariable(),
                    Tables.ORDERS.defaultName(), Tables.ORDERS.partitionKey(), Tables.ORDERS.sortKey(),
                    Tables.ORDERS.indexes().stream().map(i -> new TableDefinition.Index(i.name(), i.partitionKey(), i.sortKey()))
                            .toList());
            dynamoClient.createTable(Provisioning.createRequest(older));
            assertThatThrownBy(() -> Provisioning.createTables(dynamoClient))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("delete the --data folder once");
        }
    }
}
