package dev.hexsync.domain.collection;

import dev.hexsync.ports.api.DiffContext;
import dev.hexsync.ports.api.DiffTrigger;
import dev.hexsync.ports.api.DiffTriggerOperation;
import dev.hexsync.ports.api.DiffTriggerOptions;
import dev.hexsync.ports.api.SqlRow;
import dev.hexsync.ports.api.SyncDatabase;
import dev.hexsync.ports.api.WriteContext;
import dev.hexsync.ports.api.collection.ChangeBatch;
import dev.hexsync.ports.api.collection.CollectionOptions;
import dev.hexsync.ports.api.collection.InvalidRowException;
import dev.hexsync.ports.api.collection.LiveCollection;
import dev.hexsync.ports.api.collection.LiveSubset;
import dev.hexsync.ports.api.collection.Mutation;
import dev.hexsync.ports.api.collection.RowFilter;
import dev.hexsync.ports.schema.Column;
import dev.hexsync.ports.schema.Table;
import dev.hexsync.ports.storage.SqlSession;
import dev.hexsync.ports.storage.TriggerStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Flow;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * A live collection over one table: its in-memory state, and the diff trigger that keeps it in step. The trigger
 * is created in the write transaction that pages the table into memory, so no write falls between snapshot and
 * trigger; each flush applies the recorded rows in operation order. An on-demand collection rebuilds trigger and
 * snapshot whenever its subsets' filters change: the new snapshot reflects every committed write, so the old
 * trigger's unflushed rows are dropped with it, and writes waiting for their echo in it are confirmed.
 */
final class DatabaseCollection<T> implements LiveCollection<T> {
    private final SyncDatabase db;
    private final SqlSession session;
    private final Table table;
    private final CollectionOptions<T> options;
    private final CollectionState<T> state;
    private final CollectionTransactor transactor;
    private final Echoes echoes;
    private final List<String> columns;
    private DiffTrigger trigger;
    private volatile boolean closed;
    private Runnable onClose = () -> { };

    DatabaseCollection(SyncDatabase db, SqlSession session, Table table, CollectionOptions<T> options,
            CollectionState<T> state, CollectionTransactor transactor) {
        this.db = db;
        this.session = session;
        this.table = table;
        this.options = options;
        this.state = state;
        this.transactor = transactor;
        this.echoes = new Echoes(transactor.completions());
        this.columns = table.columns().stream().map(Column::name).toList();
    }

    CollectionState<T> state() {
        return state;
    }

    Table schemaTable() {
        return table;
    }

    CollectionOptions<T> options() {
        return options;
    }

    Echoes echoes() {
        return echoes;
    }

    // ---- the trigger ------------------------------------------------------------------------------------

    /**
     * Creates the diff trigger (again) and loads the rows it covers, in one write transaction; the previous
     * trigger, if any, is dropped in it too.
     */
    synchronized void rebuild() {
        if (closed) {
            return;
        }
        RowFilter coverage = coverage();
        db.writeTransaction(tx -> {
            long generation = echoes.nextGeneration();
            DiffTriggerOptions trigger = DiffTriggerOptions.of(table.viewName())
                    .withBeforeCreate(context -> load(context, coverage));
            if (options.onDemand()) {
                trigger = withConditions(trigger, coverage, session.triggerStore());
            }
            if (options.storage().isPresent()) {
                trigger = trigger.withStorage(options.storage().get());
            }
            DiffTrigger created = db.trackTableDiff(trigger, options.flushInterval(),
                    context -> flush(generation, context));
            DiffTrigger previous = this.trigger;
            this.trigger = created;
            echoes.started(generation, created.destination());
            if (previous != null) {
                previous.close();
            }
            return null;
        });
        echoes.settleOlderGenerations();
    }

    /** What the collection holds: everything, or (on demand) what the open subsets' filters cover. */
    private RowFilter coverage() {
        if (!options.onDemand()) {
            return RowFilter.all();
        }
        return new RowFilter.Or(state.demanded());
    }

    /** INSERT on the new row, DELETE on the old one, UPDATE when either is covered (so leaving is seen). */
    private DiffTriggerOptions withConditions(DiffTriggerOptions trigger, RowFilter coverage, TriggerStore store) {
        String onNew = Filters.sql(coverage, column -> store.rowColumn(table, "NEW", column), Filters::literal);
        String onOld = Filters.sql(coverage, column -> store.rowColumn(table, "OLD", column), Filters::literal);
        return trigger.withWhen(DiffTriggerOperation.INSERT, onNew)
                .withWhen(DiffTriggerOperation.UPDATE, "(" + onNew + ") OR (" + onOld + ")")
                .withWhen(DiffTriggerOperation.DELETE, onOld);
    }

    /** Pages the covered rows in id order (keyset, so each page is an index range) and replaces memory's. */
    private void load(WriteContext context, RowFilter coverage) {
        StringBuilder select = new StringBuilder("SELECT ").append(Filters.identifier("id"));
        for (String column : columns) {
            select.append(", ").append(Filters.identifier(column));
        }
        List<Object> filterParams = new ArrayList<>();
        String where = Filters.sql(coverage, Filters::identifier, value -> {
            filterParams.add(value);
            return "?";
        });
        String query = select + " FROM " + Filters.identifier(table.viewName()) + " WHERE (" + where + ") AND "
                + Filters.identifier("id") + " > ? ORDER BY " + Filters.identifier("id") + " LIMIT ?";
        List<Map<String, Object>> rows = new ArrayList<>();
        String after = "";
        while (true) {
            List<Object> params = new ArrayList<>(filterParams);
            params.add(after);
            params.add(options.batchSize());
            List<Map<String, Object>> page = context.getAll(query, params, this::storedRow);
            rows.addAll(page);
            if (page.size() < options.batchSize()) {
                break;
            }
            after = (String) page.get(page.size() - 1).get("id");
        }
        state.replaceSynced(rows, coverage);
    }

