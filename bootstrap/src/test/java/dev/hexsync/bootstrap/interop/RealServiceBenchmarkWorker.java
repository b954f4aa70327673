package dev.hexsync.bootstrap.interop;

import dev.hexsync.bootstrap.HexSync;
import dev.hexsync.ports.api.BackendConnector;
import dev.hexsync.ports.api.SyncDatabase;
import dev.hexsync.ports.model.SyncStatus;
import dev.hexsync.ports.transport.Credentials;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;

/**
 * hexsync's side of {@link RealServiceBenchmark}, run in a fresh JVM: one first sync from the real service, from
 * {@code HexSync.builder()...build()} to {@code waitForFirstSync()}, with a timeline of where the time went and
 * the process's peak memory. Prints one line of JSON on stdout.
 *
 * <p>Arguments: database file, service URL, token.
 */
public final class RealServiceBenchmarkWorker {
    private RealServiceBenchmarkWorker() {
    }

    public static void main(String[] args) throws Exception {
        long main = System.nanoTime();
        long jvmStartToMainMs = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
        Path database = Path.of(args[0]);
        Credentials credentials = new Credentials(URI.create(args[1]), args[2], Optional.empty());
        for (String suffix : new String[] {"", "-wal", "-shm"}) {
            Files.deleteIfExists(Path.of(database + suffix));
        }
        Timeline timeline = new Timeline(main);
        long started = System.nanoTime();
        try (SyncDatabase db = HexSync.builder().sqlite(database).schema(Clients.SCHEMA).build()) {
            long built = System.nanoTime();
            db.statusUpdates().subscribe(timeline);
            db.connect(new BackendConnector() {
                @Override
                public Optional<Credentials> fetchCredentials() {
                    return Optional.of(credentials);
                }

                @Override
                public void uploadData(SyncDatabase ignored) {
                }
            }).get(10, TimeUnit.MINUTES);
            long connected = System.nanoTime();
            db.waitForFirstSync().get(10, TimeUnit.MINUTES);
            long synced = System.nanoTime();
            long todos = db.get("SELECT count(*) AS n FROM todos").getLong("n");
            System.out.printf("{\"ms\": %.1f, \"jvmStartToMainMs\": %d, \"buildMs\": %.1f, \"connectMs\": %.1f,"
                            + " \"firstDataMs\": %.1f, \"allDataMs\": %.1f, \"peakHeapMb\": %.1f, \"vmHwmKb\": %d,"
                            + " \"todos\": %d}%n",
                    ms(started, synced), jvmStartToMainMs, ms(started, built), ms(started, connected),
                    timeline.sinceStart(timeline.firstData, started), timeline.sinceStart(timeline.allData, started),
                    peakHeap() / 1e6, vmHwmKb(), todos);
        }
    }

    private static double ms(long from, long to) {
        return (to - from) / 1e6;
    }

    /** The sum of the heap pools' peaks (each pool's own high-water mark). */
    private static long peakHeap() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak;
    }

    /** This process's peak resident set (Linux), or -1 elsewhere. */
    static long vmHwmKb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            // Not Linux.
        }
        return -1;
    }

    /** When the first operations arrived, and when the download had every operation of the checkpoint. */
    private static final class Timeline implements Flow.Subscriber<SyncStatus> {
        private final long origin;
        volatile long firstData = -1;
        volatile long allData = -1;

        Timeline(long origin) {
            this.origin = origin;
        }

        double sinceStart(long at, long started) {
            return at < 0 ? -1 : (at - started) / 1e6;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(SyncStatus status) {
            status.downloadProgress().ifPresent(progress -> {
                long now = System.nanoTime();
                if (firstData < 0 && progress.overall().downloaded() > 0) {
                    firstData = now;
                }
                if (allData < 0 && progress.overall().total() > 0
                        && progress.overall().downloaded() >= progress.overall().total()) {
                    allData = now;
                }
            });
        }

        @Override
        public void onError(Throwable throwable) {
        }

        @Override
        public void onComplete() {
        }
    }
}
