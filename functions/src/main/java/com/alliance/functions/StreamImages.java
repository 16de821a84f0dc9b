package com.alliance.functions;

import com.alliance.persistence.ChangeRecord;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;

/**
 * Item images between Lambda's DynamoDB stream event model and the SDK's {@code AttributeValue}, both ways:
 * the handler reads SDK images, and the local stream poller builds Lambda events from what DynamoDB Local's
 * stream returns.
 */
public final class StreamImages {

    private StreamImages() {
    }

    /** The change records of a stream batch, read from {@code shardId}. */
    public static List<ChangeRecord> changeRecords(String shardId, List<DynamodbEvent.DynamodbStreamRecord> records) {
        List<ChangeRecord> changes = new ArrayList<>();
        for (DynamodbEvent.DynamodbStreamRecord record : records) {
            var change = record.getDynamodb();
            Instant at = change.getApproximateCreationDateTime() == null ? Instant.EPOCH
                    : change.getApproximateCreationDateTime().toInstant();
            changes.add(new ChangeRecord(shardId, change.getSequenceNumber(), at,
                    toSdk(change.getOldImage()), toSdk(change.getNewImage())));
        }
        return changes;
    }

    public static Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> toSdk(
            Map<String, AttributeValue> image) {
        Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> sdk = new LinkedHashMap<>();
        if (image != null) {
            image.forEach((name, value) -> sdk.put(name, toSdk(value)));
        }
        return sdk;
    }

    public static Map<String, AttributeValue> toLambda(
            Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> image) {
        Map<String, AttributeValue> lambda = new LinkedHashMap<>();
        if (image != null) {
            image.forEach((name, value) -> lambda.put(name, toLambda(value)));
        }
        return lambda;
    }

    private static software.amazon.awssdk.services.dynamodb.model.AttributeValue toSdk(AttributeValue v) {
        var sdk = software.amazon.awssdk.services.dynamodb.model.AttributeValue.builder();
        if (v.getS() != null) {
            sdk.s(v.getS());
        } else if (v.getN() != null) {
            sdk.n(v.getN());
        } else if (v.getB() != null) {
            sdk.b(SdkBytes.fromByteBuffer(v.getB()));
        } else if (v.getSS() != null) {
            sdk.ss(v.getSS());
        } else if (v.getNS() != null) {
            sdk.ns(v.getNS());
        } else if (v.getBS() != null) {
            sdk.bs(v.getBS().stream().map(SdkBytes::fromByteBuffer).toList());
        } else if (v.getM() != null) {
            sdk.m(toSdk(v.getM()));
        } else if (v.getL() != null) {
            sdk.l(v.getL().stream().map(StreamImages::toSdk).toList());
        } else if (v.getBOOL() != null) {
            sdk.bool(v.getBOOL());
        } else {
            sdk.nul(true);
        }
        return sdk.build();
    }

    private static AttributeValue toLambda(software.amazon.awssdk.services.dynamodb.model.AttributeValue v) {
        return switch (v.type()) {
            case S -> new AttributeValue().withS(v.s());
            case N -> new AttributeValue().withN(v.n());
            case B -> new AttributeValue().withB(v.b().asByteBuffer());
            case SS -> new AttributeValue().withSS(v.ss());
            case NS -> new AttributeValue().withNS(v.ns());
            case BS -> new AttributeValue().withBS(v.bs().stream().map(SdkBytes::asByteBuffer).toList());
            case M -> new AttributeValue().withM(toLambda(v.m()));
            case L -> new AttributeValue().withL(v.l().stream().map(StreamImages::toLambda).toList());
            case BOOL -> new AttributeValue().withBOOL(v.bool());
            case NUL -> new AttributeValue().withNULL(true);
            case UNKNOWN_TO_SDK_VERSION -> throw new IllegalArgumentException("an attribute of an unknown type");
        };
    }
}