    private Map<String, Object> storedRow(SqlRow row) {
        Map<String, Object> stored = new LinkedHashMap<>();
        stored.put("id", row.get(0));
        for (int i = 0; i < columns.size(); i++) {
            stored.put(columns.get(i), ColumnValues.normalize(table.columns().get(i).type(), row.get(i + 1)));
        }
        return stored;
    }

    /** A flush of the trigger: the recorded rows into memory in operation order, then the echoes they carry. */
    private void flush(long generation, DiffContext context) {
        if (!echoes.isCurrent(generation)) {
            return; // replaced: the newer snapshot already holds these changes
        }
        List<DiffRow> rows = context.withExtractedDiff("SELECT * FROM DIFF ORDER BY __operation_id", List.of(),
                row -> {
                    Map<String, Object> stored = new LinkedHashMap<>();
                    stored.put("id", row.getString("id"));
                    for (Column column : table.columns()) {
                        stored.put(column.name(), ColumnValues.normalize(column.type(), row.get(column.name())));
                    }
                    return new DiffRow(row.getString("__operation"), row.getString("id"), stored,
                            row.getLong("__operation_id"));
                });
        state.applyDiff(rows);
        if (!rows.isEmpty()) {
            echoes.applied(generation, rows.get(rows.size() - 1).operationId());
        }
    }

    // ---- reads ------------------------------------------------------------------------------------------

    @Override
    public String table() {
        return table.name();
    }

    @Override
    public Optional<T> get(String id) {
        return state.row(id).map(Row::value);
    }

    @Override
    public int size() {
        return state.size();
    }

    @Override
    public List<T> values() {
        return state.values();
    }

    @Override
    public Flow.Publisher<ChangeBatch<T>> changes() {
        return state.publisher();
    }

    @Override
    public LiveSubset<T> where(RowFilter filter) {
        RowFilter stored = Filters.stored(filter, state.mapping(), table);
        SubsetView<T> subset = new SubsetView<>(state, row -> Filters.matches(stored, row.columns()),
                Optional.of(stored), null, options.onDemand() ? this::rebuild : () -> { });
        state.addSubset(subset);
        if (options.onDemand()) {
            rebuild();
        }
        return subset;
    }

    @Override
    public LiveSubset<T> orderBy(Comparator<? super T> comparator) {
        SubsetView<T> subset = new SubsetView<>(state, row -> true, Optional.empty(),
                Objects.requireNonNull(comparator, "comparator is null"), () -> { });
        state.addSubset(subset);
        return subset;
    }

    @Override
    public LiveSubset<T> where(Predicate<? super T> predicate) {
        SubsetView<T> subset = new SubsetView<>(state, row -> predicate.test(row.value()), Optional.empty(), null,
                () -> { });
        state.addSubset(subset);
        return subset;
    }

    // ---- mutations --------------------------------------------------------------------------------------

    @Override
    public Mutation insert(T row) {
        return transactor.begin().insert(this, row).commit();
    }

    @Override
    public Mutation update(String id, UnaryOperator<T> mutator) {
        return transactor.begin().update(this, id, mutator).commit();
    }

    @Override
    public Mutation delete(String id) {
        return transactor.begin().delete(this, id).commit();
    }

    /**
     * The current trigger's generation and last recorded operation; read inside a write transaction, which
     * orders it against rebuilds (so it takes no lock of the collection's: a rebuild holds that while it waits
     * for the write lock).
     */
    Echoes.Target target(WriteContext tx) {
        return echoes.target(tx);
    }

    CollectionTransactor transactor() {
        return transactor;
    }

    /**
     * A row's stored values by column, after the validation hook accepted it.
     *
     * @throws InvalidRowException when the hook rejects it or the mapping yields a column the table lacks
     */
    Map<String, Object> columnsOf(T row) {
        Objects.requireNonNull(row, "row is null");
        Optional<String> problem = options.validator().problem(row);
        if (problem.isPresent()) {
            throw new InvalidRowException("Rejected for " + table.name() + ": " + problem.get() + " (" + row + ")");
        }
        Map<String, Object> stored = new LinkedHashMap<>();
        state.mapping().toColumns(row).forEach((column, value) -> {
            if (!column.equals("id") && table.column(column).isEmpty()) {
                throw new InvalidRowException("The mapping of " + table.name() + " yields column '" + column
                        + "', which the table does not have");
            }
            stored.put(column, ColumnValues.normalize(Filters.type(table, column), ColumnValues.plain(value)));
        });
        return stored;
    }

    /** The row's id, which must be non-empty text. */
    String idOf(Map<String, Object> columns) {
        if (!(columns.get("id") instanceof String id) || id.isEmpty()) {
            throw new InvalidRowException("A row of " + table.name() + " needs a non-empty text id, got "
                    + columns.get("id"));
        }
        return id;
    }

    /** Writes one pending write through the table's view, in the transactor's write transaction. */
    void write(WriteContext tx, PendingWrite write, Optional<String> metadata) {
        ViewWrites.write(tx, table, write, metadata);
    }

    boolean isClosed() {
        return closed;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (trigger != null) {
            trigger.close();
        }
        echoes.close();
        state.close();
        onClose.run();
    }

    /** Runs once the collection closed (its owner forgets it). */
    synchronized void onClose(Runnable hook) {
        onClose = hook;
    }
}
