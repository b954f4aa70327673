package dev.hexsync.bootstrap.interop;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The Postgres database the service replicates (the recipe's {@code lists} and {@code todos}): changes made
 * behind the clients' backs, and the rows a user's clients must end up with under the recipe's sync config
 * (every list through {@code global_lists}; the todos of the user's own lists through {@code todos_by_list}, and
 * of each list subscribed through the stream {@code list_todos}).
 *
 * <p>Rows the suite creates have ids starting with {@link #PREFIX}; {@link #removeOwnRows()} deletes them, so that
 * the recipe's 1,000 rows are what is left after every test, passed or failed.
 */
final class SourceDatabase {
    /** The prefix of every id the suite creates. */
    static final String PREFIX = "interop-";

    private SourceDatabase() {
    }

    /** Runs one statement in its own transaction; returns the update count. */
    static int execute(String sql, Object... params) {
        try (Connection connection = RealService.postgres(); PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Postgres refused " + sql + ": " + e.getMessage(), e);
        }
    }

    /** Deletes the suite's lists (their todos cascade) and todos. */
    static void removeOwnRows() {
        execute("DELETE FROM todos WHERE id LIKE '" + PREFIX + "%'");
        execute("DELETE FROM lists WHERE id LIKE '" + PREFIX + "%'");
    }

    /**
     * Lists of {@code owner}, each with {@code todos} todos ({@code <list>-todo-<n>}, n in six digits), in one transaction: one
     * checkpoint, so that both clients receive the same data lines (see {@link Clients#converge}).
     */
    static void createLists(String owner, int todos, String... ids) {
        try (Connection connection = RealService.postgres()) {
            connection.setAutoCommit(false);
            for (String id : ids) {
                try (PreparedStatement list = connection.prepareStatement("INSERT INTO lists (id, name, owner_id, created_at)"
                        + " VALUES (?, ?, ?, '2026-02-01T00:00:00Z')");
                        PreparedStatement items = connection.prepareStatement("INSERT INTO todos"
                                + " (id, list_id, description, completed, created_at)"
                                + " SELECT ? || '-todo-' || lpad(n::text, 6, '0'), ?, 'Todo ' || n || ' of ' || ?, n % 2,"
                                + " '2026-02-01T00:00:00Z' FROM generate_series(1, ?) n")) {
                    list.setString(1, id);
                    list.setString(2, "List " + id);
                    list.setString(3, owner);
                    list.executeUpdate();
                    items.setString(1, id);
                    items.setString(2, id);
                    items.setString(3, id);
                    items.setInt(4, todos);
                    items.executeUpdate();
                }
            }
            connection.commit();
        } catch (SQLException e) {
            throw new IllegalStateException("Postgres refused the lists " + String.join(", ", ids) + ": " + e.getMessage(), e);
        }
    }

    /** The rows of {@code lists} every client must have, as the local view shows them (id first). */
    static List<List<Object>> expectedLists() {
        return query("SELECT id, name, owner_id, created_at FROM lists ORDER BY id COLLATE \"C\"");
    }

    /** The rows of {@code todos} a client of {@code user} subscribed to {@code streamLists} must have. */
    static List<List<Object>> expectedTodos(String user, Collection<String> streamLists) {
        return query("SELECT id, list_id, description, completed, created_at FROM todos"
                + " WHERE list_id IN (SELECT id FROM lists WHERE owner_id = ?) OR list_id = ANY (?)"
                + " ORDER BY id COLLATE \"C\"", user, streamLists.toArray(String[]::new));
    }

    private static List<List<Object>> query(String sql, Object... params) {
        try (Connection connection = RealService.postgres(); PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                if (params[i] instanceof String[] array) {
                    statement.setArray(i + 1, connection.createArrayOf("text", array));
                } else {
                    statement.setObject(i + 1, params[i]);
                }
            }
            List<List<Object>> rows = new ArrayList<>();
            try (var result = statement.executeQuery()) {
                int columns = result.getMetaData().getColumnCount();
                while (result.next()) {
                    List<Object> row = new ArrayList<>(columns);
                    for (int i = 1; i <= columns; i++) {
                        row.add(ClientState.normalize(result.getObject(i)));
                    }
                    rows.add(row);
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("Postgres refused " + sql + ": " + e.getMessage(), e);
        }
    }
}
