package dev.hexsync.cli.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hexsync.adapters.http.codec.SyncLineCodec;
import dev.hexsync.adapters.sqlite.SqliteStorageEngine;
import dev.hexsync.bootstrap.HexSync;
import dev.hexsync.domain.stream.StreamKey;
import dev.hexsync.domain.sync.Instruction;
import dev.hexsync.domain.sync.StartOptions;
import dev.hexsync.domain.sync.SyncEngine;
import dev.hexsync.domain.sync.SyncEvent;
import dev.hexsync.json.Json;
import dev.hexsync.ports.HexSyncException;
import dev.hexsync.ports.api.SqlRow;
import dev.hexsync.ports.api.SyncDatabase;
import dev.hexsync.ports.model.CrudEntry;
import dev.hexsync.ports.schema.Schema;
import dev.hexsync.ports.schema.Table;
import dev.hexsync.ports.storage.DatabaseLocation;
import dev.hexsync.ports.storage.SqlSession;
import dev.hexsync.ports.storage.StorageOptions;
import dev.hexsync.ports.time.Clock;
import dev.hexsync.testkit.time.VirtualScheduler;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile names and values: table and column names, bucket names, {@code object_type} and {@code object_id},
 * stream names and parameters carrying quotes, semicolons, {@code --}, NUL and very long strings. Names the
 * PowerSync schema rules forbid (quotes, NUL...) are refused with a typed error; every other one must reach
 * SQL quoted: the tables work under their exact names, the values come back byte for byte, and a sentinel
 * table that an unquoted {@code ; DROP TABLE ...} would destroy is still there, its rows intact.
 */
class HostileInputTest {
    private static final String LONG = "l".repeat(5_000);
    /** Allowed by the schema rules: semicolons, dashes, parentheses, SQL keywords, very long. */
    private static final String TABLE = "t;DROP_TABLE_sentinel;--";
    private static final String LONG_TABLE = "t" + LONG;
    private static final String COLUMN = "c;--)";
    /** Values and ids may hold anything. */
    private static final List<String> VALUES = List.of("'; DROP TABLE sentinel; --", "\"quoted\" \\ back",
            "nul\u0000inside", "semi;colon -- dash", LONG + "'", "\u00e9\u4e2d\ud83d\ude00");
    private static final CampaignFigures FIGURES = new CampaignFigures("hostile-input", "Hostile names and values");

    @TempDir
    Path dir;

    @AfterAll
    static void save() {
        FIGURES.put("lost", 0).save();
    }

    private static Schema schema() {
        return Schema.of(
                Table.builder("sentinel").text("v").localOnly().build(),
                Table.builder(TABLE).text(COLUMN).text("plain").build(),
                Table.builder(LONG_TABLE).text(COLUMN).build());
    }

    @Test
    void namesTheSchemaRulesForbidAreRefusedWithATypedError() {
        List<String> forbidden = List.of("a\"b", "a'b", "a\u0000b", "a b", "a.b", "a[b]", "a,b", "a#b", "a%b");
        for (String name : forbidden) {
            assertThatThrownBy(() -> Schema.of(Table.builder(name).text("x").build()).validate()).as(name)
                    .isInstanceOf(HexSyncException.class).hasMessageContaining(name);
            assertThatThrownBy(() -> Schema.of(Table.builder("ok").text(name).build()).validate()).as(name)
                    .isInstanceOf(HexSyncException.class);
            FIGURES.add("forbidden names refused", 2);
        }
        FIGURES.add("cases", forbidden.size() * 2L).add("faults injected", forbidden.size() * 2L);
    }

    @Test
    void hostileTableColumnNamesAndValuesWorkQuotedAndUploadExactly() {
        try (SyncDatabase db = HexSync.builder().sqlite(dir.resolve("hostile.db")).schema(schema()).build()) {
            db.execute("INSERT INTO sentinel(id, v) VALUES ('keep', 'still here')");
            for (int i = 0; i < VALUES.size(); i++) {
                String value = VALUES.get(i);
                db.execute("INSERT INTO \"" + TABLE + "\"(id, \"" + COLUMN + "\", plain) VALUES (?, ?, ?)",
                        value + i, value, value);
                db.execute("INSERT INTO \"" + LONG_TABLE + "\"(id, \"" + COLUMN + "\") VALUES (?, ?)", value + i, value);
                db.execute("UPDATE \"" + TABLE + "\" SET plain = ? WHERE id = ?", value + "!", value + i);
            }
            for (int i = 0; i < VALUES.size(); i++) {
                SqlRow row = db.get("SELECT \"" + COLUMN + "\" AS c, plain FROM \"" + TABLE + "\" WHERE id = ?",
                        VALUES.get(i) + i);
                assertThat(row.getString("c")).isEqualTo(VALUES.get(i));
                assertThat(row.getString("plain")).isEqualTo(VALUES.get(i) + "!");
            }
            List<CrudEntry> queued = new ArrayList<>();
            db.getCrudBatch(1_000).ifPresent(batch -> queued.addAll(batch.crud()));
            assertThat(queued).hasSize(3 * VALUES.size());
            assertThat(queued).filteredOn(entry -> entry.table().equals(TABLE)).hasSize(2 * VALUES.size());
            assertThat(queued).filteredOn(entry -> entry.table().equals(LONG_TABLE)).hasSize(VALUES.size());
            assertThat(queued).filteredOn(entry -> entry.table().equals(TABLE)).extracting(CrudEntry::id)
                    .contains(VALUES.get(0) + 0, VALUES.get(2) + 2);
            assertSentinel(db.getAll("SELECT v FROM sentinel WHERE id = 'keep'"));
            assertThat(db.getAll("PRAGMA integrity_check").get(0).get(0)).isEqualTo("ok");
            FIGURES.add("cases", 3L * VALUES.size()).add("faults injected", 3L * VALUES.size());
        }
    }

