package dev.hexsync.adapters.sqlite;

import dev.hexsync.ports.storage.StorageException;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets a connection that keeps its write transaction open (group commit, see {@link SqliteSession}) learn that
 * another connection waits for the write lock, in this process or in another one on the same file.
 *
 * <p>Waiters knock: every time SQLite's busy handler runs on a writer connection (each retry while the lock is
 * taken), it adds one to a counter in a small file beside the database ({@code app.db-waiting}), mapped into
 * memory by every process that opens the file. A holder compares the counter with the value it read when its
 * transaction began; any change means someone is waiting now, because waiters keep knocking until they get the
 * lock or give up. Both sides are single memory operations on a page the operating system shares between the
 * processes (the same way SQLite shares its {@code -shm} file), so knocking and looking cost nanoseconds.
 *
 * <p>Programs that do not knock (the {@code sqlite3} shell, other SDKs) are not seen; they wait at most the
 * group commit window.
 */
final class WriteWaits {
    private static final Logger LOG = LoggerFactory.getLogger(WriteWaits.class);
    private static final VarHandle COUNTER = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());

    /** For in-memory databases: nobody else can wait for them. */
    static final WriteWaits NONE = new WriteWaits(null, null);

    private final Path file;
    private final MappedByteBuffer counter;

    private WriteWaits(Path file, MappedByteBuffer counter) {
        this.file = file;
        this.counter = counter;
    }

    /** The counter file of a database: its canonical path with {@code -waiting} appended. */
    static Path fileOf(Path canonicalDatabase) {
        return canonicalDatabase.resolveSibling(canonicalDatabase.getFileName() + "-waiting");
    }

    /**
     * Opens (creating if needed) and maps the counter file.
     *
     * @throws StorageException when it cannot be created or mapped; the message names the file
     */
    static WriteWaits open(Path file) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE)) {
            // Mapping past the end grows a new file to 8 zero bytes; the mapping outlives the channel.
            return new WriteWaits(file, channel.map(FileChannel.MapMode.READ_WRITE, 0, Long.BYTES));
        } catch (IOException | RuntimeException e) {
            throw new StorageException("Cannot open the write-wait file " + file + ": " + e, e);
        }
    }

    /** Called on every retry of a connection waiting for the write lock. Never throws. */
    void knock() {
        if (counter == null) {
            return;
        }
        try {
            COUNTER.getAndAdd(counter, 0, 1L);
        } catch (RuntimeException | InternalError e) {
            // The file was truncated or replaced under us: the waiter still gets the lock, only later.
            LOG.debug("Knocking through " + file + " failed: " + e);
        }
    }

    /** The number of knocks so far, by anyone; only its changes mean something. */
    long knocks() {
        if (counter == null) {
            return 0;
        }
        try {
            return (long) COUNTER.getVolatile(counter, 0);
        } catch (RuntimeException | InternalError e) {
            LOG.debug("Reading " + file + " failed: " + e);
            return 0;
        }
    }

    /** The counter file, or null for {@link #NONE}. */
    Path file() {
        return file;
    }

    /** Deletes the counter file, best effort (on Windows it stays while mapped). */
    void deleteFile() {
        if (file != null) {
            try {
                java.nio.file.Files.deleteIfExists(file);
            } catch (java.io.IOException e) {
                LOG.debug("Could not delete " + file + ": " + e);
            }
        }
    }
}
