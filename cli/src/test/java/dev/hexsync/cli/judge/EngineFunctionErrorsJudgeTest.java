package dev.hexsync.cli.judge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hexsync.adapters.sqlite.SqliteStorageEngine;
import dev.hexsync.cli.conformance.EngineConformanceTarget;
import dev.hexsync.testkit.conformance.ConformanceCase;
import dev.hexsync.testkit.conformance.ConformanceRunner;
import dev.hexsync.testkit.conformance.ResultJson;
import dev.hexsync.testkit.conformance.Scenario;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import dev.hexsync.testkit.time.VirtualScheduler;

/**
 * Errors raised inside the engine's SQL functions, judged by the native engine to the letter: the conformance
 * comparison only asks for an error on both sides, this asks for the same result code and the same message
 * (scenario crud/55: a REAL JSON cannot hold, malformed arguments of powersync_diff, powersync_json_merge and
 * powersync_create_raw_table_crud_trigger).
 */
class EngineFunctionErrorsJudgeTest {
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    @Test
    void codesAndMessagesAreTheNativeEngines() {
        NativeEngine.Availability availability = NativeEngine.availability();
        assumeTrue(availability.available(), () -> "Native PowerSync engine not available, skipped: " + availability.reason());
        ConformanceCase scenario = ConformanceCase.load("crud").stream()
                .filter(c -> c.name().equals("55-engine-function-errors")).findFirst().orElseThrow();

        JsonNode engine = MAPPER.readTree(ResultJson.print(NativeEngine.load().run(scenario.scenario())));
        JsonNode ours = MAPPER.readTree(ResultJson.print(
                new ConformanceRunner(new EngineConformanceTarget(new SqliteStorageEngine(new VirtualScheduler()))).run(Scenario.parse(scenario.scenario()))));

        List<String> engineErrors = errors(engine);
        assertThat(engineErrors).filteredOn(e -> !e.equals("ok")).hasSize(11);
        assertThat(errors(ours)).containsExactlyElementsOf(engineErrors);
        assertThat(ours.get("ps_crud")).isEqualTo(engine.get("ps_crud"));
    }

    private static List<String> errors(JsonNode result) {
        List<String> errors = new ArrayList<>();
        for (JsonNode step : result.get("steps")) {
            errors.add(step.has("error") ? step.get("code") + " " + step.get("error").asString() : "ok");
        }
        return errors;
    }
}
