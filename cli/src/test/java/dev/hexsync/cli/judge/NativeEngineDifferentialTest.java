package dev.hexsync.cli.judge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hexsync.adapters.sqlite.SqliteStorageEngine;
import dev.hexsync.cli.conformance.EngineConformanceTarget;
import dev.hexsync.testkit.conformance.ConformanceRunner;
import dev.hexsync.testkit.conformance.ResultComparison;
import dev.hexsync.testkit.conformance.ResultJson;
import dev.hexsync.testkit.conformance.Scenario;
import dev.hexsync.testkit.time.VirtualScheduler;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * Differential test: thousands of random scenarios ({@link ScenarioGenerator}, seeded
 * {@link java.util.Random}) run through the native PowerSync engine ({@link NativeEngine}) and through
 * hexsync's conformance runner on SQLite; the results must be equal field by field
 * ({@link ResultComparison}), except where {@link KnownDifferences} says the native 0.5.1 engine differs
 * from the 0.5.3 engine hexsync follows.
 *
 * <p>Seeds are {@code judge.seed} + 0 … {@code judge.cases} − 1 (system properties; defaults 20250101
 * and 2500). A failure names the seed and prints the scenario and both results; re-run one case with
 * {@code -Djudge.seed=<seed> -Djudge.cases=1}, or save the scenario and diff it against the oracle with
 * {@code node oracle.mjs} and {@code ./hexsync conformance}. Skipped, with the reason, where the platform
 * has no native engine build.
 */
class NativeEngineDifferentialTest {
    private static final long BASE_SEED = Long.getLong("judge.seed", 20250101L);
    private static final int CASES = Integer.getInteger("judge.cases", 2500);
    /** How many failing cases are printed in full. */
    private static final int SHOWN = 3;
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    /** Time spent per phase, summed over all threads (nanoseconds): generate, native, hexsync, compare. */
    private final AtomicLong[] phases = {new AtomicLong(), new AtomicLong(), new AtomicLong(), new AtomicLong()};

    private record Failure(long seed, String scenario, List<String> differences, String nativeResult, String hexsyncResult) {
    }

    @Test
    void hexsyncMatchesTheNativeEngineOnGeneratedScenarios() throws Exception {
        NativeEngine.Availability availability = NativeEngine.availability();
        assumeTrue(availability.available(), () -> "Native PowerSync engine not available, differential test skipped: "
                + availability.reason());
        NativeEngine engine = NativeEngine.load();

        int threads = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Failure> failures = Collections.synchronizedList(new ArrayList<>());
        Map<String, AtomicInteger> explained = new ConcurrentHashMap<>();
        long started = System.nanoTime();
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < CASES; i++) {
                long seed = BASE_SEED + i;
                futures.add(pool.submit(() -> check(engine, seed, failures, explained)));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        System.out.printf("native judge %s: %d generated scenarios (seeds %d..%d) in %d ms on %d threads "
                + "(summed: generate %d ms, native %d ms, hexsync %d ms, compare %d ms); "
                + "cases explained by known differences: %s; failing: %d%n", availability.version(), CASES, BASE_SEED,
                BASE_SEED + CASES - 1, millis, threads, phases[0].get() / 1_000_000, phases[1].get() / 1_000_000,
                phases[2].get() / 1_000_000, phases[3].get() / 1_000_000, explained, failures.size());

        List<Failure> sorted = new ArrayList<>(failures);
        sorted.sort((a, b) -> Long.compare(a.seed(), b.seed()));
        StringBuilder report = new StringBuilder();
        for (Failure failure : sorted.subList(0, Math.min(SHOWN, sorted.size()))) {
            report.append("\n=== seed ").append(failure.seed()).append(": ").append(failure.differences().size())
                    .append(" difference(s) (expected = native engine, got = hexsync)\n");
            failure.differences().stream().limit(40).forEach(d -> report.append("  ").append(d).append('\n'));
            report.append("--- scenario (seed ").append(failure.seed()).append(")\n").append(failure.scenario());
            if (failure.nativeResult() != null) {
                report.append("--- native result\n").append(failure.nativeResult());
                report.append("--- hexsync result\n").append(failure.hexsyncResult());
            }
        }
        assertThat(sorted)
                .as("%d of %d generated scenarios differ between the native engine and hexsync; failing seeds %s%s",
                        sorted.size(), CASES, sorted.stream().map(Failure::seed).limit(50).toList(), report)
                .isEmpty();
    }

    private void check(NativeEngine engine, long seed, List<Failure> failures, Map<String, AtomicInteger> explained) {
        long t0 = System.nanoTime();
        String scenario = ScenarioGenerator.generate(seed);
        String nativeResult = null;
        String hexsyncResult = null;
        try {
            long t1 = System.nanoTime();
            nativeResult = ResultJson.print(engine.run(scenario));
            long t2 = System.nanoTime();
            hexsyncResult = ResultJson.print(new ConformanceRunner(new EngineConformanceTarget(new SqliteStorageEngine(new VirtualScheduler())))
                    .run(Scenario.parse(scenario)));
            long t3 = System.nanoTime();
            phases[0].addAndGet(t1 - t0);
            phases[1].addAndGet(t2 - t1);
            phases[2].addAndGet(t3 - t2);
            KnownDifferences.Case run = new KnownDifferences.Case(MAPPER.readTree(scenario), MAPPER.readTree(nativeResult),
                    MAPPER.readTree(hexsyncResult));
            List<String> differences = ResultComparison.differences(run.nativeResult(), run.hexsyncResult());
            List<String> unexplained = KnownDifferences.unexplained(run, differences);
            for (KnownDifferences.KnownDifference known : KnownDifferences.explaining(run, differences)) {
                explained.computeIfAbsent(known.name(), k -> new AtomicInteger()).incrementAndGet();
            }
            if (!unexplained.isEmpty()) {
                failures.add(new Failure(seed, scenario, unexplained, nativeResult, hexsyncResult));
            }
            phases[3].addAndGet(System.nanoTime() - t3);
        } catch (RuntimeException | AssertionError e) {
            failures.add(new Failure(seed, scenario, List.of("crashed: " + e), nativeResult, hexsyncResult));
        }
    }
}
