package dev.hexsync.emulator;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Fault switches for tests. Each switch arms a fault for the next matching requests or streams and disarms
 * itself once used; {@link #reset()} disarms everything. To break a stream that is already open, use
 * {@link SyncConnection#drop()}, {@link SyncConnection#end()} or {@link SyncConnection#stall(Duration)}.
 *
 * <p>Error answers carry the service's error body ({@code {"error": {"code": "PSYNC_...", ...}}}): 400
 * {@code PSYNC_S2001}, 401 {@code PSYNC_S2101}, 404 {@code PSYNC_S2002}, 500 {@code PSYNC_S2302}, 503
 * {@code PSYNC_S2003}; 429 has an empty body, as the service's connection limit does.
 */
public final class Faults {

    /** A fault for one request: a delay before answering and/or an error status (0 = none). */
    record RequestFault(Duration stall, int status) {
        static final RequestFault NONE = new RequestFault(Duration.ZERO, 0);
    }

    /** A fault for one stream: after {@code afterLines} whole lines, half a line, then a drop or a normal end. */
    record StreamFault(int afterLines, boolean drop) {
    }

    private static final class Armed {
        final String path;
        int remaining;
        final int status;
        final Duration stall;

        Armed(String path, int remaining, int status, Duration stall) {
            this.path = path;
            this.remaining = remaining;
            this.status = status;
            this.stall = stall;
        }
    }

    private final List<Armed> requestFaults = new ArrayList<>();
    private final List<StreamFault> streamFaults = new ArrayList<>();
    private int corruptChecksums;

    Faults() {
    }

    /** Answers the next {@code count} requests, on any path, with {@code status} and the service's error body. */
    public synchronized Faults failNext(int count, int status) {
        return failNext(null, count, status);
    }

    /** Answers the next {@code count} requests to {@code path} (e.g. {@code /sync/stream}) with {@code status}. */
    public synchronized Faults failNext(String path, int count, int status) {
        if (count < 1 || status < 400 || status > 599) {
            throw new IllegalArgumentException("need count >= 1 and an error status, got " + count + ", " + status);
        }
        requestFaults.add(new Armed(path, count, status, Duration.ZERO));
        return this;
    }

    /** Delays the next request to {@code path} (null: any path) by {@code duration} before it is handled. */
    public synchronized Faults stallNext(String path, Duration duration) {
        requestFaults.add(new Armed(path, 1, 0, requireNonNull(duration, "duration is null")));
        return this;
    }

    /**
     * The next sync stream sends {@code afterLines} whole lines, then half of the next one, then the socket
     * closes without ending the body: the client sees an I/O error mid-line.
     */
    public synchronized Faults dropNextStream(int afterLines) {
        streamFaults.add(new StreamFault(requireNotNegative(afterLines), true));
        return this;
    }

    /**
     * The next sync stream sends {@code afterLines} whole lines, then half of the next one, then ends the body
     * normally: the client sees a truncated last line and a clean end of stream.
     */
    public synchronized Faults truncateNextStream(int afterLines) {
        streamFaults.add(new StreamFault(requireNotNegative(afterLines), false));
        return this;
    }

    /**
     * The next checkpoint or diff that announces a bucket (on any stream) announces the first bucket's
     * checksum off by one, so the client's validation fails; the emulator's own state stays right.
     */
    public synchronized Faults corruptNextChecksum() {
        corruptChecksums++;
        return this;
    }

    /** Disarms every switch. */
    public synchronized void reset() {
        requestFaults.clear();
        streamFaults.clear();
        corruptChecksums = 0;
    }

    synchronized RequestFault takeRequestFault(String path) {
        Duration stall = Duration.ZERO;
        int status = 0;
        for (Iterator<Armed> it = requestFaults.iterator(); it.hasNext(); ) {
            Armed armed = it.next();
            if (armed.path != null && !armed.path.equals(path)) {
                continue;
            }
            boolean isStall = armed.status == 0;
            if (isStall ? !stall.isZero() : status != 0) {
                continue;
            }
            if (isStall) {
                stall = armed.stall;
            } else {
                status = armed.status;
            }
            if (--armed.remaining == 0) {
                it.remove();
            }
        }
        return stall.isZero() && status == 0 ? RequestFault.NONE : new RequestFault(stall, status);
    }

    synchronized StreamFault takeStreamFault() {
        return streamFaults.isEmpty() ? null : streamFaults.remove(0);
    }

    synchronized boolean takeChecksumCorruption() {
        if (corruptChecksums == 0) {
            return false;
        }
        corruptChecksums--;
        return true;
    }

    private static int requireNotNegative(int lines) {
        if (lines < 0) {
            throw new IllegalArgumentException("afterLines must be >= 0, got " + lines);
        }
        return lines;
    }
}
