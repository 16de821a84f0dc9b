package com.alliance.local;

import com.alliance.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * A table's items to a file and back: one item a line in DynamoDB JSON ({@code {"pk":{"S":"…"},…}}), the format of
 * DynamoDB's export to S3 and of the AWS CLI, so a file written here loads with {@code aws dynamodb batch-write-item}
 * and an S3 export's items load here. The local restore drill ({@link RestoreDrill}) moves a marketplace's tables
 * with it.
 */
public final class TableExport {

    private TableExport() {
    }

    /** Every item of the table (a consistent Scan, page by page) into {@code file}; answers how many. */
    public static long export(DynamoDbClient dynamoDb, String table, Path file) {
        long items = 0;
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (var page : dynamoDb.scanPaginator(ScanRequest.builder().tableName(table).consistentRead(true).build())) {
                for (Map<String, AttributeValue> item : page.items()) {
                    out.write(Json.write(item(item)));
                    out.newLine();
                    items++;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return items;
    }

    /** Every line of {@code file} put into the table, 25 to a BatchWriteItem; answers how many. */
    public static long load(DynamoDbClient dynamoDb, String table, Path file) {
        long items = 0;
        List<WriteRequest> batch = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                batch.add(WriteRequest.builder().putRequest(PutRequest.builder().item(itemOf(Json.MAPPER.readTree(line))).build()).build());
                items++;
                if (batch.size() == 25) {
                    write(dynamoDb, table, batch);
                    batch = new ArrayList<>();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        write(dynamoDb, table, batch);
        return items;
    }

    private static void write(DynamoDbClient dynamoDb, String table, List<WriteRequest> batch) {
        Map<String, List<WriteRequest>> request = batch.isEmpty() ? Map.of() : Map.of(table, batch);
        while (!request.isEmpty()) {
            request = dynamoDb.batchWriteItem(BatchWriteItemRequest.builder().requestItems(request).build()).unprocessedItems();
        }
    }

    static ObjectNode item(Map<String, AttributeValue> item) {
        ObjectNode json = Json.object();
        item.forEach((name, value) -> json.set(name, value(value)));
        return json;
    }

    private static ObjectNode value(AttributeValue value) {
        ObjectNode json = Json.object();
        switch (value.type()) {
            case S -> json.put("S", value.s());
            case N -> json.put("N", value.n());
            case B -> json.put("B", Base64.getEncoder().encodeToString(value.b().asByteArray()));
            case BOOL -> json.put("BOOL", value.bool());
            case NUL -> json.put("NULL", true);
            case M -> json.set("M", item(value.m()));
            case L -> {
                ArrayNode list = json.putArray("L");
                value.l().forEach(v -> list.add(value(v)));
            }
            case SS -> value.ss().forEach(json.putArray("SS")::add);
            case NS -> value.ns().forEach(json.putArray("NS")::add);
            case BS -> value.bs().forEach(b -> json.withArray("BS").add(Base64.getEncoder().encodeToString(b.asByteArray())));
            default -> throw new IllegalArgumentException("an attribute of unknown type: " + value);
        }
        return json;
    }

    static Map<String, AttributeValue> itemOf(JsonNode json) {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = json.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            item.put(field.getKey(), valueOf(field.getValue()));
        }
        return item;
    }

    private static AttributeValue valueOf(JsonNode json) {
        Map.Entry<String, JsonNode> typed = json.fields().next();
        JsonNode v = typed.getValue();
        return switch (typed.getKey()) {
            case "S" -> AttributeValue.fromS(v.asText());
            case "N" -> AttributeValue.fromN(v.asText());
            case "B" -> AttributeValue.fromB(SdkBytes.fromByteArray(Base64.getDecoder().decode(v.asText())));
            case "BOOL" -> AttributeValue.fromBool(v.asBoolean());
            case "NULL" -> AttributeValue.fromNul(true);
            case "M" -> AttributeValue.fromM(itemOf(v));
            case "L" -> {
                List<AttributeValue> list = new ArrayList<>();
                v.forEach(element -> list.add(valueOf(element)));
                yield AttributeValue.fromL(list);
            }
            case "SS" -> AttributeValue.fromSs(texts(v));
            case "NS" -> AttributeValue.fromNs(texts(v));
            case "BS" -> AttributeValue.fromBs(texts(v).stream()
                    .map(b -> SdkBytes.fromByteArray(Base64.getDecoder().decode(b))).toList());
            default -> throw new IllegalArgumentException("not DynamoDB JSON: " + json);
        };
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(element -> texts.add(element.asText()));
        return texts;
    }
}
