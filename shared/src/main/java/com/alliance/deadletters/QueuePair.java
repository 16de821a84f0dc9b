package com.alliance.deadletters;

import com.alliance.persistence.Queues;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.GetQueueAttributesRequest;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** A source queue and its dead-letter queue, by URL (for SQS calls) and ARN (for message move tasks). */
public record QueuePair(String sourceUrl, String sourceArn, String deadLetterUrl, String deadLetterArn) {

    /** Environment variables template.yaml sets for the function that redrives. */
    public static final String DLQ_URL_ENV = "ORDER_EVENTS_DLQ_URL";
    public static final String SOURCE_ARN_ENV = "ORDER_EVENTS_QUEUE_ARN";
    public static final String DLQ_ARN_ENV = "ORDER_EVENTS_DLQ_ARN";

    public QueuePair {
        Objects.requireNonNull(sourceUrl);
        Objects.requireNonNull(sourceArn);
        Objects.requireNonNull(deadLetterUrl);
        Objects.requireNonNull(deadLetterArn);
    }

    /** The order-events pair: from the environment in AWS, else looked up by name (the local runtime). */
    public static QueuePair orderEvents(SqsClient sqs) {
        return orderEvents(sqs, System::getenv);
    }

    static QueuePair orderEvents(SqsClient sqs, Function<String, String> environment) {
        String sourceUrl = environment.apply(Queues.ORDER_EVENTS_URL_ENV);
        String sourceArn = environment.apply(SOURCE_ARN_ENV);
        String dlqUrl = environment.apply(DLQ_URL_ENV);
        String dlqArn = environment.apply(DLQ_ARN_ENV);
        if (sourceUrl != null && sourceArn != null && dlqUrl != null && dlqArn != null) {
            return new QueuePair(sourceUrl, sourceArn, dlqUrl, dlqArn);
        }
        return byName(sqs, Queues.ORDER_EVENTS, Queues.ORDER_EVENTS_DLQ);
    }

    /** Any pair, by queue names (tests use a pair of their own). */
    public static QueuePair byName(SqsClient sqs, String sourceName, String deadLetterName) {
        String sourceUrl = sqs.getQueueUrl(b -> b.queueName(sourceName)).queueUrl();
        String dlqUrl = sqs.getQueueUrl(b -> b.queueName(deadLetterName)).queueUrl();
        return new QueuePair(sourceUrl, arn(sqs, sourceUrl), dlqUrl, arn(sqs, dlqUrl));
    }

    private static String arn(SqsClient sqs, String url) {
        Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(GetQueueAttributesRequest.builder()
                .queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN).build()).attributes();
        return attributes.get(QueueAttributeName.QUEUE_ARN);
    }
}
