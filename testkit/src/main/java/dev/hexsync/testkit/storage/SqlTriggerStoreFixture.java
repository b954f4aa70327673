package dev.hexsync.testkit.storage;

import dev.hexsync.ports.api.DiffTriggerOperation;
import dev.hexsync.ports.schema.Table;
import dev.hexsync.ports.storage.SqlSession;
import dev.hexsync.ports.storage.TriggerStore;
import java.util.Objects;
import java.util.function.Function;

/**
 * {@link TriggerStoreContractTest}'s engine as a SQL session: rows change in the PowerSync layout's
 * {@code ps_data__<table>} with plain statements (override {@link #change} for another dialect).
 */
public class SqlTriggerStoreFixture implements TriggerStoreFixture {
    private final SqlSession session;

    /** Uses {@code session}, which stays the caller's to close. */
    public SqlTriggerStoreFixture(SqlSession session) {
        this.session = Objects.requireNonNull(session, "session is null");
    }

    @Override
    public <T> T write(Function<TriggerStore, T> work) {
        return session.write(tx -> work.apply(session.triggerStore()));
    }

    @Override
    public void change(Table source, DiffTriggerOperation operation, String id, String data) {
        String table = "ps_data__" + source.name();
        session.write(tx -> switch (operation) {
            case INSERT -> tx.execute("INSERT INTO " + table + "(id, data) VALUES (?, ?)", id, data);
            case UPDATE -> tx.execute("UPDATE " + table + " SET data = ? WHERE id = ?", data, id);
            case DELETE -> tx.execute("DELETE FROM " + table + " WHERE id = ?", id);
        });
    }

    @Override
    public boolean readsDiffs() {
        return true;
    }
}
