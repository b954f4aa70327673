package dev.hexsync.adapters.http;

import dev.hexsync.ports.transport.StreamLine;
import dev.hexsync.ports.transport.SyncStream;
import dev.hexsync.ports.transport.TransportException;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@code /sync/stream} response read frame by frame straight off the connection.
 *
 * <p>Closing works by cancelling the request, which makes HttpClient shut the socket at once: that is the one
 * thing that reliably unblocks a thread sitting in a socket read, and it never drains the rest of a body that
 * may never end. A read that fails because of such a close is not an error: {@link #next()} returns null.
 *
 * <p>Silence is detected by the socket read timeout (the transport's read timeout): the service sends a
 * keepalive line every 20 s or so, so a read that waits longer means the connection is gone, even when no
 * TCP reset ever arrives (a dead NAT mapping, a suspended laptop).
 */
final class HttpSyncStream implements SyncStream {
    private static final Logger LOG = LoggerFactory.getLogger(HttpSyncStream.class);

    private final HttpUriRequestBase request;
    private final InputStream body;
    private final StreamFormat format;
    private final ContentCoding coding;
    private final String origin;
    private final Duration silenceTimeout;
    private final Redactor redactor;
    private final AtomicBoolean closed = new AtomicBoolean();

    /** Touched by the reading thread only, as {@link SyncStream} allows a single reader. */
    private FrameReader frames;
    private boolean ended;
    private volatile long lines;

    HttpSyncStream(HttpUriRequestBase request, InputStream body, StreamFormat format,
            ContentCoding coding, String origin, Duration silenceTimeout, Redactor redactor) {
        this.request = request;
        this.body = body;
        this.format = format;
        this.coding = coding;
        this.origin = origin;
        this.silenceTimeout = silenceTimeout;
        this.redactor = redactor;
    }

    @Override
    public StreamLine next() {
        if (ended || closed.get()) {
            return null;
        }
        try {
            if (frames == null) {
                // Here rather than when the response opened: a gzip decoder reads its header, which blocks
                // until the service sends its first line, and openStream must not wait for that.
                frames = format.reader(coding.decode(body));
            }
            StreamLine line = frames.next();
            if (line == null) {
                end();
                LOG.debug("Sync stream from {} ended after {} lines", origin, lines);
                return null;
            }
            lines++;
            return line;
        } catch (IOException e) {
            if (closed.get()) {
                return null;
            }
            abort();
            throw failure(e);
        } catch (RuntimeException e) {
            if (closed.get()) {
                return null;
            }
            abort();
            throw e;
        }
    }

    private TransportException failure(IOException e) {
        if (isTimeout(e)) {
            return new TransportException("The sync stream from " + origin + " was silent for longer than "
                    + TransportFailures.describe(silenceTimeout) + " (the service sends a keepalive about every 20 s); "
                    + "treating the connection as dead", e);
        }
        return new TransportException("The sync stream from " + origin + " broke after " + lines + " lines: "
                + redactor.scrub(TransportFailures.describe(e)), e);
    }

    private static boolean isTimeout(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SocketTimeoutException) {
                return true;
            }
        }
        return false;
    }

    /**
     * The body ended cleanly. Reading to the end has usually given the connection back to the pool already;
     * when it has not (a gzip body can end before the chunked encoding does), the connection is discarded
     * rather than drained, which could block on a server that never sends the last chunk.
     */
    private void end() {
        ended = true;
        request.cancel();
    }

    /** The body broke: the connection is in an unknown state and must not be reused. */
    private void abort() {
        ended = true;
        request.cancel();
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            request.cancel();
            LOG.debug("Closed the sync stream from {} after {} lines", origin, lines);
        }
    }
}
