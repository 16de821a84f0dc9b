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
 * credentials itself; with {@code AWS_ENDPOINT_URL} (LocalStack, or the local runtime) every client
 * points there with dummy credentials.
 */
public final class AwsClients {

    private AwsClients() {
    }

    public static DynamoDbClient dynamoDb() {
        return endpointFromEnvironment().map(AwsClients::dynamoDb).orElseGet(() -> DynamoDbClient.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(DefaultCredentialsProvider.builder().build())
                .build());
    }

    public static SqsClient sqs() {
        return endpointFromEnvironment().map(AwsClients::sqs).orElseGet(() -> SqsClient.builder()
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

    private static Optional<URI> endpointFromEnvironment() {
        String endpoint = System.getenv("AWS_ENDPOINT_URL");
        return endpoint == null || endpoint.isBlank() ? Optional.empty() : Optional.of(URI.create(endpoint));
    }

    private static Region localRegion() {
        String region = System.getenv("AWS_REGION");
        return Region.of(region == null || region.isBlank() ? "us-east-1" : region);
    }

    private static StaticCredentialsProvider localCredentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));
    }
}
