package dev.hexsync.bootstrap.interop;

import dev.hexsync.ports.api.BackendConnector;
import dev.hexsync.ports.api.SyncDatabase;
import dev.hexsync.ports.model.CrudEntry;
import dev.hexsync.ports.model.CrudTransaction;
import dev.hexsync.ports.transport.Credentials;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An app backend as the recipe's Node client has one: credentials are freshly signed tokens, and
 * {@code uploadData} applies each queued transaction to Postgres in one JDBC transaction (PUT as an upsert,
 * PATCH as an update of the named columns, DELETE), then completes it.
 */
final class JdbcBackend implements BackendConnector {
    private static final Set<String> TABLES = Set.of("lists", "todos");

    private final String user;
    private final Duration tokenLifetime;
    private final AtomicInteger credentialFetches = new AtomicInteger();
    private final List<CrudEntry> uploaded = new CopyOnWriteArrayList<>();

    JdbcBackend(String user, Duration tokenLifetime) {
        this.user = user;
        this.tokenLifetime = tokenLifetime;
    }

    JdbcBackend(String user) {
        this(user, Duration.ofHours(1));
    }

    @Override
    public Optional<Credentials> fetchCredentials() {
        credentialFetches.incrementAndGet();
        return Optional.of(new Credentials(RealService.URL, RealService.token(user, tokenLifetime),
                Optional.of(Instant.now().plus(tokenLifetime))));
    }

    @Override
    public void uploadData(SyncDatabase database) throws Exception {
        Optional<CrudTransaction> next;
        while ((next = database.getNextCrudTransaction()).isPresent()) {
            CrudTransaction transaction = next.get();
            try (Connection connection = RealService.postgres()) {
                connection.setAutoCommit(false);
                for (CrudEntry entry : transaction.crud()) {
                    apply(connection, entry);
                }
                connection.commit();
            }
            uploaded.addAll(transaction.crud());
            transaction.complete();
        }
    }

    private static void apply(Connection connection, CrudEntry entry) throws SQLException {
        if (!TABLES.contains(entry.table())) {
            throw new IllegalStateException("Unknown table " + entry.table());
        }
        Map<String, Object> data = entry.opData().orElse(Map.of());
        List<String> columns = new ArrayList<>(data.keySet());
        columns.forEach(JdbcBackend::checkColumn);
        String sql;
        List<Object> values = new ArrayList<>();
        switch (entry.op()) {
            case PUT -> {
                List<String> all = new ArrayList<>(List.of("id"));
                all.addAll(columns);
                sql = "INSERT INTO " + entry.table() + " (" + String.join(", ", all) + ") VALUES ("
                        + String.join(", ", all.stream().map(c -> "?").toList()) + ") ON CONFLICT (id) DO UPDATE SET "
                        + (columns.isEmpty() ? "id = EXCLUDED.id"
                                : String.join(", ", columns.stream().map(c -> c + " = EXCLUDED." + c).toList()));
                values.add(entry.id());
                columns.forEach(c -> values.add(data.get(c)));
            }
            case PATCH -> {
                if (columns.isEmpty()) {
                    return;
                }
                sql = "UPDATE " + entry.table() + " SET " + String.join(", ", columns.stream().map(c -> c + " = ?").toList())
                        + " WHERE id = ?";
                columns.forEach(c -> values.add(data.get(c)));
                values.add(entry.id());
            }
            case DELETE -> {
                sql = "DELETE FROM " + entry.table() + " WHERE id = ?";
                values.add(entry.id());
            }
            default -> throw new IllegalStateException("Unknown operation " + entry.op());
        }
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < values.size(); i++) {
                statement.setObject(i + 1, values.get(i));
            }
            statement.executeUpdate();
        }
    }

    /** Column names come from the client's queue: only plain identifiers reach the SQL text. */
    private static void checkColumn(String column) {
        if (!column.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalStateException("Unexpected column name " + column);
        }
    }

    int credentialFetches() {
        return credentialFetches.get();
    }

    List<CrudEntry> uploaded() {
        return List.copyOf(uploaded);
    }
}
