package dev.hexsync.cli.judge;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Random scenarios in the oracle's format, played by a small model of a PowerSync service and an app.
 *
 * <p>The schema has 1–3 tables (text, integer and real columns; now and then view_name, insert_only,
 * local_only, include_metadata, include_old, ignore_empty_update) and often an object type the service
 * syncs without a table. The service keeps 1–4 buckets (priorities 0–3) with an op history and the
 * running checksum of each (wrapping 32-bit sums, reset by CLEAR), and plays sync rounds: a full
 * {@code checkpoint} or a {@code checkpoint_diff} (buckets added, changed, re-prioritised, removed), data
 * lines with PUT/REMOVE/MOVE/CLEAR ops (subkeys, rows shared between buckets, rows the app uploaded coming
 * back), {@code partial_checkpoint_complete} per priority and {@code checkpoint_complete}, or an
 * interruption ({@code stop}, a restart, a newer checkpoint, {@code connection: end}, an expired token).
 * Now and then a bucket checksum is deliberately wrong, a line is malformed, a diff comes before any
 * checkpoint. "Chaos" scenarios (about 30%) also get data lines sent twice, data for a bucket outside the
 * checkpoint, PUTs without data, whole-number float checksums, missing priorities, completions naming
 * another last_op_id, writes the views reject and direct changes of the write gate.
 *
 * <p>The app writes through the views ({@code INSERT}, {@code UPDATE}, {@code DELETE}, several statements
 * in one step, bound parameters), reads them (typed values), uploads (with and without a legacy write
 * checkpoint, a custom write checkpoint, partial uploads, checkpoint requests in "requests" mode),
 * changes its schema (tables added, dropped, re-added, a column's type, local-only toggled) and restarts.
 * Some scenarios send part of their lines as BSON ({@code line_binary}); a quarter use sync streams
 * (subscribe and unsubscribe with TTLs of an hour or more, {@code active_streams},
 * {@code update_subscriptions}, a default stream, stream errors, buckets associated with subscriptions).
 *
 * <p>The model only steers towards plausible input: when it mispredicts the engine (a held-back
 * checkpoint, an iteration that already ended), the scenario is still valid input for both engines. No
 * {@code advance_clock} and no TTL expiry: the clock moves one second per step. SQL literals are
 * single-quoted (the oracle's SQLite rejects double-quoted ones). The same seed always gives the same text.
 */
final class ScenarioGenerator {
    private static final String[] TABLE_NAMES = {"todos", "lists", "notes"};
    private static final String[] COLUMN_NAMES = {"name", "description", "done", "qty", "score", "note"};
    private static final String[] COLUMN_TYPES = {"text", "integer", "real"};
    private static final String[] UNTYPED_TYPES = {"comments", "tags"};
    private static final String[] BUCKET_NAMES = {"b0", "b1", "b2", "b3"};
    private static final String[] TEXTS = {"a", "hello", "it's", "ü nicode ✓", "\"quoted\"", "", "x y z", "123", "{\"j\":1}",
        "line\nbreak", "emoji \uD83D\uDE00"};
    /** Texts for JSON values only (sync data, bound parameters): a NUL cannot be written in a SQL literal. */
    private static final String[] JSON_TEXTS = {"a", "it's", "nul\u0000char", "back\\slash", "tab\there", "\u00e9t\u00e9"};
    private static final String[] MALFORMED_LINES = {
        "\"{\"",
        "\"not json\"",
        "\"[]\"",
        "{\"checkpoint\": {\"last_op_id\": 5, \"buckets\": []}}",
        "{\"checkpoint\": {\"last_op_id\": \"1\"}}",
        "{\"data\": {\"bucket\": \"b0\"}}",
        "{\"data\": {\"bucket\": \"b0\", \"data\": [{\"op_id\": \"1\", \"op\": \"PUT\"}]}}",
        "{\"data\": {\"bucket\": \"b0\", \"data\": [{\"op_id\": \"1\", \"op\": \"FOO\", \"checksum\": 1}]}}",
        "{\"checkpoint_complete\": {}}",
        "{\"checkpoint\": {\"last_op_id\": \"1\", \"buckets\": [{\"bucket\": \"b0\", \"checksum\": \"1\", \"priority\": 3}]}}",
        "{\"checkpoint\": {\"last_op_id\": \"1\", \"buckets\": [{\"bucket\": \"b0\", \"checksum\": 1, \"priority\": 9}]}}",
        "{\"checkpoint_complete\": {\"last_op_id\": \"1\"}, \"token_expires_in\": 5}",
        "{\"some_future_line\": {\"x\": 1}}",
        "{\"partial_checkpoint_complete\": {\"last_op_id\": \"1\"}}",
    };

    private final Random random;
    private final List<String> steps = new ArrayList<>();
    private final List<Table> tables = new ArrayList<>();
    private final Map<String, Bucket> buckets = new LinkedHashMap<>();
    private final List<String> typesWithoutTable = new ArrayList<>();
    private final List<Table> droppedTables = new ArrayList<>();
    /** Rows the app wrote and uploaded, which the service echoes back as PUTs in a later round. */
    private final List<String[]> uploadedRows = new ArrayList<>();
    private final List<String[]> pendingRows = new ArrayList<>();
    /** Buckets whose checksum in the current checkpoint (as last announced) is deliberately wrong. */
    private List<String> wrongChecksums = List.of();

    /** Chaos scenarios (about a third) also get input no well-behaved service sends. */
    private boolean chaos;
    private final List<String[]> sentDataLines = new ArrayList<>();
    /** Whether this scenario uses sync streams, and the app's explicit subscriptions (name, params JSON). */
    private boolean streams;
    private final List<String[]> subscriptions = new ArrayList<>();
    private boolean defaultStream;
    /** Whether this scenario sends some lines as BSON ({@code line_binary}), as the service can. */
    private boolean binaryLines;
    private long opId;
    private boolean requestMode;
    private boolean iterationActive;
    private boolean hadCheckpoint;
    private long writeCheckpoint;
    private long requestIds;
    private int localIds;
    private int crudRows;

    private ScenarioGenerator(long seed) {
        this.random = new Random(seed);
    }

    /** One scenario (JSON text, one step per line) for a seed; the same seed always gives the same text. */
    static String generate(long seed) {
        return new ScenarioGenerator(seed).scenario();
    }

    private record Column(String name, String type) {
    }

    /** A table of the schema; {@code options} holds further schema JSON members (include_old, ...). */
    private record Table(String name, String view, List<Column> columns, boolean insertOnly, boolean localOnly,
            boolean includeMetadata, String options) {
        String viewName() {
            return view == null ? name : view;
        }

        String json() {
            StringBuilder json = new StringBuilder("{\"name\": " + quote(name) + ", \"columns\": [");
            json.append(columns.stream().map(col -> "{\"name\": " + quote(col.name()) + ", \"type\": " + quote(col.type()) + "}")
                    .collect(Collectors.joining(", "))).append(']');
            if (view != null) {
                json.append(", \"view_name\": ").append(quote(view));
            }
            if (insertOnly) {
                json.append(", \"insert_only\": true");
            }
            if (localOnly) {
                json.append(", \"local_only\": true");
            }
            if (includeMetadata) {
                json.append(", \"include_metadata\": true");
            }
            return json.append(options).append('}').toString();
        }
    }

    private record Op(long id, String json, int checksum) {
    }

    /** A data line of a bucket; once sent, the bucket's ops up to {@code sentAfter} are with the client. */
    private record DataLine(Bucket bucket, int sentAfter, String json) {
    }

    private static final class Bucket {
        final String name;
        int priority;
        final List<Op> history = new ArrayList<>();
        int sent;
        int checksum;
        boolean onServer = true;
        boolean changed = true;
        /** Row keys (type/id) this bucket holds, for REMOVE ops. */
        final List<String[]> rows = new ArrayList<>();
        /** The bucket's {@code subscriptions} in checkpoints (streams scenarios), or null. */
        String subscriptions;

        Bucket(String name, int priority) {
            this.name = name;
            this.priority = priority;
        }
    }

    // --- scenario ----------------------------------------------------------------------------------------

    private String scenario() {
        chaos = chance(0.3);
        String schema = schema();
        requestMode = chance(0.15);
        streams = chance(0.25);
        binaryLines = chance(0.15);
        defaultStream = streams && chance(0.6);
        for (Bucket bucket : initialBuckets()) {
            buckets.put(bucket.name, bucket);
        }
        if (streams) {
            for (int i = random.nextInt(3); i > 0; i--) {
                subscribe();
            }
        }
        int rounds = 1 + random.nextInt(5);
        if (chance(0.2)) {
            localWrites();
        }
        for (int round = 0; round < rounds; round++) {
            round();
        }
        if (chance(0.3)) {
            localWrites();
        }
        if (chance(0.3)) {
            upload();
        }
        return "{\n  \"description\": \"generated\",\n  \"schema\": " + schema + ",\n  \"steps\": [\n    "
                + String.join(",\n    ", steps) + "\n  ]\n}\n";
    }

    private String schema() {
        int count = 1 + random.nextInt(3);
        List<String> names = new ArrayList<>(List.of(TABLE_NAMES));
        for (int i = 0; i < count; i++) {
            String name = names.remove(random.nextInt(names.size()));
            List<String> columnNames = new ArrayList<>(List.of(COLUMN_NAMES));
            List<Column> columns = new ArrayList<>();
            int columnCount = 1 + random.nextInt(3);
            for (int c = 0; c < columnCount; c++) {
                columns.add(new Column(columnNames.remove(random.nextInt(columnNames.size())), pick(COLUMN_TYPES)));
            }
            boolean insertOnly = chance(0.06);
            boolean localOnly = !insertOnly && chance(0.06);
            boolean includeMetadata = chance(0.08);
            String view = chance(0.06) ? name + "_view" : null;
            StringBuilder options = new StringBuilder();
            if (chance(0.08)) {
                options.append(", \"include_old\": ").append(chance(0.5) ? "true" : "[" + quote(columns.get(0).name()) + "]");
                if (chance(0.5)) {
                    options.append(", \"include_old_only_when_changed\": true");
                }
            }
            if (chance(0.08)) {
                options.append(", \"ignore_empty_update\": true");
            }
            tables.add(new Table(name, view, columns, insertOnly, localOnly, includeMetadata, options.toString()));
        }
        if (chance(0.4)) {
            typesWithoutTable.add(pick(UNTYPED_TYPES));
        }
        return renderSchema();
    }

    private List<Bucket> initialBuckets() {
        List<Bucket> initial = new ArrayList<>();
        int count = 1 + random.nextInt(4);
        for (int i = 0; i < count; i++) {
            initial.add(new Bucket(BUCKET_NAMES[i], priority()));
        }
        return initial;
    }

    private int priority() {
        return chance(0.4) ? 3 : random.nextInt(4);
    }

    // --- sync rounds -------------------------------------------------------------------------------------

    /** One sync round: maybe a restart, a checkpoint, its data, completion or an interruption. */
    private void round() {
        if (!iterationActive || chance(0.05)) {
            start();
        }
        serverChanges();
        List<Bucket> inCheckpoint = checkpoint();
        if (inCheckpoint == null) {
            return;
        }
        boolean shuffled = chance(0.1);
        List<Bucket> order = new ArrayList<>(inCheckpoint);
        order.sort(Comparator.comparingInt(b -> b.priority));
        List<DataLine> lines = new ArrayList<>();
        for (Bucket bucket : order) {
            int from = bucket.sent;
            while (from < bucket.history.size()) {
                int to = Math.min(bucket.history.size(), from + 1 + random.nextInt(4));
                lines.add(new DataLine(bucket, to, dataLine(bucket, bucket.history.subList(from, to))));
                from = to;
            }
        }
        if (shuffled) {
            Collections.shuffle(lines, random);
        }
        TreeSet<Integer> priorities = new TreeSet<>();
        for (Bucket bucket : inCheckpoint) {
            if (bucket.priority < 3) {
                priorities.add(bucket.priority);
            }
        }
        Integer nextPartial = shuffled ? null : priorities.pollFirst();
        for (DataLine data : lines) {
            while (nextPartial != null && data.bucket().priority > nextPartial) {
                partialComplete(nextPartial, inCheckpoint);
                nextPartial = priorities.pollFirst();
            }
            if (!iterationActive || !line(data.json())) {
                return;
            }
            data.bucket().sent = Math.max(data.bucket().sent, data.sentAfter());
            sentDataLines.add(new String[] {data.bucket().name, data.json()});
            if (odd(0.06)) {
                // A data line sent again: its ops are counted twice, so the bucket will fail validation.
                String[] again = sentDataLines.get(random.nextInt(sentDataLines.size()));
                if (!line(again[1])) {
                    return;
                }
                if (!wrongChecksums.contains(again[0])) {
                    wrongChecksums = new ArrayList<>(wrongChecksums);
                    wrongChecksums.add(again[0]);
                }
            }
            if (odd(0.04)) {
                opId++;
                if (!line("{\"data\": {\"bucket\": \"stray\", \"data\": [{\"op_id\": " + quote(String.valueOf(opId))
                        + ", \"op\": \"PUT\", \"object_type\": " + quote(tables.get(0).name()) + ", \"object_id\": \"s1\", \"data\": "
                        + quote(rowData(tables.get(0).name())) + ", \"checksum\": 1}]}}")) {
                    return;
                }
            }
            interleave();
            if (!iterationActive) {
                return;
            }
        }
        while (nextPartial != null) {
            partialComplete(nextPartial, inCheckpoint);
            nextPartial = priorities.pollFirst();
        }
        if (chance(0.05)) {
            line("{\"partial_checkpoint_complete\": {\"last_op_id\": " + quote(String.valueOf(opId)) + ", \"priority\": "
                    + random.nextInt(4) + "}}");
        }
        double end = random.nextDouble();
        if (!iterationActive) {
            return;
        }
        if (end < 0.8) {
            long completed = odd(0.1) ? Math.max(0, opId + random.nextInt(5) - 3) : opId;
            if (line("{\"checkpoint_complete\": {\"last_op_id\": " + quote(String.valueOf(completed)) + "}}")) {
                validated(inCheckpoint, null);
            }
        } else if (end < 0.87) {
            step("{\"stop\": null}");
            iterationActive = false;
        } else if (end < 0.92) {
            step("{\"connection\": \"end\"}");
            iterationActive = false;
        } else if (end < 0.96) {
            start();
        }
        // else: the next round's checkpoint replaces this one.
        if (chance(0.2)) {
            interleave();
        }
    }

    private void start() {
        List<String> options = new ArrayList<>();
        if (requestMode) {
            options.add("\"checkpoint_mode\": \"requests\"");
        }
        if (chance(0.1)) {
            options.add("\"parameters\": {\"team\": " + quote(pick(TEXTS)) + "}");
        }
        if (chance(0.05)) {
            options.add("\"include_defaults\": false");
        }
        if (streams && !subscriptions.isEmpty() && chance(0.6)) {
            options.add("\"active_streams\": " + activeStreams());
        }
        if (chance(0.05)) {
            options.add("\"app_metadata\": {\"app\": \"judge\"}");
        }
        step("{\"start\": " + (options.isEmpty() ? "null" : "{" + String.join(", ", options) + "}") + "}");
        iterationActive = true;
        hadCheckpoint = false;
        if (requestMode && chance(0.6)) {
            requestIds = 1 + random.nextInt(50);
            step("{\"seed_checkpoint_request_id\": " + (chance(0.5) ? String.valueOf(requestIds) : quote(String.valueOf(requestIds))) + "}");
        }
        if (chance(0.2)) {
            step("{\"connection\": \"established\"}");
        }
    }

    /** The service's changes before a checkpoint: new ops, buckets added, removed or re-prioritised. */
    private void serverChanges() {
        for (Bucket bucket : buckets.values()) {
            if (bucket.onServer && chance(0.04)) {
                bucket.onServer = false;
                bucket.changed = true;
            } else if (!bucket.onServer && !bucket.changed && chance(0.3)) {
                bucket.onServer = true;
                bucket.history.clear();
                bucket.rows.clear();
                bucket.sent = 0;
                bucket.checksum = 0;
                bucket.priority = priority();
                bucket.changed = true;
            }
        }
        if (buckets.size() < BUCKET_NAMES.length && chance(0.1)) {
            Bucket added = new Bucket(BUCKET_NAMES[buckets.size()], priority());
            buckets.put(added.name, added);
        }
        List<Bucket> live = buckets.values().stream().filter(b -> b.onServer).toList();
        if (live.isEmpty()) {
            return;
        }
        for (String[] row : pendingRows) {
            put(live.get(random.nextInt(live.size())), row[0], row[1], row[2]);
        }
        pendingRows.clear();
        for (Bucket bucket : live) {
            if (chance(0.03)) {
                bucket.priority = priority();
                bucket.changed = true;
            }
            int ops = chance(0.3) ? 0 : 1 + random.nextInt(4);
            for (int i = 0; i < ops; i++) {
                serverOp(bucket);
            }
        }
    }

    private void serverOp(Bucket bucket) {
        double kind = random.nextDouble();
        if (kind < 0.68 || bucket.rows.isEmpty() && kind < 0.85) {
            String[] key = rowKey();
            put(bucket, key[0], key[1], rowData(key[0]));
        } else if (kind < 0.85) {
            String[] key = bucket.rows.get(random.nextInt(bucket.rows.size()));
            String subkey = chance(0.1) ? ", \"subkey\": \"s1\"" : "";
            add(bucket, "\"op\": \"REMOVE\", \"object_type\": " + quote(key[0]) + ", \"object_id\": " + quote(key[1]) + subkey);
        } else if (kind < 0.94) {
            add(bucket, chance(0.7) ? "\"op\": \"MOVE\"" : "\"op\": \"MOVE\", \"object_type\": \"todos\", \"object_id\": \"r1\"");
        } else {
            int checksum = checksum();
            opId++;
            bucket.history.add(new Op(opId, "{\"op_id\": " + quote(String.valueOf(opId)) + ", \"op\": \"CLEAR\", \"checksum\": "
                    + checksumText(checksum) + "}", checksum));
            bucket.checksum = checksum;
            bucket.rows.clear();
            bucket.changed = true;
        }
    }

    private void put(Bucket bucket, String type, String id, String data) {
        String subkey = chance(0.08) ? ", \"subkey\": " + quote(chance(0.5) ? "s1" : "s2") : "";
        String dataField = odd(0.04) ? (chance(0.5) ? "" : ", \"data\": null") : ", \"data\": " + quote(data);
        add(bucket, "\"op\": \"PUT\", \"object_type\": " + quote(type) + ", \"object_id\": " + quote(id) + subkey + dataField);
        bucket.rows.add(new String[] {type, id});
    }

    private void add(Bucket bucket, String fields) {
        int checksum = checksum();
        opId++;
        bucket.history.add(new Op(opId, "{\"op_id\": " + quote(String.valueOf(opId)) + ", " + fields + ", \"checksum\": "
                + checksumText(checksum) + "}", checksum));
        bucket.checksum += checksum;
        bucket.changed = true;
    }

    /** Emits a checkpoint or diff for the live buckets; returns them, or null when none was sent. */
    private List<Bucket> checkpoint() {
        List<Bucket> live = buckets.values().stream().filter(b -> b.onServer).toList();
        boolean diff = hadCheckpoint ? chance(0.5) : chance(0.03);
        String writeCheckpoint = writeCheckpointField();
        List<String> wrong = new ArrayList<>();
        List<String> announced = new ArrayList<>();
        if (diff) {
            List<String> updated = new ArrayList<>();
            for (Bucket bucket : live) {
                if (bucket.changed || chance(0.1)) {
                    updated.add(bucketChecksum(bucket, wrong));
                    announced.add(bucket.name);
                }
            }
            List<String> removed = buckets.values().stream().filter(b -> !b.onServer && b.changed).map(b -> quote(b.name)).toList();
            if (!line("{\"checkpoint_diff\": {\"last_op_id\": " + quote(String.valueOf(opId)) + ", \"write_checkpoint\": "
                    + writeCheckpoint + ", \"updated_buckets\": [" + String.join(", ", updated) + "], \"removed_buckets\": ["
                    + String.join(", ", removed) + "]}}")) {
                return null;
            }
            if (!hadCheckpoint) {
                iterationActive = false;
                return null;
            }
        } else {
            List<String> all = new ArrayList<>();
            for (Bucket bucket : live) {
                all.add(bucketChecksum(bucket, wrong));
            }
            if (!line("{\"checkpoint\": {\"last_op_id\": " + quote(String.valueOf(opId)) + ", \"write_checkpoint\": "
                    + writeCheckpoint + ", \"buckets\": [" + String.join(", ", all) + "]" + streamList() + "}}")) {
                return null;
            }
        }
        if (diff) {
            // A bucket the diff does not mention keeps the checksum it was last announced with.
            List<String> still = new ArrayList<>(wrongChecksums);
            still.removeIf(name -> announced.contains(name) || !buckets.get(name).onServer);
            still.addAll(wrong);
            wrong = still;
        }
        hadCheckpoint = true;
        for (Bucket bucket : buckets.values()) {
            bucket.changed = false;
            if (!bucket.onServer) {
                bucket.sent = 0;
            }
        }
        wrongChecksums = wrong;
        return live;
    }

    private String bucketChecksum(Bucket bucket, List<String> wrong) {
        int checksum = bucket.checksum;
        if (chance(0.04)) {
            checksum += 1 + random.nextInt(5);
            wrong.add(bucket.name);
        }
        String count = chance(0.05) ? "" : ", \"count\": " + bucket.history.size();
        if (streams) {
            if (bucket.subscriptions == null || chance(0.05)) {
                bucket.subscriptions = bucketSubscriptions();
            }
            count += ", \"subscriptions\": " + bucket.subscriptions;
        }
        // Without a priority the engine takes 3.
        String priority = bucket.priority == 3 && odd(0.2) ? "" : ", \"priority\": " + bucket.priority;
        return "{\"bucket\": " + quote(bucket.name) + ", \"checksum\": " + checksumText(checksum) + priority + count + "}";
    }

    private String writeCheckpointField() {
        long known = requestMode ? requestIds : writeCheckpoint;
        if (known == 0 || chance(0.4)) {
            return "null";
        }
        long value = chance(0.2) ? Math.max(1, known - 1) : known;
        return quote(String.valueOf(value));
    }

    private void partialComplete(int priority, List<Bucket> inCheckpoint) {
        if (!iterationActive || !chance(0.6)) {
            return;
        }
        if (line("{\"partial_checkpoint_complete\": {\"last_op_id\": " + quote(String.valueOf(opId)) + ", \"priority\": "
                + priority + "}}")) {
            validated(inCheckpoint, priority);
        }
    }

    /** After a (partial) completion: buckets with a wrong checksum are deleted and the iteration ends. */
    private void validated(List<Bucket> inCheckpoint, Integer priority) {
        boolean mismatch = false;
        for (Bucket bucket : inCheckpoint) {
            if (wrongChecksums.contains(bucket.name) && (priority == null || bucket.priority <= priority)) {
                bucket.sent = 0;
                mismatch = true;
            }
        }
        if (mismatch) {
            iterationActive = false;
        }
    }

    private String dataLine(Bucket bucket, List<Op> ops) {
        return "{\"data\": {\"bucket\": " + quote(bucket.name) + ", \"data\": ["
                + ops.stream().map(Op::json).collect(Collectors.joining(", ")) + "]}}";
    }

    /**
     * Sends a line; now and then a malformed line goes first, which ends the iteration (the real line is
     * then not sent, and false returned).
     */
    private boolean line(String json) {
        if (chance(0.015)) {
            step("{\"line\": " + pick(MALFORMED_LINES) + "}");
            iterationActive = false;
            return false;
        }
        if (binaryLines && chance(0.3)) {
            step("{\"line_binary\": " + quote(Bson.hex(json)) + "}");
        } else {
            step("{\"line\": " + json + "}");
        }
        return true;
    }

    /** What may happen between two lines: app writes, uploads, snapshots, keepalives, restarts. */
    private void interleave() {
        double what = random.nextDouble();
        if (what < 0.15) {
            localWrites();
        } else if (what < 0.22) {
            upload();
        } else if (what < 0.25) {
            step("{\"snapshot\": null}");
        } else if (what < 0.27) {
            String expiresIn = pick(new String[] {"3600", "30", "0"});
            step("{\"line\": {\"token_expires_in\": " + expiresIn + "}}");
            // An expired token makes the engine close the stream.
            iterationActive &= !expiresIn.equals("0");
        } else if (what < 0.28) {
            // The SDK reconnects with the new token: the engine closes the stream.
            step("{\"refreshed_token\": null}");
            iterationActive = false;
        } else if (what < 0.29) {
            step("{\"completed_upload\": null}");
        } else if (what < 0.30) {
            step(pick(new String[] {"{\"target_checkpoint_request_id\": null}", "{\"current_checkpoint_request_id\": null}"}));
        } else if (what < 0.31) {
            step("{\"stop\": null}");
            iterationActive = false;
        } else if (what < 0.32) {
            changeSchema();
        } else if (what < 0.36) {
            read();
        } else if (what < 0.39 && streams) {
            double change = random.nextDouble();
            if (change < 0.5) {
                subscribe();
            } else if (change < 0.7 && !subscriptions.isEmpty()) {
                String[] subscription = subscriptions.remove(random.nextInt(subscriptions.size()));
                step("{\"subscriptions\": {\"unsubscribe\": {\"name\": " + quote(subscription[0]) + ", \"params\": "
                        + subscription[1] + "}}}");
            } else if (!subscriptions.isEmpty()) {
                // An active set that differs from the request makes the engine close the stream.
                step("{\"update_subscriptions\": " + activeStreams() + "}");
                iterationActive = false;
            }
        } else if (what < 0.40 && chaos) {
            step("{\"target_checkpoint_request_id\": " + pick(new String[] {"0", "1", "5", "9223372036854775807"}) + "}");
        }
    }

    // --- the app -----------------------------------------------------------------------------------------

    private void localWrites() {
        int statements = chance(0.2) ? 2 + random.nextInt(2) : 1;
        if (statements == 1 && chance(0.2)) {
            parameterisedWrite();
            return;
        }
        List<String> sql = new ArrayList<>();
        for (int i = 0; i < statements; i++) {
            sql.add(write());
        }
        step("{\"sql\": " + quote(String.join("; ", sql)) + "}");
    }

    private String write() {
        Table table = pick(tables);
        double kind = random.nextDouble();
        String id = localId();
        if (odd(0.06)) {
            // Writes the views reject (ids must be non-null text and cannot change).
            return pick(new String[] {
                "UPDATE " + table.viewName() + " SET id = 'x9' WHERE id = " + sqlText(id),
                "INSERT INTO " + table.viewName() + "(id) VALUES (NULL)",
                "INSERT INTO " + table.viewName() + "(id) VALUES (5)"});
        }
        if (table.includeMetadata() && !table.insertOnly() && chance(0.1)) {
            crudRows++;
            return "UPDATE " + table.viewName() + " SET _deleted = TRUE, _metadata = 'gone' WHERE id = " + sqlText(id);
        }
        if (table.insertOnly() || kind < 0.5) {
            List<String> columns = new ArrayList<>(List.of("id"));
            List<String> values = new ArrayList<>(List.of(sqlText(id)));
            for (Column column : table.columns()) {
                if (chance(0.85)) {
                    columns.add(column.name());
                    values.add(sqlValue(column));
                }
            }
            if (table.includeMetadata() && chance(0.5)) {
                columns.add("_metadata");
                values.add(sqlText(pick(TEXTS)));
            }
            remember(table, id);
            return "INSERT INTO " + table.viewName() + "(" + String.join(", ", columns) + ") VALUES (" + String.join(", ", values) + ")";
        }
        if (kind < 0.8) {
            Column column = pick(table.columns());
            String set = column.name() + " = " + sqlValue(column);
            if (table.includeMetadata() && chance(0.3)) {
                set += ", _metadata = " + sqlText(pick(TEXTS));
            }
            remember(table, id);
            return "UPDATE " + table.viewName() + " SET " + set + (chance(0.1) ? "" : " WHERE id = " + sqlText(id));
        }
        crudRows++;
        return "DELETE FROM " + table.viewName() + " WHERE id = " + sqlText(id);
    }

    // --- sync streams ------------------------------------------------------------------------------------

    private static final String[] STREAM_NAMES = {"s1", "s2", "s3"};
    private static final String[] STREAM_PARAMS = {"null", "{\"p\":\"a\"}", "{\"p\":\"b\",\"n\":1}"};

    /** The app subscribes to a stream (long TTLs only: no expiry within a scenario). */
    private void subscribe() {
        String name = pick(STREAM_NAMES);
        String params = pick(STREAM_PARAMS);
        StringBuilder json = new StringBuilder("{\"subscriptions\": {\"subscribe\": {\"stream\": {\"name\": " + quote(name));
        if (!params.equals("null") || chance(0.5)) {
            json.append(", \"params\": ").append(params);
        }
        json.append('}');
        if (chance(0.5)) {
            json.append(", \"ttl\": ").append(pick(new String[] {"3600", "86400", "604800"}));
        }
        if (chance(0.5)) {
            json.append(", \"priority\": ").append(random.nextInt(4));
        }
        step(json.append("}}}").toString());
        if (subscriptions.stream().noneMatch(s -> s[0].equals(name) && s[1].equals(params))) {
            subscriptions.add(new String[] {name, params});
        }
    }

    private String activeStreams() {
        List<String> active = new ArrayList<>();
        for (String[] subscription : subscriptions) {
            if (chance(0.8)) {
                active.add("{\"name\": " + quote(subscription[0]) + ", \"params\": " + subscription[1] + "}");
            }
        }
        return "[" + String.join(", ", active) + "]";
    }

    /** The service's stream list of a checkpoint: the subscribed streams and maybe a default one. */
    private String streamList() {
        if (!streams) {
            return "";
        }
        List<String> list = new ArrayList<>();
        TreeSet<String> names = new TreeSet<>();
        for (String[] subscription : subscriptions) {
            names.add(subscription[0]);
        }
        int index = 0;
        for (String name : names) {
            String errors = odd(0.1) ? "[{\"subscription\": " + index + ", \"message\": \"denied\"}]" : "[]";
            list.add("{\"name\": " + quote(name) + ", \"is_default\": false, \"errors\": " + errors + "}");
            index++;
        }
        if (defaultStream) {
            list.add("{\"name\": \"d\", \"is_default\": true, \"errors\": []}");
        }
        return ", \"streams\": [" + String.join(", ", list) + "]";
    }

    /** A bucket's {@code subscriptions}: indexes into the request's subscriptions or the stream list. */
    private String bucketSubscriptions() {
        List<String> reasons = new ArrayList<>();
        int count = random.nextInt(3);
        for (int i = 0; i < count; i++) {
            if (defaultStream && chance(0.4)) {
                reasons.add("{\"default\": " + (subscriptions.size() + random.nextInt(2)) + "}");
            } else {
                reasons.add("{\"sub\": " + random.nextInt(Math.max(1, subscriptions.size() + 1)) + "}");
            }
        }
        return "[" + String.join(", ", reasons) + "]";
    }

    /** The app reads a view: typed values as SQLite returns them. */
    private void read() {
        Table table = pick(tables);
        Column column = pick(table.columns());
        step("{\"sql\": " + quote(chance(0.5) ? "SELECT * FROM " + table.viewName() + " ORDER BY id"
                : "SELECT id, " + column.name() + ", typeof(" + column.name() + ") AS t FROM " + table.viewName() + " ORDER BY id") + "}");
    }

    private void parameterisedWrite() {
        Table table = pick(tables);
        String id = localId();
        Column column = pick(table.columns());
        String value = jsonValue(column);
        remember(table, id);
        step("{\"sql\": " + quote("INSERT INTO " + table.viewName() + "(id, " + column.name() + ") VALUES (?, ?)")
                + ", \"params\": [" + quote(id) + ", " + value + "]}");
    }

    private void remember(Table table, String id) {
        crudRows++;
        if (!table.localOnly() && !table.insertOnly()) {
            StringBuilder data = new StringBuilder("{");
            Column column = pick(table.columns());
            data.append(quote(column.name())).append(':').append(jsonValue(column)).append('}');
            uploadedRows.add(new String[] {table.name(), id, data.toString()});
        }
    }

    private String localId() {
        if (chance(0.45)) {
            return "r" + (1 + random.nextInt(5));
        }
        return chance(0.5) && localIds > 0 ? "l" + (1 + random.nextInt(localIds)) : "l" + (++localIds);
    }

    private void upload() {
        double kind = random.nextDouble();
        String spec;
        if (requestMode && kind < 0.6) {
            spec = "{\"checkpoint_request\": true}";
            requestIds++;
        } else if (kind < 0.25) {
            spec = "null";
        } else if (kind < 0.75) {
            writeCheckpoint++;
            spec = "{\"write_checkpoint\": " + (chance(0.7) ? quote(String.valueOf(writeCheckpoint)) : String.valueOf(writeCheckpoint)) + "}";
        } else if (kind < 0.88) {
            writeCheckpoint++;
            spec = "{\"custom_write_checkpoint\": " + writeCheckpoint + "}";
        } else {
            spec = "{\"through\": " + (1 + random.nextInt(Math.max(1, crudRows))) + (chance(0.5) ? "" : ", \"write_checkpoint\": "
                    + quote(String.valueOf(++writeCheckpoint))) + "}";
        }
        step("{\"upload\": " + spec + "}");
        pendingRows.addAll(uploadedRows);
        uploadedRows.clear();
    }

    private String renderSchema() {
        return "{\"tables\": [" + tables.stream().map(Table::json).collect(Collectors.joining(", ")) + "]}";
    }

    /**
     * The app changes its schema: a table for a type the service synced without one (its rows are adopted
     * from ps_untyped), a table dropped (its synced rows move to ps_untyped) or re-added, a column of
     * another type, a table made local-only or synced again.
     */
    private void changeSchema() {
        double change = random.nextDouble();
        if (change < 0.3 && !typesWithoutTable.isEmpty()) {
            String type = typesWithoutTable.remove(0);
            Table dropped = droppedTables.stream().filter(t -> t.name().equals(type)).findFirst().orElse(null);
            droppedTables.remove(dropped);
            tables.add(dropped != null ? dropped : new Table(type, null,
                    List.of(new Column("body", "text"), new Column("n", "integer")), false, false, false, ""));
        } else if (change < 0.55 && tables.size() > 1) {
            Table dropped = tables.remove(random.nextInt(tables.size()));
            droppedTables.add(dropped);
            typesWithoutTable.add(dropped.name());
        } else if (change < 0.8) {
            int index = random.nextInt(tables.size());
            Table table = tables.get(index);
            List<Column> columns = new ArrayList<>(table.columns());
            int column = random.nextInt(columns.size());
            columns.set(column, new Column(columns.get(column).name(), pick(COLUMN_TYPES)));
            tables.set(index, new Table(table.name(), table.view(), columns, table.insertOnly(), table.localOnly(),
                    table.includeMetadata(), table.options()));
        } else {
            int index = random.nextInt(tables.size());
            Table table = tables.get(index);
            if (table.insertOnly()) {
                return;
            }
            tables.set(index, new Table(table.name(), table.view(), table.columns(), false, !table.localOnly(),
                    table.includeMetadata(), table.options()));
        }
        step("{\"replace_schema\": " + renderSchema() + "}");
    }

    // --- values ------------------------------------------------------------------------------------------

    private String[] rowKey() {
        if (!typesWithoutTable.isEmpty() && chance(0.15)) {
            return new String[] {pick(typesWithoutTable), "u" + (1 + random.nextInt(3))};
        }
        Table table = pick(tables);
        String id = chance(0.15) && localIds > 0 ? "l" + (1 + random.nextInt(localIds)) : "r" + (1 + random.nextInt(5));
        return new String[] {table.name(), id};
    }

    /** A synced row's data: JSON object text with (mostly) the table's columns. */
    private String rowData(String type) {
        if (chance(0.02)) {
            return pick(new String[] {"null", "[1,2]", "not json", "{}"});
        }
        List<String> fields = new ArrayList<>();
        Table table = tables.stream().filter(t -> t.name().equals(type)).findFirst().orElse(null);
        if (table == null) {
            fields.add("\"body\":" + quote(pick(TEXTS)));
            if (chance(0.5)) {
                fields.add("\"n\":" + random.nextInt(100));
            }
        } else {
            for (Column column : table.columns()) {
                if (chance(0.9)) {
                    fields.add(quote(column.name()) + ":" + jsonValue(column));
                }
            }
            if (chance(0.1)) {
                fields.add("\"extra\":" + quote(pick(TEXTS)));
            }
        }
        return "{" + String.join(",", fields) + "}";
    }

    /** A JSON value for a column, sometimes of another type or null. */
    private String jsonValue(Column column) {
        double odd = random.nextDouble();
        if (odd < 0.05) {
            return "null";
        }
        String type = odd < 0.12 ? pick(COLUMN_TYPES) : column.type();
        return switch (type) {
            case "integer" -> String.valueOf(chance(0.8) ? random.nextInt(1000) - 100 : random.nextLong());
            case "real" -> pick(new String[] {"1.5", "-0.25", "3.0", "1e20", "0.1", "2.5e-7", "100"});
            default -> quote(chance(0.15) ? pick(JSON_TEXTS) : pick(TEXTS));
        };
    }

    /** A SQL literal for a column, sometimes of another type or NULL. */
    private String sqlValue(Column column) {
        double odd = random.nextDouble();
        if (odd < 0.05) {
            return "NULL";
        }
        String type = odd < 0.12 ? pick(COLUMN_TYPES) : column.type();
        return switch (type) {
            case "integer" -> String.valueOf(chance(0.8) ? random.nextInt(1000) - 100 : random.nextLong());
            case "real" -> pick(new String[] {"1.5", "-0.25", "3.0", "1e20", "0.1", "2.5e-7"});
            default -> sqlText(pick(TEXTS));
        };
    }

    private int checksum() {
        return chance(0.6) ? 1 + random.nextInt(1000) : random.nextInt();
    }

    /** A 32-bit checksum as the service may spell it: signed, or as its unsigned bit pattern. */
    private String checksumText(int checksum) {
        String text = chance(0.5) ? String.valueOf(checksum) : String.valueOf(Integer.toUnsignedLong(checksum));
        // JavaScript services may send whole-number floats.
        return odd(0.05) ? text + ".0" : text;
    }

    // --- plumbing ----------------------------------------------------------------------------------------

    private void step(String json) {
        steps.add(json);
    }

    private boolean chance(double p) {
        return random.nextDouble() < p;
    }

    /** A chance that only chaos scenarios take. */
    private boolean odd(double p) {
        return chaos && chance(p);
    }

    private <T> T pick(T[] values) {
        return values[random.nextInt(values.length)];
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    private static String sqlText(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    /** A JSON string literal. */
    static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
