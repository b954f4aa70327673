package dev.hexsync.bootstrap.interop;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What compare.sh (the realservice recipe's comparison of two client databases) looks at, read from a client's
 * database file with the same queries: the rows of {@code lists} and {@code todos}, the oplog by bucket name and
 * op id, and the bucket state including {@code downloaded_size}. Values keep their SQLite type (an integer is not
 * equal to the same digits as text), which is stricter than compare.sh's text output.
 *
 * @param parts each query's rows, in the query's order, by part name
 */
record ClientState(Map<String, List<List<Object>>> parts) {
    /** compare.sh's queries (its {@code diff} of ps_buckets, the one with downloaded_size). */
    static final Map<String, String> QUERIES = Map.of(
            "lists", "SELECT * FROM lists ORDER BY id",
            "todos", "SELECT * FROM todos ORDER BY id",
            "ps_oplog", "SELECT b.name, o.op_id, o.row_type, o.row_id, o.key, o.data, o.hash FROM ps_oplog o"
                    + " JOIN ps_buckets b ON b.id = o.bucket ORDER BY b.name, o.op_id",
            "ps_buckets", "SELECT name, last_applied_op, last_op, add_checksum, op_checksum, pending_delete,"
                    + " count_at_last, count_since_last, downloaded_size FROM ps_buckets ORDER BY name");
    static final List<String> PARTS = List.of("lists", "todos", "ps_oplog", "ps_buckets");
    private static final int SHOWN = 5;

    /** Reads a client's database file (another process may be writing it: WAL readers do not block it). */
    static ClientState read(Path database) {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + database.toAbsolutePath());
                Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA busy_timeout = 5000");
            Map<String, List<List<Object>>> parts = new LinkedHashMap<>();
            // One read transaction: the four parts show one committed state.
            connection.setAutoCommit(false);
            try {
                for (String part : PARTS) {
                    parts.put(part, rows(statement, QUERIES.get(part)));
                }
            } finally {
                connection.rollback();
            }
            return new ClientState(parts);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the client database " + database + ": " + e.getMessage(), e);
        }
    }

    static List<List<Object>> rows(Statement statement, String sql) throws SQLException {
        List<List<Object>> rows = new ArrayList<>();
        try (ResultSet result = statement.executeQuery(sql)) {
            int columns = result.getMetaData().getColumnCount();
            while (result.next()) {
                List<Object> row = new ArrayList<>(columns);
                for (int i = 1; i <= columns; i++) {
                    row.add(normalize(result.getObject(i)));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    /** One spelling per SQLite type: integers as Long, blobs as hex with a marker, text and reals as they are. */
    static Object normalize(Object value) {
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof byte[] bytes) {
            return "blob:" + HexFormat.of().formatHex(bytes);
        }
        if (value instanceof java.math.BigDecimal decimal) {
            return decimal.scale() <= 0 ? (Object) decimal.longValueExact() : decimal.doubleValue();
        }
        return value;
    }

    /**
     * This state without {@code ps_buckets.downloaded_size} (its last column). The size counts the bytes of the
     * sync lines a bucket's data came in, and the service cuts a bucket's data into lines by where its batches of
     * operations end (and merges checkpoints a client has not asked for yet): two clients that received the same
     * operations may have received them in differently cut lines.
     */
    ClientState withoutDownloadedSize() {
        Map<String, List<List<Object>>> copy = new LinkedHashMap<>(parts);
        copy.put("ps_buckets", part("ps_buckets").stream().map(row -> row.subList(0, row.size() - 1)).toList());
        return new ClientState(copy);
    }

    List<List<Object>> part(String name) {
        return parts.getOrDefault(name, List.of());
    }

    /**
     * What differs between two states, one line per part that differs (empty when they are equal), naming
     * {@code thisName} and {@code otherName} and showing a few rows only one side has.
     */
    List<String> differencesFrom(ClientState other, String thisName, String otherName) {
        List<String> differences = new ArrayList<>();
        for (String part : PARTS) {
            difference(part, part(part), other.part(part), thisName, otherName).ifPresent(differences::add);
        }
        return differences;
    }

    /** What differs between one part's rows on two sides, or empty when they are equal (order included). */
    static java.util.Optional<String> difference(String part, List<List<Object>> mine, List<List<Object>> theirs,
            String thisName, String otherName) {
        if (mine.equals(theirs)) {
            return java.util.Optional.empty();
        }
        Set<List<Object>> onlyMine = new LinkedHashSet<>(mine);
        theirs.forEach(onlyMine::remove);
        Set<List<Object>> onlyTheirs = new LinkedHashSet<>(theirs);
        mine.forEach(onlyTheirs::remove);
        StringBuilder text = new StringBuilder(part).append(": ").append(thisName).append(' ').append(mine.size())
                .append(" rows, ").append(otherName).append(' ').append(theirs.size()).append(" rows");
        if (onlyMine.isEmpty() && onlyTheirs.isEmpty()) {
            text.append(", same rows in another order or repeated");
        }
        append(text, "only in " + thisName, onlyMine);
        append(text, "only in " + otherName, onlyTheirs);
        return java.util.Optional.of(text.toString());
    }

    private static void append(StringBuilder text, String label, Set<List<Object>> rows) {
        if (rows.isEmpty()) {
            return;
        }
        text.append("; ").append(label).append(" (").append(rows.size()).append("): ");
        rows.stream().limit(SHOWN).forEach(row -> text.append(row).append(' '));
        if (rows.size() > SHOWN) {
            text.append("...");
        }
    }
}
