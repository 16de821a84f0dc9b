package com.alliance.persistence;

import java.net.URI;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Builds the SDK clients once per container. In AWS nothing is set and the SDK finds region and
 * credentials itself; with {@code AWS_ENDPOINT_URL} (LocalStack) every client points there with dummy
 * credentials, and {@code AWS_ENDPOINT_URL_DYNAMODB} / {@code AWS_ENDPOINT_URL_SQS} point one service
 * elsewhere (DynamoDB Local and ElasticMQ listen on different ports).
 */
public final class AwsClients {

    private AwsClients() {
    }

    public static DynamoDbClient dynamoDb() {
        return endpointFromEnvironment("AWS_ENDPOINT_URL_DYNAMODB").map(AwsClients::dynamoDb).orElseGet(() -> DynamoDbClient.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(DefaultCredentialsProvider.builder().build())
                .build());
    }

    public static SqsClient sqs() {
        return endpointFromEnvironment("AWS_ENDPOINT_URL_SQS").map(AwsClients::sqs).orElseGet(() -> SqsClient.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(DefaultCredentialsProvider.builder().build())
                .build());
    }

    public static DynamoDbClient dynamoDb(URI endpoint) {
        return DynamoDbClient.builder()
                .endpointOverride(endpoint)
                .region(localRegion())
                .credentialsProvider(localCredentials())
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    public static SqsClient sqs(URI endpoint) {
        return SqsClient.builder()
                .endpointOverride(endpoint)
                .region(localRegion())
                .credentialsProvider(localCredentials())
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    /** The service's own variable (as the AWS SDKs name them) first, then {@code AWS_ENDPOINT_URL}. */
    private static Optional<URI> endpointFromEnvironment(String serviceVariable) {
        for (String name : new String[] {serviceVariable, "AWS_ENDPOINT_URL"}) {
            String endpoint = System.getenv(name);
            if (endpoint != null && !endpoint.isBlank()) {
                return Optional.of(URI.create(endpoint));
            }
        }
        return Optional.empty();
    }

    private static Region localRegion() {
        String region = System.getenv("AWS_REGION");
        return Region.of(region == null || region.isBlank() ? "us-east-1" : region);
    }

    private static StaticCredentialsProvider localCredentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));
    }
}
