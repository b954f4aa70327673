package dev.hexsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hexsync.emulator.SyncServiceEmulator;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the command line says when something is wrong: one line naming the problem and an exit status that
 * says what happened (before: stack traces, exit 0 after only failing, any URL scheme, the token only on the
 * command line).
 */
class CliFailuresTest {
    private static final String SCHEMA = "{\"tables\": [{\"name\": \"todos\", \"columns\": [{\"name\": \"description\", \"type\": \"text\"}]}]}";

    @TempDir
    Path dir;

    @AfterEach
    void restoreEnvironment() {
        SyncCommand.environment = System::getenv;
    }

    private Path schema() throws Exception {
        return Files.writeString(dir.resolve("schema.json"), SCHEMA);
    }

    private static void assertNoStackTrace(CliRun run) {
        assertThat(run.err()).doesNotContain("\tat ").doesNotContain("Exception");
    }

    @Test
    void aMissingSchemaFileIsAUsageErrorNamingIt() throws Exception {
        Path missing = dir.resolve("nope.json");

        CliRun run = CliRun.of("sync", "--endpoint", "http://127.0.0.1:9", "--token", "t", "--schema", missing.toString(),
                "--db", dir.resolve("x.db").toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("--schema " + missing + ": no such file");
        assertNoStackTrace(run);
    }

    @Test
    void anInvalidSchemaIsAUsageErrorSayingWhy() throws Exception {
        Path schema = Files.writeString(dir.resolve("bad.json"), "{\"tables\": [{\"name\": \"todos\"}]}");

        CliRun run = CliRun.of("sync", "--endpoint", "http://127.0.0.1:9", "--token", "t", "--schema", schema.toString(),
                "--db", dir.resolve("x.db").toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("is not a valid schema").contains("columns");
        assertNoStackTrace(run);
    }

    @Test
    void badParamsAreAUsageErrorWithoutAStackTrace() throws Exception {
        CliRun run = CliRun.of("sync", "--endpoint", "http://127.0.0.1:9", "--token", "t", "--schema", schema().toString(),
                "--db", dir.resolve("x.db").toString(), "--params", "[1, 2]");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("--params needs a JSON object");
        assertThat(run.err()).doesNotContain("\tat ");
    }

    @Test
    void endpointsOtherThanHttpAreRefused() throws Exception {
        CliRun run = CliRun.of("sync", "--endpoint", "ftp://example.com", "--token", "t", "--schema", schema().toString(),
                "--db", dir.resolve("x.db").toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("--endpoint must be an http:// or https:// URL").contains("ftp://example.com");
        assertThat(dir.resolve("x.db")).doesNotExist();
    }

    @Test
    void withoutAnyTokenTheCommandSaysWhereOneCanComeFrom() throws Exception {
        SyncCommand.environment = name -> null;

        CliRun run = CliRun.of("sync", "--endpoint", "http://127.0.0.1:9", "--schema", schema().toString(),
                "--db", dir.resolve("x.db").toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("--token-file").contains(TokenSource.ENVIRONMENT);
    }

    @Test
    void twoTokenSourcesAreRefused() throws Exception {
        Path tokenFile = Files.writeString(dir.resolve("token"), "abc\n");

        CliRun run = CliRun.of("sync", "--endpoint", "http://127.0.0.1:9", "--token", "t", "--token-file", tokenFile.toString(),
                "--schema", schema().toString(), "--db", dir.resolve("x.db").toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("give the token once");
    }

    @Test
    void theTokenComesFromAFileOrTheEnvironment() throws Exception {
        try (SyncServiceEmulator service = SyncServiceEmulator.builder().globalBucket("global", "todos").build().start()) {
            service.put("todos", "t1", Map.of("description", "milk"));
            Path tokenFile = Files.writeString(dir.resolve("token"), service.issueToken("u1") + "\n");

            CliRun fromFile = CliRun.of("sync", "--endpoint", service.endpoint().toString(), "--token-file",
                    tokenFile.toString(), "--schema", schema().toString(), "--db", dir.resolve("file.db").toString(),
                    "--seconds", "3");
            String token = service.issueToken("u2");
            SyncCommand.environment = Map.of(TokenSource.ENVIRONMENT, token)::get;
            CliRun fromEnvironment = CliRun.of("sync", "--endpoint", service.endpoint().toString(),
                    "--schema", schema().toString(), "--db", dir.resolve("env.db").toString(), "--seconds", "3");

            assertThat(fromFile.exitCode()).as("stderr: %s", fromFile.err()).isZero();
            assertThat(fromFile.out()).contains("todos: 1 rows");
            assertThat(fromEnvironment.exitCode()).as("stderr: %s", fromEnvironment.err()).isZero();
            assertThat(fromEnvironment.out()).contains("todos: 1 rows").doesNotContain(token);
        }
    }

    @Test
    void syncThatOnlyFailedExitsWithOne() throws Exception {
        URI nobody;
        try (SyncServiceEmulator closed = SyncServiceEmulator.builder().build().start()) {
            nobody = closed.endpoint();
        }

        CliRun run = CliRun.of("sync", "--endpoint", nobody.toString(), "--token", "t", "--schema", schema().toString(),
                "--db", dir.resolve("x.db").toString(), "--seconds", "2");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.SYNC_FAILED);
        assertThat(run.err()).contains("never completed a sync");
    }
}
