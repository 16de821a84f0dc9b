package com.alliance.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.alliance.persistence.AwsClients;
import com.alliance.persistence.Tables;
import java.util.Optional;
import org.junit.jupiter.api.Test;
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
}
