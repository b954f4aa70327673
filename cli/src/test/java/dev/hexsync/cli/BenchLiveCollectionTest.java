package dev.hexsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@code hexsync bench live-collection}, tiny: both measurements print in one run, with their floors. */
class BenchLiveCollectionTest {

    private static synchronized String run(String... args) {
        PrintStream originalOut = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            int exitCode = HexSyncCli.run(args);
            String text = out.toString(StandardCharsets.UTF_8);
            assertThat(exitCode).as(text).isZero();
            return text;
        } finally {
            System.setOut(originalOut);
        }
    }

    @Test
    void printsHydrationAgainstGetAllAndMutationLatencyAgainstAPlainUpdate() {
        String out = run("bench", "--live-rows", "600", "--mutations", "5", "--runs", "1");

        assertThat(out).contains("live-collection: 600 rows").contains("floor   getAll mapped to records")
                .contains("hexsync collection hydration").contains("ratio   hydration / floor")
                .contains("floor   plain UPDATE").contains("update to persisted (30 ms flush)")
                .contains("update to persisted ( 1 ms flush)").doesNotContain("crud-capture");
    }
}
