package dev.hexsync.bootstrap.judge;

import dev.hexsync.testkit.conformance.ConformanceCase;
import dev.hexsync.testkit.conformance.ResultComparison;
import dev.hexsync.testkit.conformance.ResultJson;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class ScratchNativeTest {
    @Test
    void compare() {
        JsonMapper mapper = JsonMapper.builder().build();
        NativeEngine engine = NativeEngine.load();
        System.out.println("VERSION " + NativeEngine.availability().version());
        for (String suite : List.of("crud", "sync")) {
            for (ConformanceCase c : ConformanceCase.load(suite)) {
                String actual;
                try {
                    actual = ResultJson.print(engine.run(c.scenario()));
                } catch (RuntimeException e) {
                    System.out.println("CASE " + suite + "/" + c.name() + " CRASH " + e);
                    e.printStackTrace(System.out);
                    continue;
                }
                List<String> d = ResultComparison.differences(mapper.readTree(c.expectedResult()), mapper.readTree(actual));
                System.out.println("CASE " + suite + "/" + c.name() + " " + d.size());
                for (String x : d.subList(0, Math.min(8, d.size()))) System.out.println("   " + x);
            }
        }
    }
}
