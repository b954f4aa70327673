package dev.hexsync.adapters.h2;

import dev.hexsync.ports.storage.DatabaseLocation;
import dev.hexsync.ports.storage.SqlSession;
import dev.hexsync.ports.storage.StorageOptions;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * The child of {@link H2CrashTest}: commits {@link H2CrashTest#COMMITTED} local writes, each in its own
 * transaction, then opens one more write transaction with uncommitted rows, prints {@code IN_TX} and waits there
 * until it is killed.
 */
public final class CrashWriter {
    private CrashWriter() {
    }

    public static void main(String[] args) throws Exception {
        SqlSession session = new H2StorageEngine().open(DatabaseLocation.file(Path.of(args[0])), StorageOptions.DEFAULT);
        session.applySchema(H2CrashTest.SCHEMA);
        System.out.println("ready");
        for (int i = 0; i < H2CrashTest.COMMITTED; i++) {
            int n = i;
            session.write(tx -> tx.execute("INSERT INTO todos(id, description, n) VALUES (?, 'committed', ?)", "c" + n, n));
        }
        session.write(tx -> {
            for (int i = 0; i < 50; i++) {
                tx.execute("INSERT INTO todos(id, description, n) VALUES (?, 'lost', ?)", "u" + i, 1000 + i);
            }
            System.out.println("IN_TX");
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        });
    }
}
