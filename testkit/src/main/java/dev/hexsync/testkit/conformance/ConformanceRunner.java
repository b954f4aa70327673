package dev.hexsync.testkit.conformance;

import dev.hexsync.json.Json;
import dev.hexsync.ports.api.SqlRow;
import dev.hexsync.ports.api.WriteContext;
import dev.hexsync.ports.schema.SchemaException;
import dev.hexsync.ports.storage.SqlSession;
import dev.hexsync.ports.storage.StorageException;
import dev.hexsync.ports.sync.EngineControl;
import dev.hexsync.ports.sync.EngineControlException;
import dev.hexsync.schema.json.SchemaJson;
import dev.hexsync.testkit.time.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Runs an oracle scenario through hexsync and builds the result in the oracle's format, so that the two
 * can be compared field by field (see {@link ResultComparison}) or diffed as text.
 *
 * <p>The scenario's schema goes to the storage engine as the PowerSync engine receives it, without the
 * stricter checks of {@code Schema.validate()} that the SDKs (and hexsync's builder) apply first. Steps
 * hexsync does not support yet are reported in the result as errors beginning {@code hexsync:}; they are
 * never skipped silently.
 */
public final class ConformanceRunner {
    /** The engine's sentinel target checkpoint: uploaded, write checkpoint not known yet. */
    private static final long MAX_OP_ID = Long.MAX_VALUE;
    /** The oracle's virtual clock: 2025-01-01T00:00:00Z, one second more before each step. */
    private static final Instant CLOCK_START = Instant.ofEpochMilli(OracleResults.CLOCK_START_MS);
    private static final Duration CLOCK_STEP = Duration.ofMillis(OracleResults.CLOCK_STEP_MS);

    private final ConformanceTarget target;

    public ConformanceRunner(ConformanceTarget target) {
        this.target = target;
    }

    /** Runs {@code scenario} on a fresh database and returns the result tree (print it with {@link ResultJson}). */
    public Map<String, Object> run(Scenario scenario) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("format_version", 1L);
        result.put("engine_version", target.describe());
        result.put("sqlite_version", target.storageVersion());
        ManualClock clock = new ManualClock(CLOCK_START);
        try (SqlSession session = target.openFresh(clock)) {
            EngineControl engine = target.engine(session, clock);
            Object[] lastStatus = {null};
            session.write(tx -> tx.execute("UPDATE ps_kv SET value = ? WHERE key = 'client_id'", scenario.clientId()));
            JsonNode schema = scenario.schema();
            replaceSchema(session, schema).ifPresent(error -> result.put("schema_error", error));
            List<Object> steps = new ArrayList<>();
            for (Scenario.Step step : scenario.steps()) {
                clock.advance(CLOCK_STEP);
                Map<String, Object> outcome = new LinkedHashMap<>();
                outcome.put("op", step.command());
                String operation = OracleResults.controlOperation(step.command()).orElse(null);
                if (operation != null) {
                    Object payload = step.command().equals("line_binary")
                            ? HexFormat.of().parseHex(step.argument().stringValue())
                            : OracleResults.payload(step.argument(), step.rawArgument());
                    outcome.putAll(control(session, engine, operation, payload, lastStatus));
                    steps.add(outcome);
                    continue;
                }
                switch (step.command()) {
                    case "sql" -> outcome.putAll(sql(session, step));
                    case "snapshot" -> outcome.put("state", state(session, schema));
                    case "replace_schema" -> {
                        Optional<Map<String, Object>> error = replaceSchema(session, step.argument());
                        if (error.isPresent()) {
                            outcome.putAll(error.get());
                        } else {
                            outcome.put("value", "");
                            schema = step.argument();
                        }
                    }
                    case "upload" -> outcome.putAll(upload(session, engine, step.argument(), lastStatus));
                    case "control" -> {
                        JsonNode spec = step.argument();
                        Object payload = spec.has("payload_hex")
                                ? HexFormat.of().parseHex(spec.get("payload_hex").stringValue())
                                : OracleResults.payload(spec.get("payload"), step.rawMember("payload"));
                        outcome.putAll(control(session, engine, spec.get("op").stringValue(), payload, lastStatus));
                    }
                    case "advance_clock" -> clock.advance(Duration.ofMillis(Math.round(step.argument().doubleValue() * 1000)));
                    default -> outcome.put("error", unsupported(step.command()));
                }
                steps.add(outcome);
            }
            result.put("steps", steps);
            result.putAll(state(session, schema));
            result.put("last_status", lastStatus[0]);
        }
        return result;
    }

    /** One engine operation in its own transaction, as the SDKs call it. */
    private static Map<String, Object> control(SqlSession session, EngineControl engine, String op, Object payload,
            Object[] lastStatus) {
        try {
            EngineControl.Result result = session.write(tx -> engine.control(op, payload));
            if (result instanceof EngineControl.Result.Instructions instructions) {
                Object parsed = Json.parse(instructions.json());
                rememberStatus(parsed, lastStatus);
                return Map.of("instructions", parsed);
            }
            Map<String, Object> value = new LinkedHashMap<>();
            value.put("value", ((EngineControl.Result.Value) result).value());
            return value;
        } catch (EngineControlException e) {
            return error(e.getMessage(), e.code());
        } catch (StorageException e) {
            return error(e);
        }
    }

    /** Normalises status timestamps and keeps the last status, as the oracle does. */
    @SuppressWarnings("unchecked")
    private static void rememberStatus(Object instructions, Object[] lastStatus) {
        for (Object instruction : (List<Object>) instructions) {
            Object update = ((Map<String, Object>) instruction).get("UpdateSyncStatus");
            if (update instanceof Map<?, ?> body && body.get("status") instanceof Map<?, ?> status) {
                Map<String, Object> typed = (Map<String, Object>) status;
                OracleResults.normaliseStatus(typed);
                lastStatus[0] = typed;
            }
        }
    }

    private static String unsupported(String command) {
        return "hexsync: the '" + command + "' step is not supported yet (it needs the sync engine)";
    }

    private static Optional<Map<String, Object>> replaceSchema(SqlSession session, JsonNode schema) {
        try {
            session.applySchema(SchemaJson.parse(Scenario.MAPPER.writeValueAsString(schema)));
            return Optional.empty();
        } catch (SchemaException e) {
            // The engine rejects malformed schema JSON as an invalid argument (SQLITE_CONSTRAINT_DATATYPE).
            return Optional.of(error(e.getMessage(), 3091));
        } catch (StorageException e) {
            return Optional.of(error(e));
        }
    }

    private static Map<String, Object> sql(SqlSession session, Scenario.Step step) {
        List<String> statements = SqlScript.split(step.argument().stringValue());
        List<Object> params = step.params() == null ? List.of() : OracleResults.parameters(step.params());
        if (!params.isEmpty() && statements.size() > 1) {
            return Map.of("error", "hexsync: \"params\" can only be used with a single SQL statement");
        }
        try {
            List<Object> rows = session.write(tx -> {
                List<Object> all = new ArrayList<>();
                for (String statement : statements) {
                    for (SqlRow row : tx.getAll(statement, params, r -> r)) {
                        all.add(row(row));
                    }
                }
                return all;
            });
            return Map.of("rows", rows);
        } catch (StorageException e) {
            return error(e);
        }
    }

    /** The SDK's work after a successful upload, as the oracle's {@code upload} step does it. */
    private static Map<String, Object> upload(SqlSession session, EngineControl engine, JsonNode spec, Object[] lastStatus) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("removed_crud", 0L);
        result.put("write_checkpoint", null);
        result.put("completed_upload", null);
        JsonNode through = spec == null ? null : spec.get("through");
        JsonNode custom = spec == null ? null : spec.get("custom_write_checkpoint");
        JsonNode writeCheckpoint = spec == null ? null : spec.get("write_checkpoint");
        boolean checkpointRequest = spec != null && spec.has("checkpoint_request") && spec.get("checkpoint_request").asBoolean();
        try {
            long pending = session.read(tx -> tx.get("SELECT count(*) AS n FROM ps_crud").getLong("n"));
            if (pending > 0) {
                long removed = session.write(tx -> {
                    long last = tx.get("SELECT max(id) AS last FROM ps_crud").getLong("last");
                    long upTo = through == null || through.isNull() ? last : through.longValue();
                    long n = tx.get("SELECT count(*) AS n FROM ps_crud WHERE id <= ?", upTo).getLong("n");
                    tx.execute("DELETE FROM ps_crud WHERE id <= ?", upTo);
                    boolean empty = tx.getOptional("SELECT 1 FROM ps_crud LIMIT 1").isEmpty();
                    if (custom != null && !custom.isNull() && empty) {
                        setTarget(tx, checkpointValue(custom));
                        result.put("write_checkpoint", custom.asString());
                    } else {
                        setTarget(tx, MAX_OP_ID);
                    }
                    return n;
                });
                result.put("removed_crud", removed);
            }
            if (session.read(tx -> tx.getOptional("SELECT 1 FROM ps_crud LIMIT 1")).isPresent()) {
                return result;
            }
            Object[] before = session.write(tx -> new Object[] {
                    tx.getOptional("SELECT value FROM ps_kv WHERE key = 'target_checkpoint_request_id'")
                            .map(r -> r.get("value")).orElse(null),
                    tx.getOptional("SELECT seq FROM sqlite_sequence WHERE name = 'ps_crud'").map(r -> r.get("seq")).orElse(null)});
            if (!(before[0] instanceof Long targetValue) || targetValue != MAX_OP_ID || before[1] == null) {
                return result;
            }
            Object checkpoint = writeCheckpoint == null || writeCheckpoint.isNull() ? null
                    : writeCheckpoint.isNumber() ? (Object) writeCheckpoint.longValue() : writeCheckpoint.asString();
            if (checkpointRequest) {
                try {
                    checkpoint = ((EngineControl.Result.Value) session.write(
                            tx -> engine.control("next_checkpoint_request_id", null))).value();
                } catch (EngineControlException e) {
                    result.putAll(error(e.getMessage(), e.code()));
                    return result;
                }
            }
            if (checkpoint == null) {
                return result;
            }
            Object installedCheckpoint = checkpoint;
            boolean installed = session.write(tx -> {
                boolean busy = tx.getOptional("SELECT 1 FROM ps_crud LIMIT 1").isPresent();
                Object seq = tx.getOptional("SELECT seq FROM sqlite_sequence WHERE name = 'ps_crud'")
                        .map(r -> r.get("seq")).orElse(null);
                if (busy || !before[1].equals(seq)) {
                    return false;
                }
                setTarget(tx, installedCheckpoint instanceof Long l ? l : Long.parseLong(installedCheckpoint.toString()));
                return true;
            });
            if (installed) {
                result.put("write_checkpoint", installedCheckpoint.toString());
                result.put("completed_upload", control(session, engine, "completed_upload", null, lastStatus));
            }
            return result;
        } catch (StorageException e) {
            result.putAll(error(e));
            return result;
        }
    }

    private static long checkpointValue(JsonNode value) {
        return value.isNumber() ? value.longValue() : Long.parseLong(value.asString());
    }

    private static void setTarget(WriteContext tx, long value) {
        tx.execute("INSERT OR REPLACE INTO ps_kv(key, value) VALUES ('target_checkpoint_request_id', ?)", value);
    }

    /** The final (or snapshot) state, in the oracle's layout. */
    private static Map<String, Object> state(SqlSession session, JsonNode schema) {
        return session.read(tx -> OracleResults.state((sql, params) -> {
            try {
                List<Map<String, Object>> rows = new ArrayList<>();
                for (SqlRow row : tx.getAll(sql, params, r -> r)) {
                    rows.add(row(row));
                }
                return rows;
            } catch (StorageException e) {
                throw new OracleResults.QueryFailure(error(e), e);
            }
        }, schema, "hexsync"));
    }

    private static Map<String, Object> row(SqlRow row) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < row.size(); i++) {
            values.put(row.columns().get(i), row.get(i));
        }
        return values;
    }

    private static Map<String, Object> error(StorageException e) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("error", e.getMessage());
        e.vendorCode().ifPresent(code -> error.put("code", (long) code));
        return error;
    }

    private static Map<String, Object> error(String message, long code) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("error", message);
        error.put("code", code);
        return error;
    }
}
