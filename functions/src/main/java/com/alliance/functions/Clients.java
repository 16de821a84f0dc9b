package com.alliance.functions;

import com.alliance.persistence.AwsClients;
import java.time.Clock;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * What a function needs from outside: the SDK clients, a clock and the settings. Lambda builds one
 * set per container from the environment; tests and the local runtime pass clients pointed at local
 * stores, and settings of their own when they need them (e.g. a shorter after-sale window).
 */
public record Clients(DynamoDbClient dynamoDb, SqsClient sqs, Clock clock, Settings settings) {

    private static volatile Clients fromEnvironment;

    /** Clients with the settings the environment gives. */
    public Clients(DynamoDbClient dynamoDb, SqsClient sqs, Clock clock) {
        this(dynamoDb, sqs, clock, Settings.fromEnvironment());
    }

    public Clients withSettings(Settings other) {
        return new Clients(dynamoDb, sqs, clock, other);
    }

    /** The clients of this container, built on first use and then shared by every function in it. */
    public static Clients fromEnvironment() {
        Clients clients = fromEnvironment;
        if (clients == null) {
            synchronized (Clients.class) {
                if (fromEnvironment == null) {
                    fromEnvironment = new Clients(AwsClients.dynamoDb(), AwsClients.sqs(), Clock.systemUTC(),
                            Settings.fromEnvironment());
                }
                clients = fromEnvironment;
            }
        }
        return clients;
    }
}