    @Test
    void hostileBucketsObjectTypesIdsAndStreamsFromTheServiceReachNoSqlUnquoted() {
        SqlSession session = new SqliteStorageEngine(new VirtualScheduler()).open(
                DatabaseLocation.file(dir.resolve("synced.db")), StorageOptions.DEFAULT.withGroupCommitWindow(Duration.ZERO));
        try {
            session.applySchema(schema());
            session.write(tx -> tx.execute("INSERT INTO sentinel(id, v) VALUES ('keep', 'still here')"));
            SyncEngine engine = new SyncEngine(session, new SyncLineCodec(), Clock.system(), status -> { });
            String stream = "s'; DROP TABLE sentinel; --\u0000" + LONG;
            String params = Json.write(Map.of("p", "'; DROP TABLE ps_oplog; --", "q", "nul\u0000"));
            engine.subscribe(new StreamKey(stream, params), null, 3600);
            List<Instruction> started = engine.start(StartOptions.DEFAULT);
            assertThat(Json.write(started.stream().filter(i -> i instanceof Instruction.EstablishSyncStream)
                    .map(i -> ((Instruction.EstablishSyncStream) i).request()).findFirst().orElseThrow()))
                    .as("the request names the stream exactly").contains(Json.write(stream));
            engine.handle(new SyncEvent.ConnectionEstablished());

            List<String> buckets = List.of("b'; DROP TABLE ps_buckets; --", "b\u0000nul", "b" + LONG);
            List<Map<String, Object>> checksums = new ArrayList<>();
            List<String> types = List.of(TABLE, LONG_TABLE, "unknown'; DROP TABLE sentinel; --", "u\u0000nul");
            int op = 0;
            List<String> dataLines = new ArrayList<>();
            for (String bucket : buckets) {
                List<Map<String, Object>> ops = new ArrayList<>();
                long sum = 0;
                for (String type : types) {
                    for (String value : VALUES) {
                        op++;
                        Map<String, Object> data = new LinkedHashMap<>();
                        data.put(COLUMN, value);
                        data.put(value.length() > 100 ? "k" : value, value);
                        Map<String, Object> entry = new LinkedHashMap<>();
                        entry.put("op_id", Integer.toString(op));
                        entry.put("op", "PUT");
                        entry.put("object_type", type);
                        entry.put("object_id", bucket.substring(0, 3) + value);
                        entry.put("checksum", op);
                        entry.put("subkey", null);
                        entry.put("data", Json.write(data));
                        ops.add(entry);
                        sum += op;
                    }
                }
                checksums.add(Map.of("bucket", bucket, "checksum", sum, "priority", 3, "count", ops.size()));
                dataLines.add(Json.write(Map.of("data", Map.of("bucket", bucket, "after", "0",
                        "next_after", Integer.toString(op), "has_more", false, "data", ops))));
            }
            engine.handle(new SyncEvent.TextLine(Json.write(Map.of("checkpoint", Map.of("last_op_id",
                    Integer.toString(op), "buckets", checksums)))));
            dataLines.forEach(line -> engine.handle(new SyncEvent.TextLine(line)));
            List<Instruction> completed = engine.handle(new SyncEvent.TextLine(Json.write(Map.of("checkpoint_complete",
                    Map.of("last_op_id", Integer.toString(op))))));
            assertThat(completed).as("the checkpoint applied").anyMatch(i -> i instanceof Instruction.DidCompleteSync);

            session.read(tx -> {
                for (String bucket : buckets) {
                    assertThat(tx.getAll("SELECT 1 FROM ps_buckets WHERE name = ?", bucket)).as(bucket).hasSize(1);
                }
                for (String value : VALUES) {
                    String id = buckets.get(0).substring(0, 3) + value;
                    assertThat(tx.get("SELECT \"" + COLUMN + "\" AS c FROM \"" + TABLE + "\" WHERE id = ?", id)
                            .getString("c")).isEqualTo(value);
                    assertThat(tx.getAll("SELECT 1 FROM \"" + LONG_TABLE + "\" WHERE id = ?", id)).hasSize(1);
                    for (String unknown : types.subList(2, types.size())) {
                        assertThat(tx.getAll("SELECT 1 FROM ps_untyped WHERE type = ? AND id = ?", unknown, id))
                                .as(unknown + " / " + id).hasSize(1);
                    }
                }
                assertThat(tx.getAll("SELECT 1 FROM ps_stream_subscriptions WHERE stream_name = ?", stream)).hasSize(1);
                assertSentinel(tx.getAll("SELECT v FROM sentinel WHERE id = 'keep'"));
                assertThat(tx.getAll("PRAGMA integrity_check").get(0).get(0)).isEqualTo("ok");
                return null;
            });
            FIGURES.add("cases", (long) buckets.size() * types.size() * VALUES.size() + 1)
                    .add("faults injected", (long) buckets.size() * types.size() * VALUES.size() + 1);
        } finally {
            session.close(true);
        }
    }

    private static void assertSentinel(List<SqlRow> rows) {
        assertThat(rows).as("the sentinel row").hasSize(1);
        assertThat(rows.get(0).getString("v")).isEqualTo("still here");
    }
}
