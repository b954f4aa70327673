package dev.hexsync.bootstrap.e2e;

import dev.hexsync.ports.transport.Credentials;
import dev.hexsync.ports.transport.SyncStream;
import dev.hexsync.ports.transport.SyncTransport;
import dev.hexsync.ports.transport.TransportException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A transport in front of the real one that counts calls and can hold the client's attempts to open a sync
 * stream at a gate. Holding reconnects is what makes a fault's aftermath observable without timing: while the
 * next attempt waits here, the error the last one recorded cannot be cleared, and a test can look at it, write
 * locally and change the source before letting the client back in.
 */
final class GatedTransport implements SyncTransport, AutoCloseable {
    private final SyncTransport delegate;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final AtomicInteger streamsOpened = new AtomicInteger();
    private final AtomicInteger writeCheckpoints = new AtomicInteger();
    private final AtomicInteger checkpointRequests = new AtomicInteger();
    // Guarded by lock.
    private boolean holding;
    private int passes;
    private int waiting;
    private boolean closed;
    private String lastRequestBody;

    GatedTransport(SyncTransport delegate) {
        this.delegate = delegate;
    }

    @Override
    public SyncStream openStream(Credentials credentials, String requestBody) {
        streamsOpened.incrementAndGet();
        lock.lock();
        try {
            lastRequestBody = requestBody;
            waiting++;
            changed.signalAll();
            long left = Eventually.TIMEOUT.toNanos();
            while (holding && passes == 0 && !closed) {
                if (left <= 0) {
                    throw new TransportException("the test held this reconnect and never let it through");
                }
                left = changed.awaitNanos(left);
            }
            if (closed) {
                throw new IllegalStateException("the transport was closed");
            }
            if (holding) {
                passes--;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransportException("interrupted at the test's gate", e);
        } finally {
            waiting--;
            changed.signalAll();
            lock.unlock();
        }
        return delegate.openStream(credentials, requestBody);
    }

    @Override
    public String fetchWriteCheckpoint(Credentials credentials, String clientId) {
        writeCheckpoints.incrementAndGet();
        return delegate.fetchWriteCheckpoint(credentials, clientId);
    }

    @Override
    public String postCheckpointRequest(Credentials credentials, String clientId, String checkpointRequestId) {
        checkpointRequests.incrementAndGet();
        return delegate.postCheckpointRequest(credentials, clientId, checkpointRequestId);
    }

    /** From now on, attempts to open a stream wait at the gate. */
    void hold() {
        lock.lock();
        try {
            holding = true;
            passes = 0;
        } finally {
            lock.unlock();
        }
    }

    /** Lets exactly one waiting (or the next) attempt through; the gate stays closed for the ones after it. */
    void letOneThrough() {
        lock.lock();
        try {
            passes++;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Opens the gate for good. */
    void release() {
        lock.lock();
        try {
            holding = false;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Waits until an attempt is waiting at the gate, after {@code opened} attempts in all. */
    void awaitWaiting(int opened) {
        lock.lock();
        try {
            long left = Eventually.TIMEOUT.toNanos();
            while (waiting == 0 || streamsOpened.get() < opened) {
                if (left <= 0) {
                    throw new AssertionError("no reconnect reached the gate within " + Eventually.TIMEOUT
                            + "; attempts so far: " + streamsOpened.get());
                }
                left = changed.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        } finally {
            lock.unlock();
        }
    }

    int streamsOpened() {
        return streamsOpened.get();
    }

    int writeCheckpoints() {
        return writeCheckpoints.get();
    }

    int checkpointRequests() {
        return checkpointRequests.get();
    }

    /** The body of the last stream request the client made (sent or waiting at the gate). */
    String lastRequestBody() {
        lock.lock();
        try {
            return lastRequestBody;
        } finally {
            lock.unlock();
        }
    }

    /** Releases anyone waiting, then closes the real transport. */
    @Override
    public void close() throws Exception {
        lock.lock();
        try {
            closed = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        if (delegate instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }
}
