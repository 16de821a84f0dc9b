package com.alliance.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.alliance.ids.Ids;
import com.alliance.persistence.Items;
import com.alliance.persistence.Tables;
import com.alliance.testing.LocalStores;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.TransactionConflictException;
import software.amazon.awssdk.services.dynamodb.model.Update;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * The conflict emulator refuses, as DynamoDB does, what touches an item an in-flight transaction writes,
 * on a real SDK client against DynamoDB Local: each transaction runs on a thread of its own, and is held in
 * flight long enough (500 ms) for the other thread to collide with it.
 */
class TransactionConflictEmulatorTest {

    private final DynamoDbClient clean = LocalStores.get().dynamoDb();
    private final ExecutorService threads = Executors.newFixedThreadPool(2);
    private final String catalog = Tables.CATALOG.tableName();

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    private DynamoDbClient through(TransactionConflictEmulator emulator) {
        return FaultInjectionHarness.interceptedClient(clean.serviceClientConfiguration().endpointOverride().orElseThrow(), emulator);
    }

    private TransactWriteItem addSale(String hostId) {
        return TransactWriteItem.builder().update(Update.builder().tableName(catalog).key(Items.key("HOST#" + hostId, "STATS"))
                .updateExpression("ADD ordersCount :one").expressionAttributeValues(Map.of(":one", Items.n(1))).build()).build();
    }

    private TransactWriteItem putNew(String pk) {
        return TransactWriteItem.builder().put(Put.builder().tableName(catalog).item(Items.key(pk, "ITEM"))
                .conditionExpression("attribute_not_exists(pk)").build()).build();
    }

    private boolean exists(String pk) {
        return clean.getItem(GetItemRequest.builder().tableName(catalog).key(Items.key(pk, "ITEM")).consistentRead(true).build())
                .hasItem();
    }

    private void onThread(Runnable work) throws Exception {
        CompletableFuture.runAsync(work, threads).get();
    }

    @Test
    void aTransactionWritingAnItemAnotherTransactionHoldsIsCancelledWithTransactionConflictAtThatItemsIndex() throws Exception {
        TransactionConflictEmulator emulator = new TransactionConflictEmulator(Duration.ofMillis(500));
        String host = Ids.next(Ids.HOST);
        String other = "TEST#" + Ids.next(Ids.PRODUCT);
        try (DynamoDbClient dynamoDb = through(emulator)) {
            CompletableFuture<Void> holding = CompletableFuture.runAsync(() -> dynamoDb.transactWriteItems(TransactWriteItemsRequest
                    .builder().transactItems(putNew("TEST#" + Ids.next(Ids.PRODUCT)), addSale(host)).build()), threads);
            Thread.sleep(150);      // the first transaction is in flight, its items held

            CompletableFuture<Throwable> refused = CompletableFuture.supplyAsync(() -> {
                try {
                    dynamoDb.transactWriteItems(TransactWriteItemsRequest.builder().transactItems(putNew(other), addSale(host)).build());
                    return null;
                } catch (RuntimeException e) {
                    return e;
                }
            }, threads);

            assertThat(refused.get()).isInstanceOf(TransactionCanceledException.class);
            assertThat(((TransactionCanceledException) refused.get()).cancellationReasons()).extracting(CancellationReason::code)
                    .containsExactly("None", "TransactionConflict");
            assertThat(exists(other)).as("a refused transaction writes nothing").isFalse();
            assertThat(emulator.refusedTransactions()).isEqualTo(1);
            assertThat(emulator.conflictsByKind()).containsExactly(Map.entry("catalog HOST#*/STATS", 1L));
            assertThat(emulator.conflictsByTable()).containsExactly(Map.entry("catalog", 1L));

            holding.get();          // the first transaction has committed: its items are free again
            onThread(() -> dynamoDb.transactWriteItems(TransactWriteItemsRequest.builder()
                    .transactItems(putNew(other), addSale(host)).build()));
            assertThat(exists(other)).isTrue();
        }
    }

    @Test
    void transactionsOnDisjointItemsAreNeverRefused() throws Exception {
        TransactionConflictEmulator emulator = new TransactionConflictEmulator(Duration.ofMillis(50));
        List<String> written = new ArrayList<>();
        try (DynamoDbClient dynamoDb = through(emulator)) {
            List<CompletableFuture<Void>> writers = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                String host = Ids.next(Ids.HOST);
                List<String> mine = new ArrayList<>();
                for (int i = 0; i < 25; i++) {
                    mine.add("TEST#" + Ids.next(Ids.PRODUCT));
                }
                written.addAll(mine);
                writers.add(CompletableFuture.runAsync(() -> mine.forEach(pk -> dynamoDb.transactWriteItems(
                        TransactWriteItemsRequest.builder().transactItems(putNew(pk), addSale(host)).build())), threads));
            }
            CompletableFuture.allOf(writers.toArray(CompletableFuture[]::new)).get();
        }
        assertThat(emulator.refusedTransactions()).isZero();
        assertThat(emulator.transactions()).isEqualTo(50);
        assertThat(written).allMatch(this::exists);
    }

    @Test
    void aSingleWriteOfAnItemATransactionHoldsFailsWithTransactionConflictException() throws Exception {
        TransactionConflictEmulator emulator = new TransactionConflictEmulator(Duration.ofMillis(500));
        String host = Ids.next(Ids.HOST);
        String free = "TEST#" + Ids.next(Ids.PRODUCT);
        try (DynamoDbClient dynamoDb = through(emulator)) {
            CompletableFuture<Void> holding = CompletableFuture.runAsync(() -> dynamoDb.transactWriteItems(
                    TransactWriteItemsRequest.builder().transactItems(addSale(host)).build()), threads);
            Thread.sleep(150);

            CompletableFuture<Throwable> refused = CompletableFuture.supplyAsync(() -> {
                try {
                    dynamoDb.updateItem(UpdateItemRequest.builder().tableName(catalog).key(Items.key("HOST#" + host, "STATS"))
                            .updateExpression("ADD ordersCount :one").expressionAttributeValues(Map.of(":one", Items.n(1))).build());
                    return null;
                } catch (RuntimeException e) {
                    return e;
                }
            }, threads);
            assertThat(refused.get()).isInstanceOf(TransactionConflictException.class);
            assertThat(((TransactionConflictException) refused.get()).awsErrorDetails().errorCode()).isEqualTo("TransactionConflictException");
            holding.get();

            onThread(() -> dynamoDb.putItem(PutItemRequest.builder().tableName(catalog).item(Items.key(free, "ITEM")).build()));
            assertThat(exists(free)).as("an item no transaction holds is written at once").isTrue();
        }
        assertThat(emulator.refusedWrites()).isEqualTo(1);
        assertThat(Items.longOf(clean.getItem(GetItemRequest.builder().tableName(catalog).key(Items.key("HOST#" + host, "STATS"))
                .consistentRead(true).build()).item(), "ordersCount")).as("the refused update added nothing").isEqualTo(1);
    }
}
