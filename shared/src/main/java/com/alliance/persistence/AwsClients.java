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
 *
 * <p>The clients use the SDK's lightest HTTP client, on the JDK's {@code HttpURLConnection}, which keeps only
 * {@code http.maxConnections} idle connections a host (5 unless set). A fan-out of {@link ShardReads} has up to
 * {@value ShardReads#THREADS} requests in flight, so with 5 most of them would open a new connection (a new TLS
 * handshake in AWS) each time; a job dispatch's first backlog read of 256 partitions took twice as long cold. The
 * clients keep as many as the fan-out has, unless the JVM was told otherwise.
 */
public final class AwsClients {

    static {
        if (System.getProperty("http.maxConnections") == null) {
            // read once, when the JDK's keep-alive cache is first used: before any client sends a request
            System.setProperty("http.maxConnections", Integer.toString(ShardReads.THREADS));
        }
    }

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
