package com.alliance.persistence;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * One record of a table's change stream (DynamoDB Streams, NEW_AND_OLD_IMAGES): which stream shard it came
 * from, its sequence number there, roughly when the change was made, and the item before and after (empty
 * maps for an insert's old image and a removal's new one). Lambda's event model and the local stream poller
 * both map to this, so the rules that fold a stream stay plain Java.
 */
public record ChangeRecord(String shardId, String sequenceNumber, Instant approximateAt,
                           Map<String, AttributeValue> oldImage, Map<String, AttributeValue> newImage) {

    /** Stream sequence numbers are decimal strings of up to 40 digits; padded, string order is their order. */
    public static final int SEQUENCE_DIGITS = 40;

    public ChangeRecord {
        Objects.requireNonNull(shardId, "shardId");
        Objects.requireNonNull(approximateAt, "approximateAt");
        if (sequenceNumber == null || sequenceNumber.isEmpty() || sequenceNumber.length() > SEQUENCE_DIGITS
                || !sequenceNumber.chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException("not a stream sequence number: " + sequenceNumber);
        }
        oldImage = oldImage == null ? Map.of() : Map.copyOf(oldImage);
        newImage = newImage == null ? Map.of() : Map.copyOf(newImage);
    }

    /** The sequence number left-padded with zeros to {@link #SEQUENCE_DIGITS} digits. */
    public String sortableSequence() {
        return "0".repeat(SEQUENCE_DIGITS - sequenceNumber.length()) + sequenceNumber;
    }
}
