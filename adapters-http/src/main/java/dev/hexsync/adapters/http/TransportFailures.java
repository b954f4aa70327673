package dev.hexsync.adapters.http;

import dev.hexsync.ports.transport.TransportException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import javax.net.ssl.SSLException;
import org.apache.hc.client5.http.ConnectTimeoutException;

/** Turns a failed call's I/O exception into a {@link TransportException} whose message names the cause and route. */
final class TransportFailures {
    private final Duration connectTimeout;
    private final Duration readTimeout;

    /** The transport's timeouts, named in the messages of calls that ran out of them. */
    TransportFailures(Duration connectTimeout, Duration readTimeout) {
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
    }

    /** The port's error for an I/O failure of {@code call} on {@code route}, saying what happened in words. */
    TransportException of(String route, ServiceCall call, IOException e) {
        URI endpoint = call.endpoint();
        String cause = call.redactor().scrub(describe(e));
        if (e instanceof ConnectTimeoutException) {
            return new TransportException("Could not connect to the sync service at " + endpoint + " within "
                    + describe(connectTimeout) + " (" + route + ")", e);
        }
        if (e instanceof SocketTimeoutException) {
            return new TransportException("The sync service at " + endpoint + " did not answer " + route + " within "
                    + describe(readTimeout), e);
        }
        if (e instanceof UnknownHostException) {
            return new TransportException("Unknown sync service host '" + endpoint.getHost() + "' (" + route + ")", e);
        }
        if (e instanceof ConnectException) {
            return new TransportException("Could not connect to the sync service at " + endpoint + " (" + route + "): "
                    + cause, e);
        }
        if (e instanceof SSLException) {
            return new TransportException("TLS with the sync service at " + endpoint + " failed (" + route + "): "
                    + cause, e);
        }
        return new TransportException("Could not reach the sync service at " + endpoint + " (" + route + "): "
                + cause, e);
    }

    /** An exception in a message: its type says as much as its text (e.g. a bare "Connection reset"). */
    static String describe(Throwable e) {
        String message = e.getMessage();
        String type = e.getClass().getSimpleName();
        return message == null || message.isBlank() ? type : type + ": " + message;
    }

    /** A duration as people read it: "40 s", "250 ms". */
    static String describe(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }
}
