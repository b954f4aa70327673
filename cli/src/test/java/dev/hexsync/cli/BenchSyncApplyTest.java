package dev.hexsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@code hexsync bench sync-apply}, tiny, in this JVM and in a child JVM. */
class BenchSyncApplyTest {

    private record Run(int exitCode, String out) {
    }

    private static synchronized Run run(String... args) {
        PrintStream originalOut = System.out;
        PrintStream originalErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            int exitCode = HexSyncCli.run(args);
            return new Run(exitCode, out.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(originalOut);
            System.setErr(originalErr);
        }
    }

    @Test
    void printsTimesRatioAndHeapAtBothSizes() {
        Run run = run("bench", "sync-apply", "--no-fork", "--ops", "2000", "--runs", "1");

        assertThat(run.exitCode()).as(run.out()).isZero();
        assertThat(run.out()).contains("N = 2,000").contains("N/4 = 500").contains("floor   total")
                .contains("hexsync total").contains("ratio   hexsync / floor").contains("heap    peak used")
                .contains("heap    peak live after a GC").doesNotContain("crud-capture");
    }

    @Test
    void optionsOfOneBenchmarkSelectIt() {
        Run run = run("bench", "--ops", "400", "--ids", "ordered", "--runs", "1", "--no-fork");

        assertThat(run.exitCode()).as(run.out()).isZero();
        assertThat(run.out()).contains("UUID ids in ascending order").doesNotContain("crud-capture");
    }

    @Test
    void runsInAChildJvmWithAFixedYoungGeneration() {
        Run run = run("bench", "sync-apply", "--ops", "400", "--runs", "1");

        assertThat(run.exitCode()).as(run.out()).isZero();
        assertThat(run.out()).contains("in a child JVM: java -Xmn64m").contains("ratio   hexsync / floor");
    }

    @Test
    void tooFewOpsIsAUsageError() {
        assertThat(run("bench", "sync-apply", "--ops", "10").exitCode()).isEqualTo(2);
    }
}
