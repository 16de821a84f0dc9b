package com.alliance.local;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;

/** DynamoDB Local in this process, over HTTP on a loopback port, in memory or in a folder. */
public final class EmbeddedDynamoDb implements AutoCloseable {

    private final DynamoDBProxyServer server;
    private final int port;

    private EmbeddedDynamoDb(DynamoDBProxyServer server, int port) {
        this.server = server;
        this.port = port;
    }

    /**
     * DynamoDB Local logs every refused condition as a warning with its stack trace. The marketplace refuses
     * conditions on purpose (a duplicate event's marker, a concurrent revision, a claimed cursor), so only
     * its errors are shown.
     */
    private static final String DYNAMODB_LOCAL_LOGGER = "com.amazonaws.services.dynamodbv2";

    /**
     * DynamoDB Local's bundled SDK warns through java.util.logging that JAXB is missing (it falls back, as it
     * says); kept here because java.util.logging holds its loggers weakly.
     */
    private static final java.util.logging.Logger BUNDLED_SDK_LOGGER = java.util.logging.Logger.getLogger("com.amazonaws");

    /** Starts on {@code port} (0 picks a free one); {@code dataDir} empty means in memory. */
    public static EmbeddedDynamoDb start(int port, Optional<Path> dataDir) {
        Configurator.setLevel(DYNAMODB_LOCAL_LOGGER, Level.ERROR);
        BUNDLED_SDK_LOGGER.setLevel(java.util.logging.Level.SEVERE);
        NativeLibraries.locateSqlite4java();
        int chosen = port == 0 ? FreePorts.pick() : port;
        // -sharedDb: one database whatever the caller's access key and region, so the AWS CLI or any SDK
        // client sees the marketplace's tables with its own credentials
        List<String> args = new ArrayList<>(List.of("-port", Integer.toString(chosen), "-disableTelemetry", "-sharedDb"));
        if (dataDir.isPresent()) {
            try {
                Files.createDirectories(dataDir.get());
                adoptPerKeyDatabase(dataDir.get());
            } catch (java.io.IOException e) {
                throw new IllegalStateException("cannot create data folder " + dataDir.get(), e);
            }
            args.addAll(List.of("-dbPath", dataDir.get().toAbsolutePath().toString()));
        } else {
            args.add("-inMemory");
        }
        // DynamoDB Local prints its whole configuration on System.out; the runtime prints what matters itself
        java.io.PrintStream out = System.out;
        System.setOut(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
        try {
            DynamoDBProxyServer server = ServerRunner.createServerFromCommandLineArgs(args.toArray(String[]::new));
            server.start();
            return new EmbeddedDynamoDb(server, chosen);
        } catch (Exception e) {
            throw new IllegalStateException("DynamoDB Local did not start on port " + chosen, e);
        } finally {
            System.setOut(out);
        }
    }

    /** DynamoDB Local's file for {@code -sharedDb}. */
    static final String SHARED_DATABASE = "shared-local-instance.db";

    /**
     * A data folder written before the store was shared holds the database of the marketplace's own
     * credentials ({@code local_us-east-1.db}): it becomes the shared one, once.
     */
    private static void adoptPerKeyDatabase(Path dataDir) throws java.io.IOException {
        Path shared = dataDir.resolve(SHARED_DATABASE);
        Path perKey = dataDir.resolve("local_us-east-1.db");
        if (!Files.exists(shared) && Files.exists(perKey)) {
            Files.move(perKey, shared);
        }
    }

    public URI endpoint() {
        return URI.create("http://localhost:" + port);
    }

    public int port() {
        return port;
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("DynamoDB Local did not stop", e);
        }
    }
}
