package dev.hexsync.adapters.sqlite;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.HexFormat;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Publishes candidate rows inside SQLite rather than row by row through JDBC: the candidates query feeds
 * {@code INSERT INTO temp.hexsync_publish_rows(type, id, data)}, a temporary view whose INSTEAD OF triggers
 * write each row exactly as the per-row path would (the same REPLACE or DELETE on the same table, in candidate
 * order, so rowids and the application's triggers come out the same), without each row's data crossing into
 * Java and back.
 *
 * <p>Rows only the per-row path can publish (no type or id, which fails the publish with the engine's error;
 * a raw table, whose statements and value conversions live in Java) make a trigger raise {@link #FALLBACK}
 * with ABORT, which undoes the whole statement; the caller then publishes per row. Candidate values are
 * bound as SQLite holds them: ps_oplog's type, id and data are always text (or null), written with text
 * bindings by hexsync and by the engine alike, so this equals the per-row path's getString/setString.
 *
 * <p>The view and its triggers live in the writer connection's temp schema (invisible to other connections
 * and to {@code sqlite_master}); they are rebuilt only when the set of tables they route to changes. What is
 * installed is read back from the temp schema each time rather than remembered, since creating them is undone
 * with a transaction that rolls back.
 */
final class PublishTriggers {
    static final String VIEW = "hexsync_publish_rows";
    /** The message of the ABORT that hands a publish to the per-row path. */
    static final String FALLBACK = "hexsync: publish per row";

    private static final String DATA_PREFIX = "ps_data__";
    private static final String INSTALLED = "SELECT 1 FROM temp.sqlite_master WHERE type = 'trigger' AND name = ?";

    private PublishTriggers() {
    }

    /** {@code INSERT INTO} the view from a candidates query (one of the engine's, ending in {@code ;}). */
    static String insertFrom(String candidatesQuery) {
        String query = candidatesQuery.strip();
        if (query.endsWith(";")) {
            query = query.substring(0, query.length() - 1);
        }
        return "INSERT INTO temp." + VIEW + "(type, id, data) " + query;
    }

    /**
     * Makes the view's triggers write rows of {@code dataTypes} to their {@code ps_data__} tables, abort for
     * {@code perRowTypes} and for rows without type or id, and write every other row to {@code ps_untyped}.
     */
    static void install(Connection connection, Collection<String> dataTypes, Collection<String> perRowTypes)
            throws SQLException {
        Set<String> data = new TreeSet<>(dataTypes);
        Set<String> perRow = new TreeSet<>(perRowTypes);
        perRow.removeAll(data);
        // The per-row trigger's name carries a digest of what the triggers route, so that finding it by name
        // tells that the installed triggers are the ones wanted.
        String marker = VIEW + "_per_row_" + digest(String.join("\u0000", data) + "\u0001" + String.join("\u0000", perRow));
        try (PreparedStatement query = connection.prepareStatement(INSTALLED)) {
            query.setString(1, marker);
            try (ResultSet rows = query.executeQuery()) {
                if (rows.next()) {
                    return;
                }
            }
        }
        try (Statement statement = connection.createStatement()) {
            // Dropping the view drops its triggers, including any left by an earlier store on this connection.
            statement.execute("DROP VIEW IF EXISTS temp." + VIEW);
            statement.execute("CREATE TEMP VIEW " + VIEW + "(type, id, data) AS SELECT NULL, NULL, NULL WHERE 0");
            statement.execute("CREATE TEMP TRIGGER " + marker + " INSTEAD OF INSERT ON " + VIEW
                    + " WHEN NEW.type IS NULL OR NEW.id IS NULL OR NEW.type IN (" + literals(perRow) + ")"
                    + " BEGIN SELECT RAISE(ABORT, '" + FALLBACK + "'); END");
            int index = 0;
            for (String type : data) {
                String table = WriterStatements.quoteIdentifier(DATA_PREFIX + type);
                // Exactly one trigger matches a row: the WHEN clauses are disjoint.
                statement.execute("CREATE TEMP TRIGGER " + VIEW + "_" + index++ + " INSTEAD OF INSERT ON " + VIEW
                        + " WHEN NEW.type = " + literal(type) + " BEGIN\n"
                        + "  DELETE FROM " + table + " WHERE NEW.data IS NULL AND id = NEW.id;\n"
                        + "  REPLACE INTO " + table + "(id, data) SELECT NEW.id, NEW.data WHERE NEW.data IS NOT NULL;\n"
                        + "END");
            }
            statement.execute("CREATE TEMP TRIGGER " + VIEW + "_untyped INSTEAD OF INSERT ON " + VIEW
                    + " WHEN NEW.type IS NOT NULL AND NEW.id IS NOT NULL AND NEW.type NOT IN ("
                    + literals(data) + (data.isEmpty() || perRow.isEmpty() ? "" : ", ") + literals(perRow) + ")"
                    + " BEGIN\n"
                    + "  DELETE FROM ps_untyped WHERE NEW.data IS NULL AND type = NEW.type AND id = NEW.id;\n"
                    + "  REPLACE INTO ps_untyped(type, id, data) SELECT NEW.type, NEW.id, NEW.data"
                    + " WHERE NEW.data IS NOT NULL;\n"
                    + "END");
        }
    }

    private static String digest(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    static boolean isFallback(SQLException e) {
        String message = e.getMessage();
        return message != null && message.contains(FALLBACK);
    }

    private static String literals(Collection<String> values) {
        return values.stream().map(PublishTriggers::literal).collect(Collectors.joining(", "));
    }

    private static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }
}
