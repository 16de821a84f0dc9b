package com.alliance.local;

import java.util.Map;
import java.util.concurrent.CountDownLatch;

/** {@code java -jar alliance-local.jar}: the marketplace on one machine, until Ctrl-C. */
public final class LocalMarketplace {

    private LocalMarketplace() {
    }

    public static void main(String[] args) throws InterruptedException {
        TerminalLogging.use();
        LocalOptions options;
        try {
            if (java.util.List.of(args).contains("--help")) {
                System.out.print(LocalOptions.USAGE);
                return;
            }
            options = LocalOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.print(LocalOptions.USAGE);
            System.exit(2);
            return;
        }
        LocalRuntime runtime = LocalRuntime.start(options);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("stopping the local marketplace");
            runtime.close();
            stopped.countDown();
        }, "shutdown"));

        System.out.println();
        System.out.println("Alliance marketplace is running");
        System.out.println("  Console   " + runtime.consoleEndpoint() + "  (open it in a browser)");
        System.out.println("  API       " + runtime.apiEndpoint() + "  (described at " + runtime.apiEndpoint().resolve(LocalGateway.OPENAPI_PATH) + ")");
        System.out.println("  SQS       " + runtime.sqsEndpoint() + "  queue " + runtime.orderEventsQueueUrl());
        System.out.println("  DynamoDB  " + runtime.dynamoDbEndpoint()
                + options.dataDir().map(d -> "  data in " + d.toAbsolutePath()).orElse("  (in memory)"));
        System.out.println("  Tokens    POST " + runtime.apiEndpoint() + "/dev/tokens {\"role\":\"brand\",\"party\":\"b_...\"}");
        if (options.demo()) {
            DemoData.Seeded seeded = runtime.seedDemo();
            System.out.println();
            System.out.println("Demo data");
            print(seeded.ids());
            System.out.println();
            System.out.println("Demo tokens (valid 12 h)");
            print(seeded.tokens());
        }
        System.out.println();
        System.out.println("Open " + runtime.consoleEndpoint() + " and sign in"
                + (options.demo() ? " as one of the demo parties." : " with a role and a party id."));
        System.out.println("Ctrl-C stops it.");
        stopped.await();
    }

    private static void print(Map<String, String> values) {
        values.forEach((label, value) -> System.out.printf("  %-26s %s%n", label, value));
    }
}
