package dev.hexsync.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;

/**
 * What one run of the command line in this JVM printed, and its exit status. Commands print either through
 * picocli's writers (which wrap System.out when first used) or to System.out directly, so the streams are
 * swapped for the duration of each run (one run at a time).
 */
record CliRun(int exitCode, String out, String err) {

    static CliRun of(String... args) throws Exception {
        return capture(() -> HexSyncCli.run(args));
    }

    static synchronized CliRun capture(Callable<Integer> command) throws Exception {
        PrintStream originalOut = System.out;
        PrintStream originalErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        int exitCode;
        try {
            exitCode = command.call();
        } finally {
            System.out.flush();
            System.err.flush();
            System.setOut(originalOut);
            System.setErr(originalErr);
        }
        return new CliRun(exitCode, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
