package dev.hexsync.bootstrap.judge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hexsync.adapters.sqlite.SqliteStorageEngine;
import dev.hexsync.bootstrap.conformance.EngineConformanceTarget;
import dev.hexsync.testkit.conformance.ConformanceRunner;
import dev.hexsync.testkit.conformance.ResultComparison;
import dev.hexsync.testkit.conformance.ResultJson;
import dev.hexsync.testkit.conformance.Scenario;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Keeps {@link KnownDifferences} honest. For each entry, its evidence (a minimal scenario and the result
 * the oracle, core 0.5.3, gave for it: {@code judge/known-differences/<name>.scenario.json} and
 * {@code .oracle-result.json}) must show that
 * <ul>
 *   <li>hexsync matches the oracle exactly (the entry does not hide a hexsync bug),</li>
 *   <li>the native engine differs from the oracle (the entry is still needed: when a newer native engine
 *       fixes it, this fails and the entry should go), and</li>
 *   <li>every one of those differences is explained by this very entry.</li>
 * </ul>
 */
class NativeEngineKnownDifferencesTest {
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    @TestFactory
    Stream<DynamicTest> everyKnownDifferenceIsRealAndOracleVerified() {
        return KnownDifferences.ALL.stream().map(known -> DynamicTest.dynamicTest(known.name(), () -> check(known)));
    }

    private static void check(KnownDifferences.KnownDifference known) {
        String scenarioText = resource("judge/known-differences/" + known.name() + ".scenario.json");
        JsonNode oracle = MAPPER.readTree(resource("judge/known-differences/" + known.name() + ".oracle-result.json"));
        JsonNode scenario = MAPPER.readTree(scenarioText);
        assertThat(known.triggeredBy().test(scenario)).as("the evidence scenario triggers %s", known.name()).isTrue();

        String hexsync = ResultJson.print(new ConformanceRunner(new EngineConformanceTarget(new SqliteStorageEngine()))
                .run(Scenario.parse(scenarioText)));
        assertThat(ResultComparison.differences(oracle, MAPPER.readTree(hexsync)))
                .as("hexsync must match the oracle (0.5.3) on the evidence of %s", known.name())
                .isEmpty();

        NativeEngine.Availability availability = NativeEngine.availability();
        assumeTrue(availability.available(), () -> "Native PowerSync engine not available, skipped: " + availability.reason());
        String nativeResult = ResultJson.print(NativeEngine.load().run(scenarioText));
        // Oriented as in the differential test: expected = native engine, got = the 0.5.3 behaviour.
        List<String> differences = ResultComparison.differences(MAPPER.readTree(nativeResult), oracle);
        assertThat(differences)
                .as("the native engine %s still differs from the oracle on %s (if not, remove the entry)",
                        availability.version(), known.name())
                .isNotEmpty();
        assertThat(differences)
                .as("every difference of the evidence is explained by %s", known.name())
                .allSatisfy(d -> assertThat(known.explains(scenario, d)).as(d).isTrue());
    }

    private static String resource(String path) {
        try (InputStream in = NativeEngineKnownDifferencesTest.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
