package dev.hexsync.bootstrap.judge;

import dev.hexsync.adapters.sqlite.SqliteStorageEngine;
import dev.hexsync.bootstrap.conformance.EngineConformanceTarget;
import dev.hexsync.testkit.conformance.ConformanceRunner;
import dev.hexsync.testkit.conformance.ResultJson;
import dev.hexsync.testkit.conformance.Scenario;
import java.util.*;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ScratchStatsTest {
    @Test
    void stats() {
        JsonMapper mapper = JsonMapper.builder().build();
        NativeEngine engine = NativeEngine.load();
        int n = Integer.getInteger("judge.cases", 300);
        long tn = 0, th = 0, tg = 0;
        Map<String, Integer> ops = new TreeMap<>();
        Map<String, Integer> errors = new TreeMap<>();
        int steps = 0, applied = 0, rowsTotal = 0, crud = 0;
        int[] dumped = {0};
        for (int i = 0; i < n; i++) {
            long t0 = System.nanoTime();
            String s = ScenarioGenerator.generate(1000 + i);
            long t1 = System.nanoTime();
            String nat = ResultJson.print(engine.run(s));
            long t2 = System.nanoTime();
            String hex = ResultJson.print(new ConformanceRunner(new EngineConformanceTarget(new SqliteStorageEngine())).run(Scenario.parse(s)));
            long t3 = System.nanoTime();
            if (i >= n / 3) { tg += t1 - t0; tn += t2 - t1; th += t3 - t2; }
            JsonNode r = mapper.readTree(nat);
            JsonNode scen = mapper.readTree(s);
            String lastEnd = "none";
            int idx = 0;
            for (JsonNode st : r.get("steps").values()) {
                JsonNode src = scen.get("steps").get(idx++);
                if (st.has("error") && st.get("error").asString().contains("No iteration")) { errors.merge("NOITER after " + lastEnd, 1, Integer::sum); }
                if (st.toString().contains("CloseSyncStream") && src.has("line") && src.toString().contains("checkpoint_complete") && dumped[0]++ < 3) {
                    System.out.println("DUMP seed " + (1000 + i) + " step " + (idx - 1) + " " + st);
                    System.out.println(s);
                }
                if (st.toString().contains("CloseSyncStream") || (st.has("error") && st.get("error").asString().contains("protocol"))) {
                    String k = src.toString(); lastEnd = k.substring(0, Math.min(60, k.length()));
                    if (st.toString().contains("Checksum mismatch") || st.toString().contains("checksum")) lastEnd = "checksum " + lastEnd.substring(0, 30);
                    lastEnd = lastEnd.replaceAll("[0-9]+", "N");
                }
                if (src.has("start")) lastEnd = "none";
                steps++;
                ops.merge(st.get("op").asString(), 1, Integer::sum);
                if (st.has("error")) errors.merge(st.get("error").asString().replaceAll("[0-9]+", "N").substring(0, Math.min(90, st.get("error").asString().length())), 1, Integer::sum);
                if (st.toString().contains("DidCompleteSync") || st.toString().contains("\"has_synced\":true")) applied++;
            }
            for (JsonNode t : r.get("tables").values()) rowsTotal += t.size();
            crud += r.get("ps_crud").size();
        }
        System.out.printf("gen %d ms, native %d ms, hexsync %d ms (last 2/3)%n", tg / 1000000, tn / 1000000, th / 1000000);
        System.out.println("steps " + steps + " applied-ish " + applied + " rows " + rowsTotal + " crud " + crud);
        System.out.println("ops " + ops);
        errors.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue()).limit(25).forEach(e -> System.out.println("  " + e.getValue() + "  " + e.getKey()));
    }
}
