package dev.hexsync.cli.judge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hexsync.adapters.sqlite.SqliteStorageEngine;
import dev.hexsync.cli.conformance.EngineConformanceTarget;
import dev.hexsync.cli.judge.KnownDifferences.Case;
import dev.hexsync.cli.judge.KnownDifferences.Kind;
import dev.hexsync.cli.judge.KnownDifferences.KnownDifference;
import dev.hexsync.testkit.conformance.ConformanceRunner;
import dev.hexsync.testkit.conformance.ResultComparison;
import dev.hexsync.testkit.conformance.ResultJson;
import dev.hexsync.testkit.conformance.Scenario;
import dev.hexsync.testkit.time.VirtualScheduler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Keeps {@link KnownDifferences} honest. Each entry has evidence: a minimal scenario and the result the
 * oracle (core 0.5.3) gave for it, {@code judge/known-differences/<name>.scenario.json} and
 * {@code .oracle-result.json}. On it:
 * <ul>
 *   <li>{@code ENGINE_VERSION}: hexsync matches the oracle exactly (the entry hides no hexsync bug), and the
 *       native engine still differs from the oracle, only in ways the entry explains (when a newer native
 *       engine agrees, this fails: delete the entry);</li>
 *   <li>{@code HEXSYNC_BUG}: the native engine agrees with the oracle (up to engine-version entries), so
 *       hexsync is the one that is wrong; and hexsync still differs, only in ways the entry explains (when
 *       the bug is fixed, this fails: delete the entry and its evidence).</li>
 * </ul>
 * Differences are oriented as in the differential test: expected = engine, got = hexsync (or the oracle).
 */
class NativeEngineKnownDifferencesTest {
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    @TestFactory
    Stream<DynamicTest> everyKnownDifferenceIsRealAndOracleVerified() {
        return KnownDifferences.ALL.stream().map(known -> DynamicTest.dynamicTest(known.kind() + " " + known.name(),
                () -> check(known)));
    }

    private static void check(KnownDifference known) {
        String scenarioText = resource("judge/known-differences/" + known.name() + ".scenario.json");
        JsonNode scenario = MAPPER.readTree(scenarioText);
        JsonNode oracle = MAPPER.readTree(resource("judge/known-differences/" + known.name() + ".oracle-result.json"));
        assertThat(oracle.path("engine_version").asString("")).as("evidence produced by the oracle").startsWith("0.5.3/");
        assertThat(known.triggeredBy().test(scenario)).as("the evidence scenario triggers %s", known.name()).isTrue();
        JsonNode hexsync = MAPPER.readTree(ResultJson.print(new ConformanceRunner(
                new EngineConformanceTarget(new SqliteStorageEngine(new VirtualScheduler()))).run(Scenario.parse(scenarioText))));

        if (known.kind() == Kind.HEXSYNC_BUG) {
            List<String> differences = ResultComparison.differences(oracle, hexsync);
            assertThat(differences)
                    .as("hexsync now matches the oracle on %s: the bug is fixed, delete its KnownDifferences entry and evidence",
                            known.name())
                    .isNotEmpty();
            assertThat(known.explained(new Case(scenario, oracle, hexsync), differences))
                    .as("every difference of the evidence is explained by %s", known.name())
                    .containsExactlyElementsOf(differences);
        } else {
            assertThat(ResultComparison.differences(oracle, hexsync))
                    .as("hexsync must match the oracle (0.5.3) on the evidence of %s", known.name())
                    .isEmpty();
        }

        NativeEngine.Availability availability = NativeEngine.availability();
        assumeTrue(availability.available(), () -> "Native PowerSync engine not available, skipped: " + availability.reason());
        JsonNode nativeResult = MAPPER.readTree(ResultJson.print(NativeEngine.load().run(scenarioText)));
        Case run = new Case(scenario, nativeResult, oracle);
        List<String> differences = ResultComparison.differences(nativeResult, oracle);
        if (known.kind() == Kind.HEXSYNC_BUG) {
            assertThat(KnownDifferences.unexplained(run, differences, Set.of(Kind.ENGINE_VERSION)))
                    .as("the native engine %s agrees with the oracle on the evidence of %s", availability.version(), known.name())
                    .isEmpty();
        } else {
            assertThat(differences)
                    .as("the native engine %s still differs from the oracle on %s (if not, delete the entry)",
                            availability.version(), known.name())
                    .isNotEmpty();
            assertThat(known.explained(run, differences))
                    .as("every difference of the evidence is explained by %s", known.name())
                    .containsExactlyElementsOf(differences);
        }
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
