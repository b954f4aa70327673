package dev.hexsync.cli.judge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hexsync.testkit.conformance.ConformanceCase;
import dev.hexsync.testkit.conformance.ResultComparison;
import dev.hexsync.testkit.conformance.ResultJson;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Checks the judge itself: every committed conformance scenario (whose expected result the oracle, core
 * 0.5.3, produced) run on the native engine through {@link NativeEngine} gives the oracle's result, except
 * for the {@link KnownDifferences} of kind {@code ENGINE_VERSION} (core 0.5.1 versus 0.5.3). This is what shows that the harness
 * runs a scenario as the oracle does (transactions, upload step, clock, state collection).
 */
class NativeEngineConformanceTest {
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    @TestFactory
    Stream<DynamicTest> crud() {
        return cases("crud");
    }

    @TestFactory
    Stream<DynamicTest> sync() {
        return cases("sync");
    }

    private static Stream<DynamicTest> cases(String suite) {
        return ConformanceCase.load(suite).stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> check(c)));
    }

    private static void check(ConformanceCase conformanceCase) {
        NativeEngine.Availability availability = NativeEngine.availability();
        assumeTrue(availability.available(), () -> "Native PowerSync engine not available, skipped: " + availability.reason());
        String actual = ResultJson.print(NativeEngine.load().run(conformanceCase.scenario()));
        // Oriented as in the differential test: expected = native engine, got = the 0.5.3 behaviour.
        KnownDifferences.Case run = new KnownDifferences.Case(MAPPER.readTree(conformanceCase.scenario()),
                MAPPER.readTree(actual), MAPPER.readTree(conformanceCase.expectedResult()));
        List<String> differences = KnownDifferences.unexplained(run,
                ResultComparison.differences(run.nativeResult(), run.hexsyncResult()),
                Set.of(KnownDifferences.Kind.ENGINE_VERSION));
        assertThat(differences)
                .as("%s/%s: the native engine (%s) differs from the oracle's stored result; native result:%n%s",
                        conformanceCase.suite(), conformanceCase.name(), availability.version(), actual)
                .isEmpty();
    }
}
