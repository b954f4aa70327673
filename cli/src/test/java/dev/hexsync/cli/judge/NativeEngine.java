package dev.hexsync.cli.judge;

import dev.hexsync.json.JsonSource;
import dev.hexsync.testkit.conformance.OracleResults;
import dev.hexsync.testkit.conformance.Scenario;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sqlite.Function;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteConnection;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The native PowerSync engine ({@code powersync-sqlite-core}, the Rust SQLite extension every official
 * SDK uses) as a judge: it runs an oracle scenario on an in-memory sqlite-jdbc database with the
 * extension loaded and returns the result in the oracle's format (print it with
 * {@code ResultJson.print}), so a hexsync result can be compared with it field by field.
 *
 * <p>The engine comes from {@code com.powersync:common-jvm} (test scope only), which carries it as
 * classpath resources {@code libpowersync_<arch>.<os>.so|dylib} / {@code powersync_<arch>.dll}. The one
 * for the running platform is extracted to a temporary file once per JVM; on a platform without a build
 * (or where it cannot be loaded) {@link #availability()} says why, and tests skip with that reason.
 *
 * <p>A scenario runs exactly as the oracle ({@code shared/oracle/oracle.mjs}) runs it: setup
 * ({@code powersync_init()}, the fixed client id, {@code powersync_replace_schema}; the database starts as
 * a copy of one the engine has already migrated, see {@link #initialised}) and then every engine
 * call and every {@code sql} step in its own transaction ({@code BEGIN} … {@code COMMIT}, {@code ROLLBACK}
 * on an error), the {@code upload} step as the SDKs do it after a successful upload, and the final state
 * read from the same tables in the same order. Like the oracle, the engine runs on a <em>virtual clock</em>:
 * SQLite's {@code unixepoch} (which the engine reads for every timestamp) is replaced on the connection by
 * one that starts at 2025-01-01T00:00:00Z and advances by one second before each step
 * ({@code advance_clock} moves it further); timestamps are also normalised to {@code "<timestamp>"}.
 *
 * <p>Supported: every step of the oracle's scenario format ({@code start}, {@code line},
 * {@code line_binary}, {@code connection}, {@code completed_upload}, {@code refreshed_token}, {@code stop},
 * {@code subscriptions}, {@code update_subscriptions}, the checkpoint request steps, {@code control},
 * {@code sql}, {@code upload}, {@code snapshot}, {@code advance_clock}, {@code replace_schema}). Limits:
 * {@code sql} steps are split into statements at top-level semicolons (quotes, identifiers, comments and
 * {@code CREATE TRIGGER} bodies respected) rather than by SQLite's own prepare-with-tail; sqlite-jdbc's
 * SQLite accepts double-quoted string literals, which the oracle's build rejects; the SQLite is
 * sqlite-jdbc's (the one hexsync runs on), not the oracle's 3.53.0 wasm build.
 */
public final class NativeEngine {
    /** The oracle's virtual clock: 2025-01-01T00:00:00Z, one second more before each step. */
    private static final long MAX_OP_ID = Long.MAX_VALUE;

    /** sqlite-jdbc formats messages as "[CODE_NAME] generic description (sqlite's message)". */
    private static final Pattern DRIVER_MESSAGE = Pattern.compile("^\\[[A-Z0-9_]+\\]\\s.*?\\((.*)\\)$", Pattern.DOTALL);

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
            .build();

    private static volatile Availability availability;

    /** Whether the native engine can run here: the extracted library, or why not. */
    public record Availability(Optional<Path> library, String version, String reason) {
        public boolean available() {
            return library.isPresent();
        }
    }

    private static volatile NativeEngine loaded;

    private final Path library;
    /**
     * An empty database right after {@code powersync_init()} (the engine's migrations 1..14), serialised.
     * Each run starts from a copy of it: running the migrations' DDL costs milliseconds per database, the
     * copy microseconds. The run still calls {@code powersync_init()} as the oracle does; on the copy it
     * finds the layout current and only does its per-connection part (the close hook).
     */
    private final byte[] initialised;

    private NativeEngine(Path library, byte[] initialised) {
        this.library = library;
        this.initialised = initialised;
    }

    /** The native engine for this platform; fails (with the reason) when there is none. */
    public static NativeEngine load() {
        NativeEngine engine = loaded;
        if (engine == null) {
            synchronized (NativeEngine.class) {
                engine = loaded;
                if (engine == null) {
                    Availability found = availability();
                    Path library = found.library().orElseThrow(() -> new IllegalStateException(found.reason()));
                    engine = new NativeEngine(library, initialisedImage(library));
                    loaded = engine;
                }
            }
        }
        return engine;
    }

    private static byte[] initialisedImage(Path library) {
        try (SQLiteConnection connection = new NativeEngine(library, null).open(new long[] {OracleResults.CLOCK_START_MS});
                Statement statement = connection.createStatement()) {
            statement.execute("BEGIN");
            statement.executeQuery("SELECT powersync_init()").close();
            statement.execute("COMMIT");
            return connection.serialize("main");
        } catch (SQLException e) {
            throw new IllegalStateException("judge: powersync_init() failed on an empty database: " + e.getMessage(), e);
        }
    }

    /** Finds, extracts and test-loads the engine for the running OS and architecture (once per JVM). */
    public static Availability availability() {
        Availability found = availability;
        if (found == null) {
            synchronized (NativeEngine.class) {
                found = availability;
                if (found == null) {
                    found = probe();
                    availability = found;
                }
            }
        }
        return found;
    }

    /** The classpath resource holding the engine for an OS and architecture, if the jar has one. */
    static Optional<String> resourceName(String osName, String osArch) {
        String os = osName.toLowerCase(Locale.ROOT);
        String arch = switch (osArch.toLowerCase(Locale.ROOT)) {
            case "amd64", "x86_64", "x64" -> "x64";
            case "aarch64", "arm64" -> "aarch64";
            default -> null;
        };
        if (arch == null) {
            return Optional.empty();
        }
        if (os.startsWith("linux")) {
            return Optional.of("libpowersync_" + arch + ".linux.so");
        }
        if (os.startsWith("mac") || os.startsWith("darwin")) {
            return Optional.of("libpowersync_" + arch + ".macos.dylib");
        }
        if (os.startsWith("windows")) {
            return Optional.of("powersync_" + arch + ".dll");
        }
        return Optional.empty();
    }

    private static Availability probe() {
        String osName = System.getProperty("os.name", "?");
        String osArch = System.getProperty("os.arch", "?");
        Optional<String> resource = resourceName(osName, osArch);
        if (resource.isEmpty()) {
            return new Availability(Optional.empty(), null,
                    "com.powersync:common-jvm has no native PowerSync engine for " + osName + "/" + osArch);
        }
        Path extracted;
        try (InputStream in = NativeEngine.class.getClassLoader().getResourceAsStream(resource.get())) {
            if (in == null) {
                return new Availability(Optional.empty(), null, "the native PowerSync engine " + resource.get()
                        + " for " + osName + "/" + osArch + " is not on the test classpath (com.powersync:common-jvm)");
            }
            String name = resource.get();
            extracted = Files.createTempFile("hexsync-judge-", name.substring(name.indexOf('.')));
            extracted.toFile().deleteOnExit();
            Files.copy(in, extracted, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            return new Availability(Optional.empty(), null, "cannot extract " + resource.get() + ": " + e);
        }
        try (Connection connection = new NativeEngine(extracted, null).open(new long[] {OracleResults.CLOCK_START_MS});
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT powersync_rs_version()")) {
            rs.next();
            return new Availability(Optional.of(extracted), rs.getString(1), "available");
        } catch (SQLException | RuntimeException | LinkageError e) {
            return new Availability(Optional.empty(), null, "the native PowerSync engine " + resource.get()
                    + " cannot be loaded on " + osName + "/" + osArch + ": " + e);
        }
    }

    /**
     * Opens an in-memory database with the engine loaded and {@code unixepoch} reading {@code clock[0]};
     * it holds a copy of the initialised image when there is one, else it is empty.
     */
    private SQLiteConnection open(long[] clock) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.enableLoadExtension(true);
        SQLiteConnection connection = (SQLiteConnection) config.createConnection("jdbc:sqlite::memory:");
        try {
            Function.create(connection, "unixepoch", new VirtualUnixEpoch(clock));
            try (PreparedStatement load = connection.prepareStatement("SELECT load_extension(?, 'sqlite3_powersync_init')")) {
                load.setString(1, library.toString());
                load.executeQuery().close();
            }
            if (initialised != null) {
                connection.deserialize("main", initialised.clone());
            }
            return connection;
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    /**
     * SQLite's {@code unixepoch} on the virtual clock. The engine only asks for {@code unixepoch('subsec')};
     * a numeric first argument (a time value) is converted as SQLite does.
     */
    private static final class VirtualUnixEpoch extends Function {
        private final long[] clock;

        VirtualUnixEpoch(long[] clock) {
            this.clock = clock;
        }

        @Override
        protected void xFunc() throws SQLException {
            long millis = clock[0];
            boolean subsec = false;
            for (int i = 0; i < args(); i++) {
                String arg = value_text(i);
                if (arg == null) {
                    result();
                    return;
                }
                String folded = arg.trim().toLowerCase(Locale.ROOT);
                if (folded.equals("subsec") || folded.equals("subsecond")) {
                    subsec = true;
                } else if (folded.equals("now")) {
                    millis = clock[0];
                } else if (i == 0) {
                    try {
                        millis = Math.round(Double.parseDouble(arg) * 1000);
                    } catch (NumberFormatException e) {
                        throw new SQLException("judge: virtual unixepoch cannot read the time value '" + arg + "'");
                    }
                } else {
                    throw new SQLException("judge: virtual unixepoch does not support the modifier '" + arg + "'");
                }
            }
            if (subsec) {
                result(millis / 1000.0);
            } else {
                result(Math.floorDiv(millis, 1000L));
            }
        }
    }

    /** Runs a scenario (JSON text in the oracle's format) on a fresh database; the result in the oracle's layout. */
    public Map<String, Object> run(String scenarioText) {
        Scenario scenario = Scenario.parse(scenarioText);
        long[] clock = {OracleResults.CLOCK_START_MS};
        try (Connection connection = open(clock)) {
            return new Run(connection, scenario, scenarioText, clock).run();
        } catch (SQLException e) {
            throw new IllegalStateException("judge: cannot open the native engine: " + e.getMessage(), e);
        }
    }

    /** One scenario on one connection. */
    private static final class Run {
        private final Connection connection;
        private final Scenario scenario;
        private final long[] clock;
        private JsonNode schema;
        private Object lastStatus;

        /** The schema as the oracle hands it to the engine: the compact form of its source text. */
        private final String schemaText;

        Run(Connection connection, Scenario scenario, String scenarioText, long[] clock) {
            this.connection = connection;
            this.scenario = scenario;
            this.clock = clock;
            this.schema = scenario.schema();
            String source = JsonSource.members(scenarioText).get("schema");
            this.schemaText = source == null ? "{\"tables\":[]}" : JsonSource.compact(source);
        }

        Map<String, Object> run() throws SQLException {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("format_version", 1L);
            Map<String, Object> versions = query("SELECT powersync_rs_version() AS engine, sqlite_version() AS sqlite", List.of()).get(0);
            result.put("engine_version", versions.get("engine"));
            result.put("sqlite_version", versions.get("sqlite"));
            transaction(() -> query("SELECT powersync_init()", List.of()));
            transaction(() -> query("UPDATE ps_kv SET value = ? WHERE key = 'client_id'", List.of(scenario.clientId())));
            try {
                transaction(() -> query("SELECT powersync_replace_schema(?)", List.of(schemaText)));
            } catch (SQLException e) {
                result.put("schema_error", error(e));
            }
            List<Object> steps = new ArrayList<>();
            for (Scenario.Step step : scenario.steps()) {
                clock[0] += OracleResults.CLOCK_STEP_MS;
                Map<String, Object> outcome = new LinkedHashMap<>();
                outcome.put("op", step.command());
                outcome.putAll(step(step));
                steps.add(outcome);
            }
            result.put("steps", steps);
            result.putAll(state());
            result.put("last_status", lastStatus);
            return result;
        }

        private Map<String, Object> step(Scenario.Step step) throws SQLException {
            String operation = OracleResults.controlOperation(step.command()).orElse(null);
            if (operation != null) {
                Object payload = step.command().equals("line_binary")
                        ? HexFormat.of().parseHex(step.argument().stringValue())
                        : OracleResults.payload(step.argument(), step.rawArgument());
                return control(operation, payload);
            }
            switch (step.command()) {
                case "control" -> {
                    JsonNode spec = step.argument();
                    Object payload = spec.has("payload_hex")
                            ? HexFormat.of().parseHex(spec.get("payload_hex").stringValue())
                            : OracleResults.payload(spec.get("payload"), step.rawMember("payload"));
                    return control(spec.get("op").stringValue(), payload);
                }
                case "sql" -> {
                    return sql(step.argument().stringValue(), step.params());
                }
                case "upload" -> {
                    return upload(step.argument() == null || step.argument().isNull() ? null : step.argument());
                }
                case "snapshot" -> {
                    return Map.of("state", state());
                }
                case "advance_clock" -> {
                    clock[0] += Math.round(step.argument().doubleValue() * 1000);
                    return Map.of();
                }
                case "replace_schema" -> {
                    try {
                        List<Map<String, Object>> rows = transaction(() -> query("SELECT powersync_replace_schema(?) AS result",
                                List.of(JsonSource.compact(step.rawArgument()))));
                        schema = step.argument();
                        Map<String, Object> value = new LinkedHashMap<>();
                        value.put("value", rows.get(0).get("result"));
                        return value;
                    } catch (SQLException e) {
                        return error(e);
                    }
                }
                default -> throw new IllegalArgumentException("judge: unknown step " + step.command());
            }
        }

        // --- engine calls -------------------------------------------------------------------------------

        /** One powersync_control call in its own transaction, as the SDKs do it. */
        private Map<String, Object> control(String op, Object payload) {
            try {
                Object raw = transaction(() -> controlInTransaction(op, payload));
                return controlResult(raw);
            } catch (SQLException e) {
                return error(e);
            }
        }

        private Object controlInTransaction(String op, Object payload) throws SQLException {
            List<Object> params = new ArrayList<>();
            params.add(op);
            params.add(payload);
            return query("SELECT powersync_control(?, ?) AS result", params).get(0).get("result");
        }

        /** Parses what powersync_control returned and remembers the last sync status (normalised). */
        @SuppressWarnings("unchecked")
        private Map<String, Object> controlResult(Object raw) {
            Map<String, Object> out = new LinkedHashMap<>();
            if (raw instanceof String text) {
                JsonNode parsed;
                try {
                    parsed = MAPPER.readTree(text);
                } catch (JacksonException e) {
                    out.put("value", raw);
                    return out;
                }
                if (parsed == null || parsed.isMissingNode()) {
                    out.put("value", raw);
                    return out;
                }
                Object tree = tree(parsed);
                if (tree instanceof List<?> instructions) {
                    for (Object instruction : instructions) {
                        if (instruction instanceof Map<?, ?> map && map.get("UpdateSyncStatus") instanceof Map<?, ?> update
                                && update.get("status") instanceof Map<?, ?> status) {
                            OracleResults.normaliseStatus((Map<String, Object>) status);
                            lastStatus = status;
                        }
                    }
                    out.put("instructions", tree);
                    return out;
                }
                out.put("value", tree);
                return out;
            }
            out.put("value", raw);
            return out;
        }

        // --- sql and upload steps -----------------------------------------------------------------------

        private Map<String, Object> sql(String text, JsonNode params) {
            List<String> statements = statements(text);
            List<Object> values = params == null ? List.of() : OracleResults.parameters(params);
            if (!values.isEmpty() && statements.size() > 1) {
                return Map.of("error", "oracle: \"params\" can only be used with a single SQL statement");
            }
            try {
                List<Map<String, Object>> rows = transaction(() -> {
                    List<Map<String, Object>> all = new ArrayList<>();
                    for (String statement : statements) {
                        all.addAll(query(statement, values));
                    }
                    return all;
                });
                return Map.of("rows", rows);
            } catch (SQLException e) {
                return error(e);
            }
        }

        /** What an SDK does after its upload handler succeeded, exactly as the oracle's upload step. */
        private Map<String, Object> upload(JsonNode spec) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("removed_crud", 0L);
            result.put("write_checkpoint", null);
            result.put("completed_upload", null);
            JsonNode through = spec == null ? null : spec.get("through");
            JsonNode custom = spec == null ? null : spec.get("custom_write_checkpoint");
            JsonNode writeCheckpoint = spec == null ? null : spec.get("write_checkpoint");
            boolean checkpointRequest = spec != null && spec.has("checkpoint_request") && spec.get("checkpoint_request").asBoolean();
            try {
                long pending = number(query("SELECT count(*) AS n FROM ps_crud", List.of()).get(0).get("n"));
                if (pending > 0) {
                    long removed = transaction(() -> {
                        long last = number(query("SELECT max(id) AS last FROM ps_crud", List.of()).get(0).get("last"));
                        long upTo = through == null || through.isNull() ? last : through.longValue();
                        long n = number(query("SELECT count(*) AS n FROM ps_crud WHERE id <= ?", List.of(upTo)).get(0).get("n"));
                        query("DELETE FROM ps_crud WHERE id <= ?", List.of(upTo));
                        boolean empty = query("SELECT 1 FROM ps_crud LIMIT 1", List.of()).isEmpty();
                        if (custom != null && !custom.isNull() && empty) {
                            controlInTransaction("target_checkpoint_request_id", OracleResults.payload(custom, null));
                            result.put("write_checkpoint", custom.isNumber() ? custom.numberValue().toString() : custom.asString());
                        } else {
                            controlInTransaction("target_checkpoint_request_id", MAX_OP_ID);
                        }
                        return n;
                    });
                    result.put("removed_crud", removed);
                }
                if (!query("SELECT 1 FROM ps_crud LIMIT 1", List.of()).isEmpty()) {
                    return result;
                }
                Object[] before = transaction(() -> new Object[] {
                        controlInTransaction("target_checkpoint_request_id", null),
                        sequence()});
                if (before[0] == null || !new BigInteger(before[0].toString()).equals(BigInteger.valueOf(MAX_OP_ID))
                        || before[1] == null) {
                    return result;
                }
                Object checkpoint = writeCheckpoint == null || writeCheckpoint.isNull() ? null : OracleResults.payload(writeCheckpoint, null);
                if (checkpointRequest) {
                    checkpoint = transaction(() -> controlInTransaction("next_checkpoint_request_id", null));
                }
                if (checkpoint == null) {
                    return result;
                }
                Object installing = checkpoint;
                boolean installed = transaction(() -> {
                    boolean busy = !query("SELECT 1 FROM ps_crud LIMIT 1", List.of()).isEmpty();
                    if (busy || !before[1].equals(sequence())) {
                        return false;
                    }
                    controlInTransaction("target_checkpoint_request_id", installing);
                    return true;
                });
                if (!installed) {
                    return result;
                }
                result.put("write_checkpoint", checkpoint.toString());
                result.put("completed_upload", control("completed_upload", null));
                return result;
            } catch (SQLException e) {
                result.putAll(error(e));
                return result;
            }
        }

        private Object sequence() throws SQLException {
            List<Map<String, Object>> rows = query("SELECT seq FROM main.sqlite_sequence WHERE name = 'ps_crud'", List.of());
            return rows.isEmpty() ? null : rows.get(0).get("seq");
        }

        private static long number(Object value) {
            return value == null ? 0L : ((Number) value).longValue();
        }

        // --- state --------------------------------------------------------------------------------------

        /** The final (or snapshot) state, in the oracle's layout, built as hexsync's runner builds it. */
        private Map<String, Object> state() throws SQLException {
            try {
                return OracleResults.state((sql, params) -> {
                    try {
                        return query(sql, new ArrayList<>(params));
                    } catch (SQLException e) {
                        throw new OracleResults.QueryFailure(error(e), e);
                    }
                }, schema, "oracle");
            } catch (OracleResults.QueryFailure e) {
                if (e.getCause() instanceof SQLException refused) {
                    throw refused;
                }
                throw e;
            }
        }

        // --- SQL plumbing -------------------------------------------------------------------------------

        private interface SqlWork<T> {
            T run() throws SQLException;
        }

        /** Runs work inside BEGIN/COMMIT; rolls back and rethrows if it fails. */
        private <T> T transaction(SqlWork<T> work) throws SQLException {
            try (Statement statement = connection.createStatement()) {
                statement.execute("BEGIN");
                try {
                    T result = work.run();
                    statement.execute("COMMIT");
                    return result;
                } catch (SQLException | RuntimeException e) {
                    try {
                        statement.execute("ROLLBACK");
                    } catch (SQLException alreadyRolledBack) {
                        // SQLite may already have rolled back.
                    }
                    throw e;
                }
            }
        }

        /** Runs one statement and returns its rows as column-ordered maps of SQLite values. */
        private List<Map<String, Object>> query(String sql, List<Object> params) throws SQLException {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                for (int i = 0; i < params.size(); i++) {
                    bind(statement, i + 1, params.get(i));
                }
                List<Map<String, Object>> rows = new ArrayList<>();
                if (!statement.execute()) {
                    return rows;
                }
                try (ResultSet rs = statement.getResultSet()) {
                    ResultSetMetaData meta = rs.getMetaData();
                    int columns = meta.getColumnCount();
                    while (rs.next()) {
                        Map<String, Object> row = new LinkedHashMap<>();
                        for (int c = 1; c <= columns; c++) {
                            row.put(meta.getColumnLabel(c), value(rs.getObject(c)));
                        }
                        rows.add(row);
                    }
                }
                return rows;
            }
        }

        private static void bind(PreparedStatement statement, int index, Object value) throws SQLException {
            if (value == null) {
                statement.setNull(index, java.sql.Types.NULL);
            } else if (value instanceof Long l) {
                statement.setLong(index, l);
            } else if (value instanceof Double d) {
                statement.setDouble(index, d);
            } else if (value instanceof byte[] bytes) {
                statement.setBytes(index, bytes);
            } else {
                statement.setString(index, value.toString());
            }
        }

        /** SQLite values as the result format holds them: INTEGER as Long, REAL as Double, TEXT, BLOB, NULL. */
        private static Object value(Object jdbc) {
            if (jdbc instanceof Integer i) {
                return i.longValue();
            }
            if (jdbc instanceof Float f) {
                return f.doubleValue();
            }
            return jdbc;
        }

        private static Map<String, Object> error(SQLException e) {
            Map<String, Object> error = new LinkedHashMap<>();
            String message = e.getMessage() == null ? e.toString() : e.getMessage();
            Matcher matcher = DRIVER_MESSAGE.matcher(message);
            error.put("error", matcher.matches() ? matcher.group(1) : message);
            if (e instanceof SQLiteException sqlite && sqlite.getResultCode() != SQLiteErrorCode.UNKNOWN_ERROR) {
                error.put("code", (long) sqlite.getResultCode().code);
            } else if (e.getErrorCode() != 0) {
                error.put("code", (long) e.getErrorCode());
            }
            return error;
        }
    }

    // --- scenario values ---------------------------------------------------------------------------------

    /** Engine output (JSON) as a result tree: objects, arrays, strings, booleans, null, exact numbers. */
    static Object tree(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> entry : node.properties()) {
                map.put(entry.getKey(), tree(entry.getValue()));
            }
            return map;
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>();
            for (JsonNode element : node.values()) {
                list.add(tree(element));
            }
            return list;
        }
        if (node.isString()) {
            return node.stringValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isIntegralNumber()) {
            return node.bigIntegerValue();
        }
        if (node.isNumber()) {
            return node.doubleValue();
        }
        throw new IllegalArgumentException("judge: unexpected JSON " + node);
    }

    /**
     * Splits SQL text into statements at top-level semicolons, as SQLite's prepare-with-tail would: quoted
     * strings and identifiers ({@code '…'}, {@code "…"}, {@code `…`}, {@code […]}), comments and trigger
     * bodies are skipped over. Blank statements are dropped.
     */
    static List<String> statements(String sql) {
        return dev.hexsync.testkit.conformance.SqlScript.split(sql);
    }

    /**
     * Whether a semicolon after {@code text} is inside a {@code CREATE TRIGGER} body, which (as for
     * {@code sqlite3_complete}) only ends at a semicolon right after the keyword {@code END}.
     */
    private static boolean insideTrigger(CharSequence text) {
        List<String> words = words(text.toString());
        int start = 0;
        if (words.size() > start && words.get(start).equals("CREATE")) {
            start++;
            if (words.size() > start && (words.get(start).equals("TEMP") || words.get(start).equals("TEMPORARY"))) {
                start++;
            }
            if (words.size() > start && words.get(start).equals("TRIGGER")) {
                return !words.get(words.size() - 1).equals("END");
            }
        }
        return false;
    }

    /** The bare words of SQL text, upper-cased, with strings, quoted identifiers and comments removed. */
    private static List<String> words(String sql) {
        String bare = sql.replaceAll("(?s)'(?:[^']|'')*'|\"(?:[^\"]|\"\")*\"|`[^`]*`|\\[[^\\]]*\\]|--[^\\n]*|/\\*.*?\\*/", " ");
        List<String> words = new ArrayList<>();
        for (String word : bare.split("[^A-Za-z0-9_]+")) {
            if (!word.isEmpty()) {
                words.add(word.toUpperCase(Locale.ROOT));
            }
        }
        return words;
    }

    private static void add(List<String> statements, StringBuilder current) {
        String statement = current.toString().strip();
        if (!statement.isEmpty() && !onlyComments(statement)) {
            statements.add(statement);
        }
        current.setLength(0);
    }

    private static boolean onlyComments(String statement) {
        String rest = statement.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("--[^\\n]*", "").strip();
        return rest.isEmpty();
    }
}
