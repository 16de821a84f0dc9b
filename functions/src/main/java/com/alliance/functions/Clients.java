package com.alliance.functions;

import com.alliance.persistence.AwsClients;
import java.time.Clock;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * What a function needs from outside: the SDK clients and a clock. Lambda builds one set per
 * container from the environment; tests and the local runtime pass clients pointed at local stores.
 */
public record Clients(DynamoDbClient dynamoDb, SqsClient sqs, Clock clock) {

    private static volatile Clients fromEnvironment;

    /** The clients of this container, built on first use and then shared by every function in it. */
    public static Clients fromEnvironment() {
        Clients clients = fromEnvironment;
        if (clients == null) {
            synchronized (Clients.class) {
                if (fromEnvironment == null) {
                    fromEnvironment = new Clients(AwsClients.dynamoDb(), AwsClients.sqs(), Clock.systemUTC());
                }
                clients = fromEnvironment;
            }
        }
        return clients;
    }
}
