package dev.hexsync.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a hexsync command in a child JVM on this JVM's class path, with its heap shaped for a benchmark that
 * reports heap figures: a fixed young generation, so that collections happen at the same pace whatever the
 * size of the work (a young generation that G1 sizes by itself may hold a whole small run without one
 * collection, and grows with the run), and a maximum heap that fits the benchmark's input. The child's output
 * is copied line by line to the given writer.
 */
final class ChildJvm {
    static final String YOUNG_GENERATION = "-Xmn64m";
    /** The sync-apply input held in memory (lines and floor rows, at N and N/4), bytes per op of N, generously. */
    private static final long INPUT_BYTES_PER_OP = 1_400;
    private static final long HEADROOM_MB = 1_024;

    private ChildJvm() {
    }

    static int run(PrintWriter out, int ops, List<String> arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add(YOUNG_GENERATION);
        String maxHeap = null;
        for (String argument : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (argument.startsWith("-Xmx")) {
                maxHeap = argument;
            }
        }
        if (maxHeap == null) {
            maxHeap = "-Xmx" + (ops * INPUT_BYTES_PER_OP / (1 << 20) + HEADROOM_MB) + "m";
        }
        command.add(maxHeap);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(HexSyncCli.class.getName());
        command.addAll(arguments);
        out.printf("(in a child JVM: java %s %s -cp ... %s)%n", YOUNG_GENERATION, maxHeap, String.join(" ", arguments));
        out.flush();
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        child.getOutputStream().close();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                out.println(line);
                out.flush();
            }
        } finally {
            if (child.isAlive()) {
                child.destroy();
            }
        }
        int status = child.waitFor();
        if (status != 0) {
            out.printf("the child JVM exited with status %d%n", status);
        }
        return status;
    }
}
