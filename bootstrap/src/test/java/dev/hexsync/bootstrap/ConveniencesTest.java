package dev.hexsync.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.hexsync.ports.api.DatabaseClosedException;
import dev.hexsync.ports.api.RowMappingException;
import dev.hexsync.ports.api.SyncDatabase;
import dev.hexsync.ports.api.WatchSubscription;
import dev.hexsync.ports.schema.Schema;
import dev.hexsync.ports.schema.Table;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a Java team expects beyond plain SQL, on a real SQLite file through the builder: rich parameter types,
 * records, callback watches and futures. Each would fail on the API before them (a rejected parameter type, no
 * such method).
 */
class ConveniencesTest {
    private static final Duration GUARD = Duration.ofSeconds(10);
    private static final Schema SCHEMA = Schema.of(Table.builder("invoices").text("customer").text("amount")
            .text("issued_at").text("due").text("status").integer("paid").build());

    enum Status { DRAFT, SENT }

    /** A record as an application would declare it; {@code issuedAt} maps from {@code issued_at}. */
    public record Invoice(UUID id, String customer, BigDecimal amount, Instant issuedAt, LocalDate due,
            Status status, boolean paid) {
    }

    @TempDir
    Path dir;

    private SyncDatabase db;

    @BeforeEach
    void open() {
        db = HexSync.builder().sqlite(dir.resolve("app.db")).schema(SCHEMA).build();
    }

    @AfterEach
    void close() {
        db.close();
    }

    private Invoice sample() {
        return new Invoice(UUID.randomUUID(), "ACME", new BigDecimal("1234.50"),
                Instant.parse("2026-12-07T21:03:04.567Z"), LocalDate.of(2027, 1, 6), Status.SENT, false);
    }

    private void insert(Invoice invoice) {
        db.execute("INSERT INTO invoices(id, customer, amount, issued_at, due, status, paid) VALUES (?, ?, ?, ?, ?, ?, ?)",
                invoice.id(), invoice.customer(), invoice.amount(), invoice.issuedAt(), invoice.due(),
                invoice.status(), invoice.paid());
    }

    @Test
    void richParametersAreStoredInTheirTextFormsAndReadBackAsRecords() {
        Invoice invoice = sample();
        insert(invoice);

        Map<String, Object> stored = db.get("SELECT * FROM invoices").toMap();
        assertThat(stored).containsEntry("id", invoice.id().toString())
                .containsEntry("amount", "1234.50")
                .containsEntry("issued_at", "2026-12-07T21:03:04.567Z")
                .containsEntry("due", "2027-01-06")
                .containsEntry("status", "SENT")
                .containsEntry("paid", 0L);
        assertThat(db.getAll("SELECT * FROM invoices WHERE id = ?", List.of(invoice.id()), Invoice.class))
                .containsExactly(invoice);
        assertThat(db.getOptional("SELECT * FROM invoices WHERE due < ?", List.of(LocalDate.of(2027, 1, 1)),
                Invoice.class)).isEmpty();
    }

    @Test
    void richParametersAreConvertedInsideTransactionsToo() {
        Invoice invoice = sample();
        db.writeTransaction(tx -> {
            tx.execute("INSERT INTO invoices(id, status) VALUES (?, ?)", invoice.id(), Status.DRAFT);
            tx.executeBatch("UPDATE invoices SET issued_at = ? WHERE id = ?",
                    List.of(List.of(invoice.issuedAt(), invoice.id())));
            return null;
        });

        String status = db.readTransaction(tx -> tx.get("SELECT status FROM invoices WHERE issued_at = ?",
                invoice.issuedAt()).getString("status"));
        assertThat(status).isEqualTo("DRAFT");
    }

    @Test
    void aRecordWithAComponentTheQueryLacksFailsNamingTheColumn() {
        insert(sample());

        assertThatThrownBy(() -> db.getAll("SELECT id, customer, amount FROM invoices", List.of(), Invoice.class))
                .isInstanceOf(RowMappingException.class)
                .hasMessageContaining("'issuedAt' or 'issued_at'");
    }

    @Test
    void aWatchWithCallbacksDeliversResultsUntilClosed() {
        List<List<String>> results = new CopyOnWriteArrayList<>();
        List<Throwable> errors = new CopyOnWriteArrayList<>();
        WatchSubscription watch = db.watch("SELECT customer FROM invoices WHERE status = ? ORDER BY customer",
                List.of(Status.SENT), row -> row.getString("customer"), results::add, errors::add);

        await().atMost(GUARD).until(() -> results.contains(List.of()));
        insert(sample());
        await().atMost(GUARD).until(() -> results.contains(List.of("ACME")));

        watch.close();
        assertThat(watch.isClosed()).isTrue();
        assertThat(errors).isEmpty();
    }

    @Test
    void aWatchWhoseQueryFailsReachesTheErrorHandler() {
        AtomicReference<Throwable> error = new AtomicReference<>();
        WatchSubscription watch = db.watch("SELECT nope FROM invoices", List.of(), row -> row.get(0),
                rows -> { }, error::set);

        await().atMost(GUARD).until(() -> error.get() != null);
        assertThat(error.get()).hasMessageContaining("nope");
        assertThat(watch.isClosed()).isTrue();
    }

    @Test
    void futuresCarryResultsAndFailures() {
        Invoice invoice = sample();
        CompletableFuture<Long> inserted = db.writeTransactionAsync(tx -> {
            tx.execute("INSERT INTO invoices(id, customer) VALUES (?, ?)", invoice.id(), "ACME");
            return 1L;
        });
        assertThat(inserted.orTimeout(GUARD.toSeconds(), java.util.concurrent.TimeUnit.SECONDS).join()).isEqualTo(1L);

        assertThat(db.getAllAsync("SELECT customer FROM invoices", List.of(), row -> row.getString("customer"))
                .join()).containsExactly("ACME");
        assertThat(db.readTransactionAsync(tx -> tx.getAll("SELECT * FROM invoices")).join()).hasSize(1);
        assertThat(db.executeAsync("DELETE FROM invoices WHERE id = ?", List.of(invoice.id())).join()).isZero();
        assertThatThrownBy(() -> db.getAllAsync("SELECT nope FROM invoices", List.of(), row -> row).join())
                .isInstanceOf(CompletionException.class).hasMessageContaining("nope");
    }

    @Test
    void futuresMayRunOnTheApplicationsExecutor() {
        ExecutorService executor = Executors.newSingleThreadExecutor(task -> new Thread(task, "app-executor"));
        try {
            String thread = db.readTransactionAsync(tx -> Thread.currentThread().getName(), executor).join();
            assertThat(thread).isEqualTo("app-executor");
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void futuresOfAClosedDatabaseFailInsteadOfThrowing() {
        db.close();

        CompletableFuture<List<Object>> future = db.getAllAsync("SELECT 1", List.of(), row -> row.get(0));

        assertThatThrownBy(future::join).hasCauseInstanceOf(DatabaseClosedException.class);
    }
}
