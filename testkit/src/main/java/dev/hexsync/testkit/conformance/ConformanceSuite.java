package dev.hexsync.testkit.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import tools.jackson.databind.JsonNode;

/**
 * The conformance suite every hexsync wiring runs: each scenario of the committed suites is run through
 * {@link #target()} and its result compared with what the real PowerSync engine produced. Subclasses
 * provide the target; suites added later (sync, streams) get test factories here.
 */
public abstract class ConformanceSuite {

    /** The wiring under test. */
    protected abstract ConformanceTarget target();

    @TestFactory
    Stream<DynamicTest> crud() {
        return cases("crud");
    }

    @TestFactory
    Stream<DynamicTest> sync() {
        return cases("sync");
    }

    @TestFactory
    Stream<DynamicTest> streams() {
        return cases("streams");
    }

    protected final Stream<DynamicTest> cases(String suite) {
        return ConformanceCase.load(suite).stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> check(c)));
    }

    private void check(ConformanceCase conformanceCase) {
        Scenario scenario = Scenario.parse(conformanceCase.scenario());
        String actual = ResultJson.print(new ConformanceRunner(target()).run(scenario));
        JsonNode expected = Scenario.MAPPER.readTree(conformanceCase.expectedResult());
        List<String> differences = ResultComparison.differences(expected, Scenario.MAPPER.readTree(actual));
        assertThat(differences)
                .as("%s/%s differs from the engine; hexsync's result:%n%s", conformanceCase.suite(), conformanceCase.name(), actual)
                .isEmpty();
    }
}
