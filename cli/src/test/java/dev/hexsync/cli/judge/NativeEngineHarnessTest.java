package dev.hexsync.cli.judge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hexsync.testkit.conformance.ResultComparison;
import dev.hexsync.testkit.conformance.ResultJson;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The judge's own plumbing: library lookup, SQL splitting, generator determinism, and that differences are caught. */
class NativeEngineHarnessTest {
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    @Test
    void findsTheLibraryForEachPlatformTheJarShips() {
        assertThat(NativeEngine.resourceName("Linux", "amd64")).contains("libpowersync_x64.linux.so");
        assertThat(NativeEngine.resourceName("Linux", "aarch64")).contains("libpowersync_aarch64.linux.so");
        assertThat(NativeEngine.resourceName("Mac OS X", "aarch64")).contains("libpowersync_aarch64.macos.dylib");
        assertThat(NativeEngine.resourceName("Mac OS X", "x86_64")).contains("libpowersync_x64.macos.dylib");
        assertThat(NativeEngine.resourceName("Windows 11", "amd64")).contains("powersync_x64.dll");
        assertThat(NativeEngine.resourceName("Windows 11", "arm64")).contains("powersync_aarch64.dll");
        assertThat(NativeEngine.resourceName("Linux", "riscv64")).isEmpty();
        assertThat(NativeEngine.resourceName("FreeBSD", "amd64")).isEmpty();
    }

    @Test
    void splitsSqlLikeSqlite() {
        assertThat(NativeEngine.statements("INSERT INTO t VALUES ('a;b'); SELECT \"x;\" FROM t -- c;\n; ;"))
                .containsExactly("INSERT INTO t VALUES ('a;b')", "SELECT \"x;\" FROM t -- c;");
        assertThat(NativeEngine.statements("CREATE TABLE t(x); CREATE TRIGGER tr AFTER INSERT ON t BEGIN SELECT 1; SELECT 2; END; SELECT 3"))
                .containsExactly("CREATE TABLE t(x)", "CREATE TRIGGER tr AFTER INSERT ON t BEGIN SELECT 1; SELECT 2; END", "SELECT 3");
    }

    @Test
    void generatedScenariosAreReproducibleFromTheirSeed() {
        assertThat(ScenarioGenerator.generate(42)).isEqualTo(ScenarioGenerator.generate(42));
        assertThat(ScenarioGenerator.generate(42)).isNotEqualTo(ScenarioGenerator.generate(43));
    }

    @Test
    void reportsEveryDifferenceThatNoKnownDifferenceExplains() {
        NativeEngine.Availability availability = NativeEngine.availability();
        assumeTrue(availability.available(), () -> "Native PowerSync engine not available, skipped: " + availability.reason());
        String scenario = ScenarioGenerator.generate(7);
        Map<String, Object> result = NativeEngine.load().run(scenario);
        JsonNode expected = MAPPER.readTree(ResultJson.print(result));
        ObjectNode tampered = (ObjectNode) MAPPER.readTree(ResultJson.print(result));
        tampered.putArray("ps_crud").addObject().put("tx_id", 99);
        List<String> differences = ResultComparison.differences(expected, tampered);
        assertThat(differences).isNotEmpty();
        KnownDifferences.Case run = new KnownDifferences.Case(MAPPER.readTree(scenario), expected, tampered);
        assertThat(KnownDifferences.unexplained(run, differences)).isEqualTo(differences);
    }

    @Test
    void loadsTheNewestCoreTheJarCarries() {
        NativeEngine.Availability availability = NativeEngine.availability();
        assumeTrue(availability.available(), () -> "Native PowerSync engine not available, skipped: " + availability.reason());
        assertThat(availability.version()).startsWith("0.5.1/");
    }
}
