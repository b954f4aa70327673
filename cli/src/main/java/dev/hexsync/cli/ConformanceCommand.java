package dev.hexsync.cli;

import dev.hexsync.adapters.sqlite.SqliteStorageEngine;
import dev.hexsync.bootstrap.time.ExecutorScheduler;
import dev.hexsync.cli.conformance.EngineConformanceTarget;
import dev.hexsync.testkit.conformance.ConformanceRunner;
import dev.hexsync.testkit.conformance.ResultJson;
import dev.hexsync.testkit.conformance.Scenario;
import dev.hexsync.testkit.conformance.ScenarioException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Runs an oracle-format scenario through hexsync and prints the result in the oracle's format, so it can be
 * diffed with the real engine's output. Exit status as the oracle's: 0 ran, 2 malformed scenario.
 */
@Command(name = "conformance", mixinStandardHelpOptions = true,
        description = "Run a PowerSync oracle scenario through hexsync and print the result JSON (oracle format).")
final class ConformanceCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "SCENARIO.json", description = "The scenario file, or - for standard input.")
    private String scenario;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        String text;
        try {
            text = scenario.equals("-")
                    ? new String(System.in.readAllBytes(), StandardCharsets.UTF_8)
                    : Files.readString(Path.of(scenario), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw CliException.usage(scenario + ": no such file");
        } catch (IOException e) {
            throw CliException.usage(scenario + ": cannot be read (" + e.getMessage() + ")");
        }
        Scenario parsed;
        try {
            parsed = Scenario.parse(text);
        } catch (ScenarioException e) {
            spec.commandLine().getErr().println("hexsync conformance: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        String result;
        // Scenarios run on in-memory databases, which never wait; the scheduler is there for the engine's sake.
        try (ExecutorScheduler scheduler = new ExecutorScheduler("conformance", 1)) {
            result = ResultJson.print(new ConformanceRunner(new EngineConformanceTarget(new SqliteStorageEngine(scheduler)))
                    .run(parsed));
        }
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        out.print(result);
        out.flush();
        return ExitCodes.OK;
    }
}
