package dev.hexsync.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The bytes this process has read and written through system calls ({@code rchar}, {@code wchar} of Linux's
 * {@code /proc/self/io}): page reads and writes of SQLite's database, WAL and temporary files, whether or not
 * they reach the disk. Elsewhere there are no figures.
 */
final class ProcessIo {
    private static final Path COUNTERS = Path.of("/proc/self/io");

    private ProcessIo() {
    }

    /** {read, written} so far, or an empty array where the counters cannot be read. */
    static long[] read() {
        try {
            long read = -1;
            long written = -1;
            for (String line : Files.readAllLines(COUNTERS)) {
                if (line.startsWith("rchar:")) {
                    read = Long.parseLong(line.substring("rchar:".length()).trim());
                } else if (line.startsWith("wchar:")) {
                    written = Long.parseLong(line.substring("wchar:".length()).trim());
                }
            }
            return read < 0 || written < 0 ? new long[0] : new long[] {read, written};
        } catch (IOException | RuntimeException e) {
            return new long[0];
        }
    }

    /** {read, written} since {@code before} (from {@link #read}), or an empty array. */
    static long[] since(long[] before) {
        long[] now = read();
        if (before.length == 0 || now.length == 0) {
            return new long[0];
        }
        return new long[] {now[0] - before[0], now[1] - before[1]};
    }
}
