package dev.hexsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hexsync.bootstrap.HexSync;
import dev.hexsync.ports.api.SyncDatabase;
import dev.hexsync.testkit.conformance.ResultComparison;
import dev.hexsync.emulator.StreamDefinition;
import dev.hexsync.emulator.SyncServiceEmulator;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The hexsync command line, run in this JVM through {@link HexSyncCli#run} (captured by {@link CliRun}). */
class CliTest {

    /** 02-put-null-values.scenario.json from the committed oracle scenarios (testkit conformance/crud). */
    private static final String SCENARIO = """
            {
              "description": "NULL column values are dropped from the PUT data (a row whose columns are all NULL, or that names only the id, gives \\"data\\":{}), while ps_data keeps every declared column with an explicit null.",
              "schema": {"tables": [
                {"name": "items", "columns": [{"name": "name", "type": "text"}, {"name": "qty", "type": "integer"}, {"name": "price", "type": "real"}]}
              ]},
              "steps": [
                {"sql": "INSERT INTO items(id, name, qty, price) VALUES ('n1', 'x', NULL, NULL)"},
                {"sql": "INSERT INTO items(id, name, qty, price) VALUES ('n2', NULL, NULL, NULL)"},
                {"sql": "INSERT INTO items(id) VALUES ('n3')"},
                {"sql": "INSERT INTO items(id, name, qty, price) VALUES ('n4', NULL, 0, 0.0)"}
              ]
            }
            """;

    private static final String EXPECTED_RESULT = "/conformance/crud/02-put-null-values.result.json";

    @TempDir
    Path dir;

    private static CliRun run(String... args) throws Exception {
        return CliRun.of(args);
    }

    @Test
    void demoSyncsFromTheEmulatorUploadsAndShowsTheConfirmedState() throws Exception {
        Path file = dir.resolve("demo.db");

        CliRun run = run("demo", "--db", file.toString(), "--rows", "3000", "--timeout", "60");

        assertThat(run.exitCode()).as("exit code; stderr: %s", run.err()).isZero();
        assertThat(run.out()).contains(file.toAbsolutePath().toString()).contains("Initial sync complete")
                .contains("3,000 todos").contains("Done.");
        // Not a terminal: plain lines, no carriage-return frames or escape codes; 100 % only with equal counts.
        assertThat(run.out()).doesNotContain("\r").doesNotContain("\u001b").contains("100% (3,010 / 3,010 ops)");
        assertThat(run.out().lines().filter(line -> line.contains("100%")))
                .allSatisfy(line -> assertThat(line).contains("(3,010 / 3,010 ops)"));
        // The file is a usable hexsync database afterwards, holding the synced and the confirmed local rows.
        try (SyncDatabase db = HexSync.builder().sqlite(file).schema(DemoCommand.SCHEMA).build()) {
            assertThat(db.get("SELECT count(*) AS n FROM todos").getLong("n")).isEqualTo(3002);
            assertThat(db.get("SELECT completed FROM todos WHERE id = 'todo-1'").getLong("completed")).isEqualTo(1);
            assertThat(db.getUploadQueueStats(false).count()).as("the demo drains the upload queue").isZero();
            assertThat(db.getOptional("SELECT 1 FROM todos WHERE id = 'todo-server-1'")).isPresent();
        }
    }

    @Test
    void syncFollowsAServiceAndPrintsTheStatus() throws Exception {
        try (dev.hexsync.emulator.SyncServiceEmulator service = dev.hexsync.emulator.SyncServiceEmulator
                .builder().globalBucket("global", "todos").build().start()) {
            for (int i = 0; i < 50; i++) {
                service.put("todos", "t" + i, java.util.Map.of("description", "todo " + i));
            }
            Path schema = dir.resolve("schema.json");
            Files.writeString(schema, "{\"tables\": [{\"name\": \"todos\", \"columns\": [{\"name\": \"description\", \"type\": \"text\"}]}]}");
            Path file = dir.resolve("synced.db");

            String token = service.issueToken("cli-user");

            CliRun run = run("sync", "--endpoint", service.endpoint().toString(), "--token", token,
                    "--schema", schema.toString(), "--db", file.toString(), "--seconds", "3");

            assertThat(run.exitCode()).as("exit code; stderr: %s", run.err()).isZero();
            assertThat(run.out()).contains("connected").contains("last synced").contains("todos: 50 rows");
            assertThat(run.out() + run.err()).as("the token is never printed").doesNotContain(token);
        }
    }

    @Test
    void syncSubscribesTheStreamsGivenWithStream() throws Exception {
        try (SyncServiceEmulator service = SyncServiceEmulator.builder()
                .define(StreamDefinition.stream("all_lists").tables("lists"))
                .define(StreamDefinition.stream("list_todos").tables("todos")
                        .data((table, row) -> table.equals("todos") ? List.of(List.of(row.get("list_id"))) : List.of())
                        .parameters(context -> List.of(List.of(context.subscriptionParameter("list_id")))))
                .build().start()) {
            service.put("lists", "l1", Map.of("name", "one"));
            service.put("todos", "t1", Map.of("list_id", "l1", "description", "in l1"));
            service.put("todos", "t2", Map.of("list_id", "l2", "description", "in l2"));
            Path schema = dir.resolve("schema.json");
            Files.writeString(schema, "{\"tables\": [{\"name\": \"lists\", \"columns\": [{\"name\": \"name\", \"type\": \"text\"}]},"
                    + " {\"name\": \"todos\", \"columns\": [{\"name\": \"list_id\", \"type\": \"text\"}, {\"name\": \"description\", \"type\": \"text\"}]}]}");

            CliRun run = run("sync", "--endpoint", service.endpoint().toString(), "--token", service.issueToken("u1"),
                    "--schema", schema.toString(), "--db", dir.resolve("streams.db").toString(), "--seconds", "3",
                    "--stream", "all_lists", "--stream", "list_todos:{\"list_id\":\"l1\"}");

            assertThat(run.exitCode()).as("exit code; stderr: %s", run.err()).isZero();
            assertThat(run.out()).contains("stream all_lists synced").contains("stream list_todos:{\"list_id\":\"l1\"} synced")
                    .contains("lists: 1 rows").contains("todos: 1 rows");
        }
    }

    @Test
    void syncStopsWithAMessageWhenTheServiceRejectsTheRequest() throws Exception {
        try (SyncServiceEmulator service = SyncServiceEmulator.builder().globalBucket("global", "todos").build().start();
                SyncServiceEmulator other = SyncServiceEmulator.builder().build()) {
            Path schema = dir.resolve("schema.json");
            Files.writeString(schema, "{\"tables\": [{\"name\": \"todos\", \"columns\": [{\"name\": \"description\", \"type\": \"text\"}]}]}");

            CliRun run = run("sync", "--endpoint", service.endpoint().toString(), "--token", other.issueToken("u1"),
                    "--schema", schema.toString(), "--db", dir.resolve("rejected.db").toString(), "--seconds", "60");

            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.err()).contains("the service rejected the sync request").contains("401 PSYNC_S2101")
                    .contains("Check the token");
        }
    }

    @Test
    void syncRefusesMalformedStreamsAndParametersAsUsageErrors() throws Exception {
        CliRun badStream = run("sync", "--endpoint", "http://127.0.0.1:9", "--token", "t", "--schema", "s.json",
                "--db", "x.db", "--stream", "lists:[1]");
        assertThat(badStream.exitCode()).isEqualTo(2);
        assertThat(badStream.err()).contains("--stream lists needs a JSON object");
        CliRun noName = run("sync", "--endpoint", "http://127.0.0.1:9", "--token", "t", "--schema", "s.json",
                "--db", "x.db", "--stream", ":{}");
        assertThat(noName.exitCode()).isEqualTo(2);
        assertThat(noName.err()).contains("--stream needs a stream name");
        CliRun badParams = run("sync", "--endpoint", "http://127.0.0.1:9", "--token", "t", "--schema", "s.json",
                "--db", "x.db", "--params", "not json");
        assertThat(badParams.exitCode()).isEqualTo(2);
        assertThat(badParams.err()).contains("--params needs a JSON object");
    }

    @Test
    void benchSyncHttpSyncsFromTheEmulatorAndPrintsARatio() throws Exception {
        CliRun run = run("bench", "sync-http", "--http-rows", "500");

        assertThat(run.exitCode()).as("exit code; stderr: %s", run.err()).isZero();
        assertThat(run.out()).contains("500 rows from the service emulator").contains("ratio   hexsync / floor");
    }

    @Test
    void conformanceRunsAScenarioFileAndPrintsTheOracleFormat() throws Exception {
        Path scenario = dir.resolve("02-put-null-values.scenario.json");
        Files.writeString(scenario, SCENARIO, StandardCharsets.UTF_8);

        CliRun run = run("conformance", scenario.toString());

        assertThat(run.exitCode()).as("exit code; stderr: %s", run.err()).isZero();
        assertThat(run.out()).contains("\"format_version\"");
        JsonMapper mapper = JsonMapper.builder().build();
        JsonNode actual = mapper.readTree(run.out());
        JsonNode expected;
        try (InputStream in = CliTest.class.getResourceAsStream(EXPECTED_RESULT)) {
            assertThat(in).as("oracle result on the classpath").isNotNull();
            expected = mapper.readTree(in);
        }
        assertThat(ResultComparison.differences(expected, actual)).isEmpty();
    }

    @Test
    void conformanceReadsTheScenarioFromStandardInput() throws Exception {
        InputStream originalIn = System.in;
        System.setIn(new ByteArrayInputStream(SCENARIO.getBytes(StandardCharsets.UTF_8)));
        CliRun run;
        try {
            run = run("conformance", "-");
        } finally {
            System.setIn(originalIn);
        }

        assertThat(run.exitCode()).as("exit code; stderr: %s", run.err()).isZero();
        assertThat(run.out()).contains("\"format_version\"");
    }

    @Test
    void conformanceRejectsAMalformedScenarioWithStatusTwo() throws Exception {
        Path scenario = dir.resolve("bad.scenario.json");
        Files.writeString(scenario, "{\"steps\": [], \"stepz\": []}", StandardCharsets.UTF_8);

        CliRun run = run("conformance", scenario.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("unknown top-level key").contains("stepz");
        assertThat(run.out()).doesNotContain("format_version");
    }

    @Test
    void conformanceRejectsTextThatIsNotJsonWithStatusTwo() throws Exception {
        Path scenario = dir.resolve("bad.scenario.json");
        Files.writeString(scenario, "not json", StandardCharsets.UTF_8);

        assertThat(run("conformance", scenario.toString()).exitCode()).isEqualTo(2);
    }

    @Test
    void conformanceOnAMissingFileFails() throws Exception {
        Path missing = dir.resolve("missing.json");
        CliRun run = run("conformance", missing.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains(missing + ": no such file").doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void benchPrintsARatio() throws Exception {
        CliRun run = run("bench", "--rows", "2000", "--ops", "4000", "--runs", "1");

        assertThat(run.exitCode()).as("exit code; stderr: %s", run.err()).isZero();
        assertThat(run.out()).contains("ratio").contains("capture / floor").contains("upload queue holds");
    }

    @Test
    void unknownCommandIsAUsageError() throws Exception {
        CliRun run = run("no-such-command");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("no-such-command");
    }

    @Test
    void helpListsTheCommands() throws Exception {
        CliRun run = run("--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("demo").contains("conformance").contains("bench").contains("emulator")
                .contains("Exit codes:").contains("1   sync failed").contains("2   usage error");
    }

    @Test
    void versionIsPrinted() throws Exception {
        CliRun run = run("--version");

        assertThat(run.exitCode()).isZero();
        // The project's version (from the jar's manifest, or the build's resource when run from classes), not "dev".
        assertThat(run.out().strip()).matches("hexsync \\d+\\.\\d+\\.\\d+.*").doesNotContain("dev");
    }
}
