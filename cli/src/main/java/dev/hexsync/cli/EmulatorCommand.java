package dev.hexsync.cli;

import dev.hexsync.emulator.SyncServiceEmulator;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Starts the bundled sync-service emulator on 127.0.0.1 with a small to-do data set (bucket {@code global},
 * tables {@code lists} and {@code todos}) and keeps it running until interrupted, so {@code hexsync sync} or an
 * application under development has a service to talk to. Prints the endpoint, a development token and the
 * path of the matching sample schema.
 */
@Command(name = "emulator", mixinStandardHelpOptions = true,
        description = "Run the bundled PowerSync-compatible service emulator on 127.0.0.1 until Ctrl-C.")
final class EmulatorCommand implements Callable<Integer> {
    /** The sample schema on the class path, matching the emulator's tables. */
    static final String SAMPLE_SCHEMA = "/todos.schema.json";

    @Option(names = "--port", defaultValue = "0", description = "Port on 127.0.0.1 (default: any free port).")
    private int port;

    @Option(names = "--rows", defaultValue = "100", description = "To-dos to start with (default: ${DEFAULT-VALUE}).")
    private int rows;

    @Option(names = "--user", defaultValue = "dev-user", description = "The token's subject (default: ${DEFAULT-VALUE}).")
    private String user;

    @Option(names = "--schema-out", paramLabel = "FILE",
            description = "Where to write the sample schema (default: todos.schema.json in a temporary directory).")
    private Path schemaOut;

    @Option(names = "--seconds", paramLabel = "N", description = "Stop after N seconds (default: run until interrupted).")
    private Long seconds;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (port < 0 || port > 65535) {
            throw CliException.usage("--port must be between 0 and 65535, got " + port);
        }
        if (rows < 0) {
            throw CliException.usage("--rows must not be negative, got " + rows);
        }
        PrintWriter out = spec.commandLine().getOut();
        Path schema = writeSampleSchema();
        CountDownLatch stop = new CountDownLatch(1);
        Thread hook = new Thread(stop::countDown);
        Runtime.getRuntime().addShutdownHook(hook);
        try (SyncServiceEmulator service = start()) {
            seed(service);
            String token = service.issueToken(user);
            out.printf("hexsync emulator: a PowerSync-compatible service on %s (bucket 'global': lists, todos)%n",
                    service.endpoint());
            out.printf("  endpoint: %s%n  token:    %s%n  schema:   %s%n%n", service.endpoint(), token, schema);
            out.printf("Try:%n  export %s=%s%n  hexsync sync --endpoint %s --schema %s --db todos.db%n",
                    TokenSource.ENVIRONMENT, token, service.endpoint(), schema);
            out.printf("Stop with Ctrl-C.%n");
            out.flush();
            if (seconds != null) {
                stop.await(seconds, TimeUnit.SECONDS);
            } else {
                stop.await();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            removeHook(hook);
        }
        out.printf("hexsync emulator: stopped%n");
        out.flush();
        return ExitCodes.OK;
    }

    private SyncServiceEmulator start() {
        try {
            return SyncServiceEmulator.builder().port(port).globalBucket("global", "lists", "todos").build().start();
        } catch (RuntimeException e) {
            // Most often the port is taken; the emulator's message says which.
            throw new CliException(ExitCodes.USAGE, "could not start on port " + port + ": " + e.getMessage(), e);
        }
    }

    private Path writeSampleSchema() throws IOException {
        Path target = schemaOut != null ? schemaOut : Files.createTempDirectory("hexsync-emulator").resolve("todos.schema.json");
        try (InputStream in = EmulatorCommand.class.getResourceAsStream(SAMPLE_SCHEMA)) {
            if (in == null) {
                throw new IllegalStateException("the sample schema " + SAMPLE_SCHEMA + " is missing from the class path");
            }
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
        return target.toAbsolutePath();
    }

    private void seed(SyncServiceEmulator service) {
        service.transaction(tx -> {
            tx.put("lists", "list-1", Map.of("name", "Groceries", "owner_id", user));
            tx.put("lists", "list-2", Map.of("name", "Chores", "owner_id", user));
            for (int i = 1; i <= rows; i++) {
                Map<String, Object> values = new LinkedHashMap<>();
                values.put("list_id", "list-" + (1 + i % 2));
                values.put("description", "To-do " + i);
                values.put("completed", i % 3 == 0 ? 1 : 0);
                tx.put("todos", "todo-" + i, values);
            }
        });
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // The JVM is shutting down already (Ctrl-C): the hook is running, nothing to remove.
        }
    }
}
