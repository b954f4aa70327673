package dev.hexsync.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hexsync emulator} serves on 127.0.0.1 until stopped, and what it prints (endpoint, token, sample schema)
 * is enough for {@code hexsync sync} to sync from it.
 */
class EmulatorCommandTest {
    private static final Pattern ENDPOINT = Pattern.compile("endpoint: (\\S+)");
    private static final Pattern TOKEN = Pattern.compile("token: +(\\S+)");
    private static final Pattern SCHEMA = Pattern.compile("schema: +(\\S+)");

    @TempDir
    Path dir;

    @Test
    void printsWhatSyncNeedsAndServesUntilStopped() throws Exception {
        StringWriter printed = new StringWriter();
        AtomicInteger exitCode = new AtomicInteger(-1);
        Thread emulator = new Thread(() -> exitCode.set(HexSyncCli.commandLine().setOut(new PrintWriter(printed, true))
                .execute("emulator", "--rows", "25", "--schema-out", dir.resolve("todos.schema.json").toString())));
        emulator.start();
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> printed.toString().contains("Stop with Ctrl-C"));
            String out = printed.toString();
            String endpoint = group(ENDPOINT, out);
            assertThat(endpoint).startsWith("http://127.0.0.1:");

            CliRun sync = CliRun.of("sync", "--endpoint", endpoint, "--token", group(TOKEN, out),
                    "--schema", group(SCHEMA, out), "--db", dir.resolve("todos.db").toString(), "--seconds", "3");

            assertThat(sync.exitCode()).as("stderr: %s", sync.err()).isZero();
            assertThat(sync.out()).contains("lists: 2 rows").contains("todos: 25 rows");
        } finally {
            emulator.interrupt();
            emulator.join(Duration.ofSeconds(30).toMillis());
        }
        assertThat(exitCode.get()).isZero();
        assertThat(printed.toString()).contains("hexsync emulator: stopped");
    }

    @Test
    void aBadPortIsAUsageError() throws Exception {
        CliRun run = CliRun.of("emulator", "--port", "70000");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("--port must be between 0 and 65535");
    }

    private static String group(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        assertThat(matcher.find()).as("%s in %s", pattern, text).isTrue();
        return matcher.group(1);
    }
}
